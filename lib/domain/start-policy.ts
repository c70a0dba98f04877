// What `npm start` accepts before it starts anything: the secrets and database credentials of a
// production start (DATABASE_URL set), and where demo mode may listen. Pure: the launcher
// (scripts/launcher.ts) reads the environment and passes it in.

/** Random secrets of 32 bytes in base64 are 43–44 characters long, so 32 characters is the least we take. */
export const MIN_SECRET_LENGTH = 32;
/** Database passwords are often typed by hand into a secret store: 12 characters at least. */
export const MIN_DATABASE_PASSWORD_LENGTH = 12;

const GENERATE_SECRET = "generate one with: openssl rand -base64 32";
const GENERATE_PASSWORD = "give the role a generated password (openssl rand -hex 24)";

// Values published in this repository or its examples, and the usual placeholders.
const PLACEHOLDER_SECRET = /change-?me|not-for-production|placeholder|example|your[-_]?secret/i;
const DEFAULT_DATABASE_PASSWORDS = new Set(["postgres", "password", "passw0rd", "change-me", "changeme", "threatdesk", "admin", "root", "secret", "123456"]);

/** Why a signing or HMAC secret is not fit for production, or null when it is. Never repeats the value. */
export function weakSecretReason(name: string, value: string | undefined): string | null {
  if (!value) return `${name} must be set when DATABASE_URL is: ${GENERATE_SECRET}`;
  if (value.length < MIN_SECRET_LENGTH) return `${name} is ${value.length} characters long, shorter than ${MIN_SECRET_LENGTH}: ${GENERATE_SECRET}`;
  if (PLACEHOLDER_SECRET.test(value)) return `${name} is a placeholder or a published example value: ${GENERATE_SECRET}`;
  // A random string of 32 characters or more has far more than 8 different characters.
  if (new Set(value).size < 8) return `${name} repeats a few characters and cannot be random: ${GENERATE_SECRET}`;
  return null;
}

/**
 * Why a PostgreSQL connection string signs in with a default or weak password, or null when it
 * does not. A string without a password is accepted: the server may authenticate by certificate
 * or peer. Never repeats the password.
 */
export function weakDatabaseUrlReason(name: string, url: string | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${name} is not a connection string of the form postgresql://user:password@host:5432/database`;
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") return `${name} is not a postgresql:// connection string`;
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  if (!password) return null;
  if (password === user || DEFAULT_DATABASE_PASSWORDS.has(password.toLowerCase()))
    return `${name} signs in as "${user}" with a default password: ${GENERATE_PASSWORD}`;
  if (password.length < MIN_DATABASE_PASSWORD_LENGTH)
    return `${name}'s password for "${user}" is shorter than ${MIN_DATABASE_PASSWORD_LENGTH} characters: ${GENERATE_PASSWORD}`;
  return null;
}

/** Everything a production start refuses, one sentence each (empty: it may start). */
export function productionStartRefusals(env: Record<string, string | undefined>): string[] {
  const refusals = [
    weakSecretReason("NEXTAUTH_SECRET", env.NEXTAUTH_SECRET),
    weakSecretReason("AUDIT_SECRET", env.AUDIT_SECRET),
    weakDatabaseUrlReason("DATABASE_URL", env.DATABASE_URL),
    weakDatabaseUrlReason("MIGRATION_DATABASE_URL", env.MIGRATION_DATABASE_URL),
  ];
  // One leaked value must not give away both the sessions and the audit trail's keys.
  if (env.NEXTAUTH_SECRET && env.NEXTAUTH_SECRET === env.AUDIT_SECRET) refusals.push(`NEXTAUTH_SECRET and AUDIT_SECRET must differ: ${GENERATE_SECRET}`);
  return refusals.filter((r): r is string => r !== null);
}

/** The address demo mode listens on unless told otherwise. */
export const DEMO_HOST = "127.0.0.1";

/** True for a name or address that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  return h === "localhost" || h === "::1" || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(h);
}

export type DemoBinding = { host: string; warning: string | null } | { refusal: string };

/**
 * Where demo mode (embedded database, demo accounts whose password the sign-in page shows) may
 * listen: on the loopback address, or wherever HOSTNAME says only when THREATDESK_DEMO=1 was set
 * explicitly, since anyone who reaches it can sign in as any demo account.
 */
export function demoBinding(env: { HOSTNAME?: string; THREATDESK_DEMO?: string }): DemoBinding {
  const requested = env.HOSTNAME?.trim();
  if (!requested) return { host: DEMO_HOST, warning: null };
  if (isLoopbackHost(requested)) return { host: requested, warning: null };
  if (env.THREATDESK_DEMO === "1")
    return {
      host: requested,
      warning: `demo mode listens on ${requested} (HOSTNAME, THREATDESK_DEMO=1): anyone who reaches it can sign in with the demo password`,
    };
  return {
    refusal:
      `demo mode listens on ${DEMO_HOST} only, and HOSTNAME=${requested} asks for another address. ` +
      `Anyone who reaches a demo can sign in with the password its sign-in page shows: set THREATDESK_DEMO=1 to show it to the network anyway, ` +
      `unset HOSTNAME to keep it on this machine, or set DATABASE_URL for a real installation`,
  };
}
