"use client";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { useErrorReference } from "@/components/ui/error-reference";

// Unexpected errors: a generic message and a reference that matches the server's log line.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const reference = useErrorReference(error);
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold text-slate-900">Something went wrong</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        This page could not be shown. Nothing was changed. Try again; if it keeps happening, send your administrator the reference below.
      </p>
      <p className="mt-3 font-mono text-xs text-slate-700" data-testid="error-reference">
        Reference: {reference ?? "…"}
      </p>
      <Button className="mt-6" variant="secondary" onClick={reset}>
        Try again
      </Button>
    </main>
  );
}
