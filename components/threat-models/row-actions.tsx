"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { deleteThreatModelAction, duplicateThreatModelAction } from "@/lib/actions/threat-models";
import { cx } from "@/lib/cx";
import { DELETE_TITLE_MISMATCH } from "@/lib/validation/threat-model";

const ITEM = "flex w-full items-center px-3 py-2 text-left text-sm text-slate-800 hover:bg-slate-100 focus:bg-slate-100 focus:outline-none";

/**
 * The actions of one model row as a menu button (WAI-ARIA APG "menu button"): Enter, Space or
 * the arrow keys open it, arrows and Home/End move between items, Escape closes it and returns
 * focus to the button, Tab leaves it. Duplicate and Delete show only to roles that may use them;
 * the server checks again either way.
 */
export function RowActions({
  organizationSlug,
  model,
  canDuplicate,
  canDelete,
  onDeleted,
}: {
  organizationSlug: string;
  model: { id: string; title: string };
  canDuplicate: boolean;
  canDelete: boolean;
  onDeleted: (title: string) => void;
}) {
  const router = useRouter();
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<false | "first" | "last">(false);
  const [position, setPosition] = useState<{ top: number; right: number } | null>(null);
  const [deleting, setDeleting] = useState(false);
  const duplicate = useAction((input: { id: string }) => duplicateThreatModelAction(organizationSlug, input));

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  // The menu is fixed to the viewport next to its button, so the table's scrolling container
  // cannot clip it; it opens upwards when there is no room below.
  useLayoutEffect(() => {
    if (!open || !buttonRef.current || !menuRef.current) return;
    const button = buttonRef.current.getBoundingClientRect();
    const height = menuRef.current.offsetHeight;
    const below = button.bottom + 4;
    setPosition({ top: below + height > window.innerHeight ? Math.max(4, button.top - 4 - height) : below, right: Math.max(4, window.innerWidth - button.right) });
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const list = items();
    (open === "last" ? list[list.length - 1] : list[0])?.focus();
    const outside = (event: Event) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    // A fixed menu would drift away from its row on scroll, so scrolling closes it.
    const dismiss = () => setOpen(false);
    document.addEventListener("pointerdown", outside);
    window.addEventListener("scroll", dismiss, true);
    window.addEventListener("resize", dismiss);
    return () => {
      document.removeEventListener("pointerdown", outside);
      window.removeEventListener("scroll", dismiss, true);
      window.removeEventListener("resize", dismiss);
    };
  }, [open]);

  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(event.key === "ArrowUp" ? "last" : "first");
    }
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => list[(i + list.length) % list.length]?.focus();
    if (event.key === "ArrowDown") focus(index + 1);
    else if (event.key === "ArrowUp") focus(index - 1);
    else if (event.key === "Home") focus(0);
    else if (event.key === "End") focus(list.length - 1);
    else if (event.key === "Escape") close(true);
    else if (event.key === "Tab") {
      setOpen(false);
      return;
    } else return;
    event.preventDefault();
  };

  return (
    <div className="inline-flex flex-col items-end gap-1">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={Boolean(open)}
        aria-controls={open ? menuId : undefined}
        aria-label={`Actions for ${model.title}`}
        onClick={() => (open ? close(false) : setOpen("first"))}
        onKeyDown={onButtonKey}
        className="inline-flex h-8 w-8 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4" fill="currentColor">
          <circle cx="3" cy="8" r="1.5" />
          <circle cx="8" cy="8" r="1.5" />
          <circle cx="13" cy="8" r="1.5" />
        </svg>
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={`Actions for ${model.title}`}
          onKeyDown={onMenuKey}
          // Transparent, not hidden, until placed: a hidden item could not take focus.
          style={position ? { top: position.top, right: position.right } : { top: 0, right: 0, opacity: 0 }}
          className="fixed z-30 min-w-40 overflow-hidden rounded-md border border-slate-200 bg-white py-1 text-left normal-case shadow-lg"
        >
          <Link role="menuitem" tabIndex={-1} href={`/${organizationSlug}/models/${model.id}`} className={ITEM} onClick={() => setOpen(false)}>
            Open
          </Link>
          {canDuplicate && (
            <button
              role="menuitem"
              tabIndex={-1}
              type="button"
              className={ITEM}
              aria-disabled={duplicate.pending || undefined}
              onClick={() => {
                close(true);
                if (!duplicate.pending) duplicate.run({ id: model.id }, ({ path }) => router.push(path));
              }}
            >
              Duplicate
            </button>
          )}
          {canDelete && (
            <button
              role="menuitem"
              tabIndex={-1}
              type="button"
              className={cx(ITEM, "text-red-700")}
              onClick={() => {
                setOpen(false);
                setDeleting(true);
              }}
            >
              Delete…
            </button>
          )}
        </div>
      )}
      {duplicate.pending && (
        <span role="status" className="text-xs text-slate-600">
          Duplicating…
        </span>
      )}
      {duplicate.error && (
        <span role="alert" className="max-w-56 text-xs text-red-700">
          {duplicate.error}
        </span>
      )}
      {deleting && (
        <DeleteModelDialog
          organizationSlug={organizationSlug}
          model={model}
          onCancel={() => {
            setDeleting(false);
            buttonRef.current?.focus();
          }}
          onDeleted={() => {
            setDeleting(false);
            onDeleted(model.title);
          }}
        />
      )}
    </div>
  );
}

