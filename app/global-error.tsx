"use client";
import { useErrorReference } from "@/components/ui/error-reference";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const reference = useErrorReference(error);
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "4rem 1rem", textAlign: "center", color: "#0f172a" }}>
        <h1 style={{ fontSize: "1.5rem", fontWeight: 600 }}>ThreatDesk could not load</h1>
        <p style={{ color: "#475569" }}>Nothing was changed. Try again in a moment; if it keeps happening, send your administrator the reference below.</p>
        <p style={{ fontFamily: "monospace", fontSize: "0.75rem", color: "#334155" }} data-testid="error-reference">
          Reference: {reference ?? "…"}
        </p>
        <button onClick={reset} style={{ marginTop: "1rem", padding: "0.5rem 1rem", border: "1px solid #cbd5e1", borderRadius: 6, background: "#fff" }}>
          Try again
        </button>
      </body>
    </html>
  );
}
