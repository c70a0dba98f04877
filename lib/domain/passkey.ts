// The rules of passkeys and security keys (WebAuthn Level 3) as a second factor: whom the
// browser creates them for and how long a challenge answers. The signature counter rule (a
// counter that does not go up gives away a copy of the key) is @simplewebauthn/server's own.

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
