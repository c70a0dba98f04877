// The rules of passkeys and security keys (WebAuthn Level 3) as a second factor: whom the
// browser creates them for, how long a challenge answers, and when an authenticator's signature
// counter gives away a copy of it.

/** How long a challenge handed to the browser answers; it also works only once. */
export const PASSKEY_CHALLENGE_MINUTES = 5;

/** What the browser shows as the site a passkey is for. */
export const RELYING_PARTY_NAME = "ThreatDesk";

/** The relying party of the installation: the host name of its public URL, and that URL's origin. */
export function relyingParty(publicUrl: string): { id: string; origin: string } {
  const url = new URL(publicUrl);
  return { id: url.hostname, origin: url.origin };
}

/** Until when a challenge given at `now` answers. */
export function challengeExpiry(now: Date): Date {
  return new Date(now.getTime() + PASSKEY_CHALLENGE_MINUTES * 60_000);
}

/** Whether a challenge that answers until `expiresAt` may still be answered at `now`. */
export function challengeIsLive(expiresAt: Date | null, now: Date): boolean {
  return expiresAt !== null && now.getTime() < expiresAt.getTime();
}

/**
 * The signature counter an assertion carries: bytes 33–36 of its authenticator data (after the
 * 32-byte RP ID hash and the flags byte), big-endian. Null when the data is too short to hold one.
 */
export function authenticatorDataCounter(authenticatorData: Uint8Array): number | null {
  if (authenticatorData.length < 37) return null;
  return new DataView(authenticatorData.buffer, authenticatorData.byteOffset, authenticatorData.byteLength).getUint32(33);
}

/**
 * Whether an assertion's counter may follow the stored one. Authenticators that keep no counter
 * send 0 every time; one that keeps a counter must go up, so a counter that stays or falls means
 * two copies of the key exist (a cloned authenticator) and the assertion is refused.
 */
export function signCountAdvances(stored: number, received: number): boolean {
  if (stored === 0 && received === 0) return true;
  return received > stored;
}
