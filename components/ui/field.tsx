import type { ComponentProps, ReactNode } from "react";
import { cx } from "@/lib/cx";

// One class, defined in app/globals.css with the buttons' (see there why).
const CONTROL = "form-control";

/** What wires a control to its Field: its id, whether it is invalid, and what describes it. */
export type FieldControl = { id: string; invalid: boolean; "aria-describedby": string | undefined };

/**
 * A labelled form control with its hint and error, wired for screen readers. Given a function as
 * its child, it hands the control the id, invalid state and description it needs.
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | string[];
  children: ReactNode | ((control: FieldControl) => ReactNode);
}) {
  const message = Array.isArray(error) ? error[0] : error;
  const control: FieldControl = { id, invalid: Boolean(message), "aria-describedby": describedBy(id, error, hint) };
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {typeof children === "function" ? children(control) : children}
      {hint && !message && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {message && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700" data-field-error>
          {message}
        </p>
      )}
    </div>
  );
}

export function describedBy(id: string, error?: string | string[], hint?: unknown) {
  if (error && error.length) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

export function Input({ className, invalid, ...props }: ComponentProps<"input"> & { invalid?: boolean }) {
  return <input className={cx(CONTROL, className)} aria-invalid={invalid || undefined} {...props} />;
}

export function Select({ className, invalid, ...props }: ComponentProps<"select"> & { invalid?: boolean }) {
  return <select className={cx(CONTROL, "pr-8", className)} aria-invalid={invalid || undefined} {...props} />;
}

export function Textarea({ className, invalid, ...props }: ComponentProps<"textarea"> & { invalid?: boolean }) {
  return <textarea className={cx(CONTROL, className)} aria-invalid={invalid || undefined} {...props} />;
}

/** A select's options, each a value and what it reads as. */
export function Options({ options }: { options: readonly { value: string; label: string; disabled?: boolean }[] }) {
  return options.map((o) => (
    <option key={o.value} value={o.value} disabled={o.disabled}>
      {o.label}
    </option>
  ));
}