/**
 * Deleting asks for the model's title to be typed, because it removes every threat, mitigation
 * and review of the model at once. The server compares the title too; its message shows here.
 */
function DeleteModelDialog({ organizationSlug, model, onCancel, onDeleted }: { organizationSlug: string; model: { id: string; title: string }; onCancel: () => void; onDeleted: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = useId();
  const inputId = `${ids}-title`;
  const [mismatch, setMismatch] = useState(false);
  const action = useAction((input: { id: string; title: string }) => deleteThreatModelAction(organizationSlug, input));
  const fieldError = mismatch ? DELETE_TITLE_MISMATCH : action.fieldError("title");

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${ids}-heading`}
      aria-describedby={`${ids}-text`}
      // Escape and Cancel close the dialog natively; keep React's state in step with it.
      onClose={onCancel}
      onCancel={(event) => {
        if (action.pending) event.preventDefault();
      }}
      className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-lg border border-slate-200 p-0 text-left normal-case shadow-xl backdrop:bg-slate-900/40"
    >
      <form
        noValidate
        className="space-y-4 p-5"
        onSubmit={(event) => {
          event.preventDefault();
          const typed = inputRef.current?.value ?? "";
          // The same comparison the server makes, answered without a round trip.
          if (typed.trim() !== model.title) {
            setMismatch(true);
            action.reset();
            inputRef.current?.focus();
            return;
          }
          setMismatch(false);
          // On success the dialog unmounts without a close event, so onCancel does not run.
          action.run({ id: model.id, title: typed }, onDeleted);
        }}
      >
        <div>
          <h2 id={`${ids}-heading`} className="text-lg font-semibold text-slate-900">
            Delete threat model
          </h2>
          <p id={`${ids}-text`} className="mt-1 text-sm text-slate-600">
            This deletes <strong className="font-semibold text-slate-900">{model.title}</strong> with all of its threats, mitigations, residual risks, approvals and comments. It cannot be undone;
            the audit trail keeps a record of the deletion.
          </p>
        </div>
        {action.error && !action.fieldError("title") && <Alert tone="error">{action.error}</Alert>}
        <Field id={inputId} label="Type the model’s title to confirm" hint="Exactly as shown above, capitals included." error={fieldError}>
          <Input
            ref={inputRef}
            id={inputId}
            name="title"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            invalid={Boolean(fieldError)}
            aria-describedby={describedBy(inputId, fieldError, true)}
            onChange={() => mismatch && setMismatch(false)}
          />
        </Field>
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="secondary" disabled={action.pending} onClick={() => ref.current?.close()}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" pending={action.pending}>
            Delete threat model
          </Button>
        </div>
      </form>
    </dialog>
  );
}
