"use client";
import { useEffect, useState } from "react";

/** The shape request ids have (proxy.ts keeps an incoming id of this form as the client's). */
function newReference(): string {
  const hex = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The reference an error page shows: the server's id of the request that reports the error, so the
 * log line carrying it is the one an administrator looks for. The browser's own id (logged beside
 * it as the client's) is shown when the report cannot be sent; chosen after mounting, so the
 * server's and the browser's first render agree.
 */
export function useErrorReference(error: Error & { digest?: string }): string | null {
  const [reference, setReference] = useState<string | null>(null);
  useEffect(() => {
    const id = newReference();
    const report = {
      message: error.message.slice(0, 2_000),
      digest: error.digest,
      path: window.location.pathname.slice(0, 2_000),
      stack: error.stack?.slice(0, 8_000),
    };
    let current = true;
    const show = (value: string) => current && setReference(value);
    fetch("/api/client-errors", {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": id },
      body: JSON.stringify(report),
      keepalive: true,
    })
      .then(async (response) => {
        const answer = (await response.json().catch(() => null)) as { reference?: unknown } | null;
        show(typeof answer?.reference === "string" ? answer.reference : id);
      })
      .catch(() => show(id));
    return () => {
      current = false;
    };
  }, [error]);
  return reference;
}
