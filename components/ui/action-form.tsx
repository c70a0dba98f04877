"use client";
import type { ReactNode, Ref } from "react";
import { Alert } from "@/components/ui/alert";
import { formValues } from "@/components/ui/use-action";

/**
 * A form that sends its values to a server action (through `useAction`, which holds the pending
 * state and the field errors): the browser's own validation is off, so the server's messages
 * show beside the fields; a refusal shows `error` above them, and a success `success`. A refused
 * or failed submit never clears what was typed.
 */
export function ActionForm({
  label,
  onSubmit,
  error,
  success,
  className,
  ref,
  children,
}: {
  /** The form's accessible name. */
  label: string;
  /** Gets the form's named string values (and the form, to reset it). */
  onSubmit: (values: Record<string, string>, form: HTMLFormElement) => void;
  error?: string | null;
  success?: ReactNode;
  className?: string;
  ref?: Ref<HTMLFormElement>;
  children: ReactNode;
}) {
  return (
    <form
      ref={ref}
      noValidate
      aria-label={label}
      className={className}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(formValues(event.currentTarget), event.currentTarget);
      }}
    >
      {error && <Alert tone="error">{error}</Alert>}
      {success && <Alert tone="success">{success}</Alert>}
      {children}
    </form>
  );
}
