import { dictionary } from "@zxcvbn-ts/language-common";

// The common and breached passwords NIST SP 800-63B-4 asks new passwords to be checked against:
// the list zxcvbn-ts ships (about 49,000 passwords, most frequent in public breach corpora
// first), as data, so no network is needed. Server-side only: it stays out of the browser bundle.
const COMMON = new Set(dictionary["passwords-common"].map((p) => p.normalize("NFKC").toLowerCase()));

export const COMMON_PASSWORD_MESSAGE =
  "This password is too common: it appears in lists of passwords leaked in breaches, which attackers try first. Choose another, for example a few unrelated words.";

/** A listed password, whole, with digits or symbols only around it, or repeated ("dragon2024!", "qwertyqwertyqwerty"). */
export function isCommonPassword(password: string): boolean {
  const candidate = password.normalize("NFKC").toLowerCase().trim();
  const core = candidate.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, "");
  const unit = /^(.+?)\1+$/u.exec(candidate)?.[1];
  return [candidate, core, unit].some((c) => c !== undefined && c.length > 0 && COMMON.has(c)) || (unit !== undefined && [...unit].length <= 3);
}
