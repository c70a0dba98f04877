// The brute-force limits: one named policy per flow, each counted per client IP and per account
// (email) where it applies. The counting itself is in lib/data/rate-limits; these are the rules.

export type RateLimitScope = "ip" | "account";

/** At most `points` attempts in a window of `windowSeconds`. */
export type Limit = { points: number; windowSeconds: number };

export type RateLimitPolicy = {
  /** What is being counted, as the refusal names it ("sign-in attempts"). */
  attempts: string;
  ip: Limit;
  account: Limit;
};

export const RATE_LIMIT_POLICY_NAMES = ["sign-in", "sign-up", "invite-acceptance", "password-reset", "mfa-code", "csp-report"] as const;
export type RateLimitPolicyName = (typeof RATE_LIMIT_POLICY_NAMES)[number];

/**
 * The defaults. Sign-in's 5 a minute per IP is the figure the authentication-service threat
 * model states; the others are as strict as their flow allows a person to get it wrong twice.
 */
export const DEFAULT_RATE_LIMITS: Record<RateLimitPolicyName, RateLimitPolicy> = {
  "sign-in": { attempts: "sign-in attempts", ip: { points: 5, windowSeconds: 60 }, account: { points: 10, windowSeconds: 900 } },
  "sign-up": { attempts: "sign-up attempts", ip: { points: 10, windowSeconds: 3600 }, account: { points: 3, windowSeconds: 3600 } },
  "invite-acceptance": { attempts: "invitation attempts", ip: { points: 10, windowSeconds: 900 }, account: { points: 5, windowSeconds: 900 } },
  "password-reset": { attempts: "password reset requests", ip: { points: 5, windowSeconds: 900 }, account: { points: 3, windowSeconds: 3600 } },
  "mfa-code": { attempts: "code entries", ip: { points: 20, windowSeconds: 300 }, account: { points: 5, windowSeconds: 300 } },
  // Anyone may report a policy violation, signed in or not: per address only (a report names no
  // account), generous for a page that breaks, tight enough that the log cannot be flooded.
  "csp-report": { attempts: "policy violation reports", ip: { points: 60, windowSeconds: 60 }, account: { points: 60, windowSeconds: 60 } },
};

const UNIT_SECONDS = { s: 1, m: 60, h: 3600 } as const;

/** Reads a limit written as "5/1m" (5 per minute), "10/15m", "3/1h" or "20/30s"; null when it is not one. */
export function parseLimit(text: string): Limit | null {
  const match = /^\s*(\d{1,6})\s*\/\s*(\d{1,5})\s*([smh])\s*$/.exec(text);
  if (!match) return null;
  const points = Number(match[1]);
  const windowSeconds = Number(match[2]) * UNIT_SECONDS[match[3] as keyof typeof UNIT_SECONDS];
  return points >= 1 && windowSeconds >= 1 ? { points, windowSeconds } : null;
}

/** The environment variable that overrides a policy's limit: RATE_LIMIT_SIGN_IN_IP, RATE_LIMIT_MFA_CODE_ACCOUNT … */
export function limitVariable(policy: RateLimitPolicyName, scope: RateLimitScope): string {
  return `RATE_LIMIT_${policy.replace(/-/g, "_").toUpperCase()}_${scope.toUpperCase()}`;
}

/** The counter's key. The account is the lower-cased email, so "Ada@X" and "ada@x" count together. */
export function rateLimitKey(policy: RateLimitPolicyName, scope: RateLimitScope, subject: string): string {
  return `${policy}:${scope}:${scope === "account" ? subject.trim().toLowerCase() : subject}`;
}

/** Whole seconds until `resetAt`, at least 1: what Retry-After says. */
export function retryAfterSeconds(resetAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
}

/** "42 seconds", "1 second", "3 minutes" (rounded up): how long to wait, as a person reads it. */
export function waitWording(seconds: number): string {
  if (seconds < 120) return `${seconds} ${seconds === 1 ? "second" : "seconds"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** The refusal shown in the form: "Too many sign-in attempts from your network. Try again in 42 seconds." */
export function rateLimitMessage(policy: RateLimitPolicy, scope: RateLimitScope, seconds: number): string {
  const from = scope === "ip" ? "from your network" : "for this account";
  return `Too many ${policy.attempts} ${from}. Try again in ${waitWording(seconds)}.`;
}
