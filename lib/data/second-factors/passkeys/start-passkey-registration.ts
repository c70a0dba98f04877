import "server-only";
import { generateRegistrationOptions, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import type { UserContext } from "@/lib/auth/context";
import { config } from "@/lib/config";
import { PASSKEY_CHALLENGE_MINUTES, RELYING_PARTY_NAME, relyingParty } from "@/lib/domain/passkey";
import { SafeError } from "@/lib/errors";
import { passkeyDescriptors } from "./passkey-descriptors";
import { keepSessionChallenge } from "./session-challenge";

/**
 * What the browser needs to create a passkey for this user: a fresh challenge, kept on the
 * session's row, and the user's passkeys so the same authenticator is not registered twice.
 */
export async function startPasskeyRegistration(user: UserContext, now = new Date()): Promise<PublicKeyCredentialCreationOptionsJSON> {
  if (!user.sessionId) throw new SafeError("Your session has ended. Sign in again.", "unauthenticated");
  const existing = await passkeyDescriptors(user.userId);
  const options = await generateRegistrationOptions({
    rpName: RELYING_PARTY_NAME,
    rpID: relyingParty(config.publicUrl()).id,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.userId),
    timeout: PASSKEY_CHALLENGE_MINUTES * 60_000,
    attestationType: "none",
    excludeCredentials: existing,
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  if (!(await keepSessionChallenge(user.sessionId, user.userId, options.challenge, now))) {
    throw new SafeError("Your session has ended. Sign in again.", "unauthenticated");
  }
  return options;
}
