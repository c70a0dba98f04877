"use client";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "4rem 1rem", textAlign: "center", color: "#0f172a" }}>
        <h1 style={{ fontSize: "1.5rem", fontWeight: 600 }}>ThreatDesk could not load</h1>
        <p style={{ color: "#475569" }}>Nothing was changed. Try again in a moment.</p>
        {error.digest && <p style={{ fontFamily: "monospace", fontSize: "0.75rem", color: "#64748b" }}>Reference: {error.digest}</p>}
        <button onClick={reset} style={{ marginTop: "1rem", padding: "0.5rem 1rem", border: "1px solid #cbd5e1", borderRadius: 6, background: "#fff" }}>
          Try again
        </button>
      </body>
    </html>
  );
}
