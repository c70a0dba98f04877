"use client";
import * as RadixMenu from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import { useEffect, useRef, type ComponentProps, type ReactElement, type ReactNode } from "react";
import type { OpenedBy } from "@/components/ui/deferred-menu";
import { cx } from "@/lib/cx";

const ITEM =
  "flex w-full cursor-pointer items-center px-3 py-2 text-left text-sm outline-none select-none data-[disabled]:cursor-not-allowed data-[highlighted]:bg-slate-100";
const TONES = { default: "text-slate-800", brand: "text-brand-700", danger: "text-red-700" };
type Tone = keyof typeof TONES;

/**
 * A menu button (WAI-ARIA APG "menu button"): Enter, Space or the arrow keys open it, the arrows,
 * Home, End and the first letters move between items, Escape closes it and returns the focus to
 * its button. It floats beside its button, flipping upwards when there is no room below, and
 * leaves the rest of the page usable while open: a click elsewhere closes it and still counts.
 */
export function Menu({
  trigger,
  label,
  align = "end",
  defaultOpen,
  className,
  onCloseAutoFocus,
  children,
}: {
  /** The button that opens the menu: one element, which receives the menu button's ARIA state. */
  trigger: ReactElement;
  /** The menu's accessible name, when its items do not say enough on their own. */
  label?: string;
  align?: "start" | "end";
  /**
   * Open as it mounts: a menu whose code loads on first use opens at once, its first item focused
   * when the keyboard opened it, as a loaded menu button does.
   */
  defaultOpen?: boolean | OpenedBy;
  className?: string;
  /** Lets an item that opens a dialog keep the focus there rather than on the menu's button. */
  onCloseAutoFocus?: (event: Event) => void;
  children: ReactNode;
}) {
  const contentRef = useRef<HTMLDivElement>(null);
  const openedByKeyboard = defaultOpen === "keyboard";
  useEffect(() => {
    // Radix has focused the menu itself by now; the keyboard that opened it expects the first item.
    if (openedByKeyboard) contentRef.current?.querySelector<HTMLElement>('[role="menuitem"]:not([data-disabled])')?.focus();
  }, [openedByKeyboard]);
  return (
    <RadixMenu.Root modal={false} defaultOpen={Boolean(defaultOpen)}>
      <RadixMenu.Trigger asChild>{trigger}</RadixMenu.Trigger>
      {/* Not portalled: it stays inside its button's landmark. Radix places it with fixed
          positioning, so a scrolling table does not clip it. */}
      <RadixMenu.Content
        ref={contentRef}
        align={align}
        sideOffset={4}
        collisionPadding={8}
        aria-label={label}
        onCloseAutoFocus={onCloseAutoFocus}
        className={cx("z-40 min-w-40 overflow-hidden rounded-md border border-slate-200 bg-white py-1 text-left normal-case shadow-lg", className)}
      >
        {children}
      </RadixMenu.Content>
    </RadixMenu.Root>
  );
}

/** An item that does something; `onSelect` runs and the menu closes. */
export function MenuItem({ onSelect, disabled, tone = "default", children }: { onSelect: () => void; disabled?: boolean; tone?: Tone; children: ReactNode }) {
  return (
    <RadixMenu.Item onSelect={onSelect} disabled={disabled} className={cx(ITEM, TONES[tone])}>
      {children}
    </RadixMenu.Item>
  );
}

/** An item that goes somewhere: a client-side link, or with `download`, a plain link to a file. */
export function MenuLink({
  href,
  download,
  tone = "default",
  className,
  children,
  ...props
}: { href: string; download?: boolean; tone?: Tone; className?: string; children: ReactNode } & Pick<ComponentProps<"a">, "aria-current">) {
  return (
    <RadixMenu.Item asChild className={cx(ITEM, TONES[tone], className)}>
      {download ? (
        <a href={href} download {...props}>
          {children}
        </a>
      ) : (
        <Link href={href} {...props}>
          {children}
        </Link>
      )}
    </RadixMenu.Item>
  );
}

/** A heading inside the menu; not an item, so the arrow keys pass over it. */
export function MenuLabel({ children }: { children: ReactNode }) {
  return <RadixMenu.Label className="px-3 py-1.5 text-xs font-medium text-slate-600">{children}</RadixMenu.Label>;
}

export function MenuSeparator() {
  return <RadixMenu.Separator className="my-1 border-t border-slate-100" />;
}
