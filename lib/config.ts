// Server configuration read from the environment (see .env.example). Read lazily so that
// `next build` works without any of it.
import fs from "node:fs";
import { DEFAULT_LOCKOUT, type LockoutPolicy } from "./domain/lockout";
import { DEFAULT_RATE_LIMITS, limitVariable, parseLimit, type RateLimitPolicy, type RateLimitPolicyName, type RateLimitScope } from "./domain/rate-limit";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see .env.example)`);
  return value;
}

export const config = {
  /** Keys the HMAC chain of the audit trail; changing it makes old events fail verification. */
  auditSecret: () => required("AUDIT_SECRET"),
  /**
   * Signs the audit trail's checkpoints (Ed25519, PEM or base64 PKCS#8): AUDIT_SIGNING_KEY, or the
   * file AUDIT_SIGNING_KEY_FILE names. Kept out of the database, so no one who can only rewrite
   * the database can sign a checkpoint. Null when neither is set: no checkpoints are written.
   */
  auditSigningKey: (): { text: string; source: string } | null => {
    const inline = process.env.AUDIT_SIGNING_KEY;
    if (inline) return { text: inline, source: "AUDIT_SIGNING_KEY" };
    const file = process.env.AUDIT_SIGNING_KEY_FILE;
    if (!file) return null;
    try {
      return { text: fs.readFileSync(file, "utf8"), source: `AUDIT_SIGNING_KEY_FILE (${file})` };
    } catch (error) {
      throw new Error(`AUDIT_SIGNING_KEY_FILE: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  },
  /** Demo mode shows the demo accounts on the sign-in page. Set by the launcher on embedded data. */
  demoMode: () => process.env.THREATDESK_DEMO === "1",
  demoPassword: () => process.env.THREATDESK_DEMO_PASSWORD ?? "threatdesk-demo-2026",
  /** Absolute session lifetime in hours, however active the session is. */
  sessionHours: () => positive("SESSION_HOURS", 12),
  /** A session not used for this many minutes ends (checked on the server, on every request). */
  sessionIdleMinutes: () => positive("SESSION_IDLE_MINUTES", 30),
  /** Cookies get `Secure` and the `__Host-` prefix when the public URL is https. */
  secureCookies: () => (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
  /**
   * The proxies whose X-Forwarded-For / X-Real-IP are believed: comma-separated IPs and CIDRs.
   * Empty (the default): no header is, and the client IP is the connection's own address.
   */
  trustedProxies: () => process.env.TRUSTED_PROXIES ?? "",
  /** A rate-limit policy with its RATE_LIMIT_<POLICY>_<IP|ACCOUNT> overrides ("5/1m"). */
  rateLimit: (name: RateLimitPolicyName): RateLimitPolicy => {
    const policy = DEFAULT_RATE_LIMITS[name];
    const limit = (scope: RateLimitScope) => {
      const variable = limitVariable(name, scope);
      const text = process.env[variable];
      if (text === undefined || text === "") return policy[scope];
      const parsed = parseLimit(text);
      if (!parsed) throw new Error(`${variable}="${text}" is not a limit: write it as attempts/window, e.g. 5/1m, 10/15m or 3/1h`);
      return parsed;
    };
    return { ...policy, ip: limit("ip"), account: limit("account") };
  },
  /** LOCKOUT_ATTEMPTS consecutive failed sign-ins lock an account for LOCKOUT_MINUTES. */
  lockout: (): LockoutPolicy => ({
    attempts: positive("LOCKOUT_ATTEMPTS", DEFAULT_LOCKOUT.attempts),
    minutes: positive("LOCKOUT_MINUTES", DEFAULT_LOCKOUT.minutes),
  }),
  /** Outgoing mail server (smtp:// or smtps://, credentials in the URL); unset = no mail is sent. */
  smtpUrl: () => process.env.SMTP_URL || null,
  /** The sender of every email. */
  mailFrom: () => process.env.MAIL_FROM || "ThreatDesk <threatdesk@localhost>",
  /** The address links in emails point to. */
  publicUrl: () => (process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, ""),
};

function positive(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}="${text}" must be a whole number of at least 1`);
  return value;
}
