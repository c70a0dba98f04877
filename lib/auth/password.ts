import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (m = 19 MiB, t = 2, p = 1), as OWASP recommends.
// Passwords are NFKC-normalized first (NIST SP 800-63B), so the same passphrase typed on
// another keyboard or OS still matches.
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFKC"));
}

let dummyHash: Promise<string> | undefined;

/** Verifies a password; with no stored hash it still spends the same time, so response time does not reveal which accounts exist. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hash("threatdesk-timing-equaliser");
    await verify(await dummyHash, password.normalize("NFKC")).catch(() => false);
    return false;
  }
  return verify(storedHash, password.normalize("NFKC")).catch(() => false);
}
