// Server configuration read from the environment (see .env.example). Read lazily so that
// `next build` works without any of it.
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see .env.example)`);
  return value;
}

/** A positive number setting; unset, empty or not a positive number falls back to the default. */
function positiveNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export const config = {
  /** Keys the HMAC chain of the audit trail; changing it makes old events fail verification. */
  auditSecret: () => required("AUDIT_SECRET"),
  /** Demo mode shows the demo accounts on the sign-in page. Set by the launcher on embedded data. */
  demoMode: () => process.env.THREATDESK_DEMO === "1",
  demoPassword: () => process.env.THREATDESK_DEMO_PASSWORD ?? "threatdesk-demo-2026",
  /** Absolute session lifetime in hours, however active the session is. */
  sessionHours: () => positiveNumber("SESSION_HOURS", 12),
  /** A session not used for this many minutes ends (checked on the server, on every request). */
  sessionIdleMinutes: () => positiveNumber("SESSION_IDLE_MINUTES", 30),
  /** Cookies get `Secure` and the `__Host-` prefix when the public URL is https. */
  secureCookies: () => (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
};
