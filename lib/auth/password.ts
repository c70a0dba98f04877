import { hash, verify, type Options } from "@node-rs/argon2";
import { InvalidInputError } from "@/lib/errors";
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from "./common-passwords";

// argon2id at OWASP's minimum for it: 19 MiB of memory, 2 passes, 1 lane. Stated here rather than
// left to the library's defaults, so an upgrade cannot weaken them; a stored hash carries its own
// parameters, so raising these later still verifies older hashes (and new ones use the new cost).
// Passwords are NFKC-normalized first (NIST SP 800-63B), so the same passphrase typed on
// another keyboard or OS still matches.
export const ARGON2_OPTIONS = {
  // Algorithm.Argon2id; the library declares it as a const enum, which isolated modules cannot read.
  algorithm: 2 as Options["algorithm"],
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const satisfies Options;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFKC"), ARGON2_OPTIONS);
}

/**
 * The hash of a password someone chose (sign-up, invitation, reset, change, operator): refused
 * with a field message when it is a common or breached one.
 */
export function hashNewPassword(password: string, field = "password"): Promise<string> {
  refuseCommonPassword(password, field);
  return hashPassword(password);
}

/** Throws the field message for a common or breached password. */
export function refuseCommonPassword(password: string, field = "password"): void {
  if (isCommonPassword(password)) throw new InvalidInputError(COMMON_PASSWORD_MESSAGE, { [field]: [COMMON_PASSWORD_MESSAGE] });
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of one hash, so an answer that skips the real work takes as long as one that does it. */
export async function spendHashTime(): Promise<void> {
  dummyHash ??= hash("threatdesk-timing-equaliser");
  await verify(await dummyHash, "threatdesk-timing-equaliser").catch(() => false);
}

/** Verifies a password; with no stored hash it still spends the same time, so response time does not reveal which accounts exist. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hash("threatdesk-timing-equaliser", ARGON2_OPTIONS);
    await verify(await dummyHash, password.normalize("NFKC")).catch(() => false);
    return false;
  }
  return verify(storedHash, password.normalize("NFKC")).catch(() => false);
}
