"use client";
import { useState } from "react";
import { z } from "zod";

/**
 * A form checked in the browser with the schema the server checks it with again, which saves a
 * round trip: the schema's messages show beside the fields, else the server's (`serverError`).
 */
export function useCheckedForm<S extends z.ZodType>(schema: S, serverError: (name: string) => string[] | undefined) {
  const [clientErrors, setClientErrors] = useState<Record<string, string[] | undefined>>({});
  const errorOf = (name: string) => clientErrors[name] ?? serverError(name);
  /** The values as the schema reads them, or null when it refuses them (its messages then show). */
  const check = (values: unknown): z.output<S> | null => {
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      setClientErrors(z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>);
      return null;
    }
    setClientErrors({});
    return parsed.data;
  };
  return { errorOf, check };
}
