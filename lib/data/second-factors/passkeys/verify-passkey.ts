import "server-only";
import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { RequestMeta } from "@/lib/auth/context";
import { config } from "@/lib/config";
import type { Tx } from "@/lib/db/client";
import { relyingParty } from "@/lib/domain/passkey";
import { log } from "@/lib/log";
import { takeSessionChallenge } from "./session-challenge";
import { CONFIRMED_FACTOR } from "../confirmed-factor";

/**
 * Checks an assertion as the second factor of `session`, inside the caller's transaction. The
 * session's challenge is taken first, so it answers once whatever the outcome; the credential
 * must be a confirmed passkey of the session's own user; its signature counter must go up
 * unless the authenticator keeps none (checked by @simplewebauthn/server). On success the passkey's counter and last use are
 * updated (conditionally on the counter read, so two racing assertions cannot both pass).
 */
export async function verifyPasskey(
  tx: Tx,
  session: { sessionId: string; user: { id: string } },
  response: AuthenticationResponseJSON,
  meta: RequestMeta,
  now: Date,
): Promise<boolean> {
  const refuse = (reason: string) => {
    log.info("auth.passkey-refused", { requestId: meta.requestId, userId: session.user.id, reason });
    return false;
  };
  const challenge = await takeSessionChallenge(tx, session.sessionId, session.user.id, now);
  if (!challenge) return refuse("no live challenge");
  const passkey = await tx.secondFactor.findFirst({
    where: { credentialId: response.id, userId: session.user.id, kind: "PASSKEY", ...CONFIRMED_FACTOR },
    select: { id: true, credentialId: true, publicKey: true, signCount: true, transports: true },
  });
  if (!passkey?.credentialId || !passkey.publicKey) return refuse("not a passkey of this user");
  const rp = relyingParty(config.publicUrl());
  let newCounter: number;
  try {
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: passkey.credentialId,
        publicKey: Uint8Array.from(passkey.publicKey),
        counter: Number(passkey.signCount),
        transports: passkey.transports,
      },
      requireUserVerification: false,
    });
    if (!verified.verified) return refuse("signature does not verify");
    newCounter = verified.authenticationInfo.newCounter;
  } catch (error) {
    // The library throws for a wrong challenge, origin, RP ID, a malformed answer, and a signature
    // counter that did not go up (unless the authenticator keeps none): a copy of the key.
    return refuse(error instanceof Error ? error.message : "unreadable answer");
  }
  const updated = await tx.secondFactor.updateMany({
    where: { id: passkey.id, signCount: passkey.signCount },
    data: { signCount: newCounter, lastUsedAt: now },
  });
  return updated.count === 1 || refuse("counter changed by a concurrent sign-in");
}
