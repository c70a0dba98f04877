// The rules of the second factor (NIST SP 800-63B-4 AAL2, OWASP ASVS 5.0 V6): what a session
// must have done before it may open an organization, act on a decision, or change the factors
// themselves. The factors are checked in lib/data/second-factors; these are the rules.

export type SecondFactorKind = "TOTP" | "PASSKEY";

export const SECOND_FACTOR_KIND_LABEL: Record<SecondFactorKind, string> = { TOTP: "Authenticator app", PASSKEY: "Passkey" };

/** How many recovery codes a user holds after generating them; each works once. */
export const RECOVERY_CODE_COUNT = 10;

/** How long a session whose password was accepted may take to give its second factor. */
export const SECOND_FACTOR_DUE_MINUTES = 10;

/**
 * How recently a session must have passed its second factor to change the factors themselves
 * (remove the last one, regenerate recovery codes): a session left open on someone's desk
 * cannot quietly take the account's second factor away.
 */
export const FRESH_SECOND_FACTOR_MINUTES = 10;

/** What a session has done towards the second factor, as the request that carries it sees. */
export type SecondFactorStanding = {
  /** The account has at least one confirmed factor. */
  enrolled: boolean;
  /** When this session last passed a second factor, or null. */
  passedAt: Date | null;
};

/**
 * What a member must do before an organization opens to them: nothing; enrol a factor (the
 * organization requires one and they have none); or give it (they have one, this session has not).
 */
export function organizationGate(requireMfa: boolean, standing: SecondFactorStanding): "open" | "enrol" | "verify" {
  if (!requireMfa) return "open";
  if (!standing.enrolled) return "enrol";
  return standing.passedAt ? "open" : "verify";
}

/**
 * Why an Owner may not turn the requirement on yet, or null. They must first pass the gate the
 * requirement puts up for everyone else: with no factor of their own they would be sent to
 * enrolment by their own switch, and a session that never gave the factor must not be the one
 * that makes it mandatory.
 */
export function requirementRefusal(ownStanding: SecondFactorStanding): { code: "enrol" | "verify"; message: string } | null {
  const gate = organizationGate(true, ownStanding);
  if (gate === "open") return null;
  return gate === "enrol"
    ? { code: "enrol", message: "Add a second factor to your own account first, under Account." }
    : { code: "verify", message: "Confirm it is you with your second factor in this browser first, then turn it on." };
}

/** Whether a session passed its second factor recently enough to change the account's factors. */
export function secondFactorIsFresh(passedAt: Date | null, now: Date): boolean {
  return passedAt !== null && now.getTime() - passedAt.getTime() < FRESH_SECOND_FACTOR_MINUTES * 60_000;
}

/** Whether taking `factorId` away needs a fresh second factor: it is the account's last one. */
export function removalNeedsFreshFactor(factorIds: readonly string[], factorId: string): boolean {
  return factorIds.length === 1 && factorIds[0] === factorId;
}

// Recovery codes are ten characters of Crockford's base32 (no I, L, O, U: nothing to misread),
// shown as two groups of five. Typing is forgiving: case, spaces, dashes and the look-alikes
// are folded before the code is hashed.
const RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RECOVERY_LENGTH = 10;

/** A recovery code from 10 random bytes (one character of the alphabet per byte's low 5 bits). */
export function recoveryCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < RECOVERY_LENGTH) throw new Error("a recovery code needs 10 random bytes");
  const chars = Array.from(bytes.subarray(0, RECOVERY_LENGTH), (b) => RECOVERY_ALPHABET[b & 31]);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

/** The canonical form of a typed recovery code, or null when it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | null {
  const folded = typed.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  if (folded.length !== RECOVERY_LENGTH || [...folded].some((c) => !RECOVERY_ALPHABET.includes(c))) return null;
  return `${folded.slice(0, 5)}-${folded.slice(5)}`;
}

/** A typed one-time code from an authenticator app: six digits, spaces allowed; null otherwise. */
export function normalizeTotpCode(typed: string): string | null {
  const digits = typed.replace(/\s/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}
