import "server-only";
import { verifyRegistrationResponse, type RegistrationResponseJSON } from "@simplewebauthn/server";
import type { UserContext } from "@/lib/auth/context";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { relyingParty } from "@/lib/domain/passkey";
import { ConflictError, InvalidInputError, SafeError } from "@/lib/errors";
import { log } from "@/lib/log";
import { mailFactorChange } from "../factor-events";
import { finishEnrolment, type EnrolmentFinished } from "../finish-enrolment";
import { takeSessionChallenge } from "./session-challenge";

export const PASSKEY_NOT_ADDED = "That passkey could not be added: the request expired or was already used. Try again.";
export const PASSKEY_ALREADY_ADDED = "That passkey or security key is already registered. Use another one, or keep the one you have.";

/**
 * Checks the credential the browser created against this session's challenge (taken, so it
 * answers once) and keeps it as a confirmed passkey, ending like every enrolment: recovery codes
 * for a first factor, a rotated session, the audit event, then the notice by mail.
 */
export async function finishPasskeyRegistration(
  user: UserContext,
  input: { name: string; response: RegistrationResponseJSON },
  now = new Date(),
): Promise<EnrolmentFinished> {
  if (!user.sessionId) throw new SafeError("Your session has ended. Sign in again.", "unauthenticated");
  const challenge = await takeSessionChallenge(db(), user.sessionId, user.userId, now);
  if (!challenge) throw new InvalidInputError(PASSKEY_NOT_ADDED);
  const rp = relyingParty(config.publicUrl());
  const verified = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: false,
  }).catch((error: unknown) => {
    log.info("auth.passkey-registration-refused", { requestId: user.meta.requestId, userId: user.userId, reason: String(error) });
    return null;
  });
  if (!verified?.verified) throw new InvalidInputError(PASSKEY_NOT_ADDED);
  const { credential } = verified.registrationInfo;
  const finished = await db().$transaction(async (tx) => {
    if (await tx.secondFactor.findUnique({ where: { credentialId: credential.id }, select: { id: true } })) throw new ConflictError(PASSKEY_ALREADY_ADDED);
    const factor = await tx.secondFactor.create({
      data: {
        userId: user.userId,
        kind: "PASSKEY",
        name: input.name,
        credentialId: credential.id,
        publicKey: Uint8Array.from(credential.publicKey),
        signCount: credential.counter,
        transports: credential.transports ?? [],
        createdAt: now,
      },
      select: { id: true },
    });
    return finishEnrolment(tx, user, { id: factor.id, kind: "PASSKEY", name: input.name }, now);
  });
  mailFactorChange(user, "added", { kind: "PASSKEY", name: input.name }, now);
  return finished;
}
