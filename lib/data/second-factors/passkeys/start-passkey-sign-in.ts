import "server-only";
import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { config } from "@/lib/config";
import { PASSKEY_CHALLENGE_MINUTES, relyingParty } from "@/lib/domain/passkey";
import { ConflictError, SafeError } from "@/lib/errors";
import { passkeyDescriptors } from "./passkey-descriptors";
import { keepSessionChallenge } from "./session-challenge";

export const NO_PASSKEY = "This account has no passkey. Use your authenticator app or a recovery code.";

/** What the browser needs to sign in with one of the user's passkeys: a fresh challenge, kept on the session's row. */
export async function startPasskeySignIn(
  session: { sessionId: string; user: { id: string } },
  now = new Date(),
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = await passkeyDescriptors(session.user.id);
  if (passkeys.length === 0) throw new ConflictError(NO_PASSKEY);
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(config.publicUrl()).id,
    allowCredentials: passkeys,
    userVerification: "preferred",
    timeout: PASSKEY_CHALLENGE_MINUTES * 60_000,
  });
  if (!(await keepSessionChallenge(session.sessionId, session.user.id, options.challenge, now))) {
    throw new SafeError("Your session has ended. Sign in again.", "unauthenticated");
  }
  return options;
}
