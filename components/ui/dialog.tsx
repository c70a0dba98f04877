"use client";
import * as RadixDialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/lib/cx";

const WIDTHS = { sm: "w-[min(30rem,calc(100vw-2rem))]", md: "w-[min(32rem,calc(100vw-2rem))]", lg: "w-[min(56rem,calc(100vw-2rem))]" };

/**
 * A modal dialog: it takes the focus and keeps it inside, hides the page from assistive
 * technology, and hands the focus back to what had it when it closes. Escape closes it unless it
 * is not `dismissible` (while its action runs, or while it waits for a choice); a click beside it
 * never does, so nothing typed in it is lost by a stray click.
 */
export function Dialog({
  open = true,
  onOpenChange,
  onCloseAutoFocus,
  title,
  description,
  dismissible = true,
  size = "md",
  busy,
  testId,
  children,
}: {
  open?: boolean;
  /** Called with false when Escape or a close button asks to close it. */
  onOpenChange?: (open: boolean) => void;
  /** Where the focus goes on closing, when not back to what had it before (prevent the event and move it). */
  onCloseAutoFocus?: (event: Event) => void;
  title: ReactNode;
  description?: ReactNode;
  dismissible?: boolean;
  size?: keyof typeof WIDTHS;
  busy?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <RadixDialog.Content
          // Without a description Radix would point aria-describedby at nothing.
          {...(description ? {} : { "aria-describedby": undefined })}
          aria-busy={busy || undefined}
          data-testid={testId}
          onEscapeKeyDown={(event) => !dismissible && event.preventDefault()}
          onInteractOutside={(event) => event.preventDefault()}
          onCloseAutoFocus={onCloseAutoFocus}
          className={cx(
            "fixed top-1/2 left-1/2 z-50 max-h-[calc(100vh-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg border border-slate-200 bg-white p-5 text-left normal-case shadow-xl focus:outline-none",
            WIDTHS[size],
          )}
        >
          <RadixDialog.Title className="text-lg font-semibold text-slate-900">{title}</RadixDialog.Title>
          {description && <RadixDialog.Description className="mt-1 text-sm text-slate-600">{description}</RadixDialog.Description>}
          <div className="mt-4">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** The dialog's buttons, at its foot: Cancel (which closes it) and the dialog's own action. */
export function DialogActions({ cancelDisabled, children }: { cancelDisabled?: boolean; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <RadixDialog.Close asChild>
        <Button type="button" variant="secondary" disabled={cancelDisabled}>
          Cancel
        </Button>
      </RadixDialog.Close>
      {children}
    </div>
  );
}
