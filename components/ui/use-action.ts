"use client";
import { useCallback, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";

/**
 * Calls a server action from a client component: pending state, the last result, and field
 * errors. A network failure becomes a message; the form's values are never cleared by it.
 */
export function useAction<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult<T> | null>(null);

  const run = useCallback(
    (input: I, onSuccess?: (data: T) => void | Promise<void>) =>
      startTransition(async () => {
        let next: ActionResult<T>;
        try {
          next = await action(input);
        } catch {
          next = { ok: false, code: "network", message: "Could not reach ThreatDesk. Check your connection and try again; nothing you typed was lost." };
        }
        setResult(next);
        if (next.ok && onSuccess) await onSuccess(next.data);
      }),
    [action],
  );

  const fieldError = (name: string) => (result && !result.ok ? result.fieldErrors?.[name] : undefined);
  const error = result && !result.ok ? result.message : null;
  /** The refusal to show above a form: none when the fields carry their own messages (shown beside them). */
  const formError = result && !result.ok && !result.fieldErrors ? result.message : null;
  return { pending, result, run, fieldError, error, formError, reset: () => setResult(null) };
}

/** The named string fields of a submitted form. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, key) => {
    if (typeof value === "string") values[key] = value;
  });
  return values;
}
