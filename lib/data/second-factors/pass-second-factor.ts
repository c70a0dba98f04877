import "server-only";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { RequestMeta } from "@/lib/auth/context";
import { db, type Tx } from "@/lib/db/client";
import { InvalidInputError } from "@/lib/errors";
import { log } from "@/lib/log";
import { recordAccountEvent } from "../accounts/record-account-event";
import { enforceRateLimit } from "../rate-limits/enforce-rate-limit";
import { rotateSession, type RotatedSession } from "../sessions/rotate-session";
import { verifyPasskey } from "./passkeys/verify-passkey";
import { countUnusedRecoveryCodes, spendRecoveryCode } from "./recovery-codes";
import { spendTotpCode } from "./spend-totp-code";

/** What a session gives as its second factor. */
export type SecondFactorProof =
  { method: "totp"; code: string } | { method: "recovery"; code: string } | { method: "passkey"; response: AuthenticationResponseJSON };

/** The session giving it: one still due its second factor, or a signed-in one stepping up. */
export type ProvingSession = { sessionId: string; user: { id: string; email: string }; due: boolean; expiresAt: Date };

const REFUSED: Record<SecondFactorProof["method"], { field: string; message: string }> = {
  totp: { field: "code", message: "That code is not right, or it was already used. Enter the code your authenticator app shows now." },
  recovery: { field: "recoveryCode", message: "That recovery code is not right, or it was already used. Each code works once." },
  passkey: { field: "passkey", message: "That passkey did not sign you in. Try it again, or use your authenticator app or a recovery code." },
};

/** Checks the proof inside the transaction; true when it holds (and, for a code, it is spent). */
async function proofHolds(tx: Tx, session: ProvingSession, proof: SecondFactorProof, meta: RequestMeta, now: Date): Promise<boolean> {
  switch (proof.method) {
    case "totp":
      return (await spendTotpCode(tx, session.user.id, proof.code, now)) !== null;
    case "recovery": {
      if (!(await spendRecoveryCode(tx, session.user.id, proof.code, now))) return false;
      const left = await countUnusedRecoveryCodes(tx, session.user.id);
      const actor = { id: session.user.id, label: session.user.email, meta };
      await recordAccountEvent(tx, session.user.email, actor, "account.recovery-code-used", { type: "user", id: session.user.id }, { recoveryCodesLeft: left });
      return true;
    }
    case "passkey":
      return verifyPasskey(tx, session, proof.response, meta, now);
  }
}

/**
 * The second step of signing in (or a signed-in session stepping up): counts against the
 * "mfa-code" limits, checks the proof, and replaces the session with a new one that has passed
 * its second factor. A wrong, expired or replayed code changes nothing but the counters.
 */
export async function passSecondFactor(session: ProvingSession, proof: SecondFactorProof, meta: RequestMeta, now = new Date()): Promise<RotatedSession> {
  await enforceRateLimit("mfa-code", { ip: meta.ip, account: session.user.email }, meta, now);
  const rotated = await db().$transaction(async (tx) => {
    if (!(await proofHolds(tx, session, proof, meta, now))) return null;
    return rotateSession(tx, { id: session.sessionId, userId: session.user.id, expiresAt: session.expiresAt, secondFactorDue: session.due }, meta, now);
  });
  if (!rotated) {
    log.info("auth.second-factor-failed", { requestId: meta.requestId, ip: meta.ip, userId: session.user.id, method: proof.method });
    const refused = REFUSED[proof.method];
    throw new InvalidInputError(refused.message, { [refused.field]: [refused.message] });
  }
  log.info("auth.second-factor-passed", { requestId: meta.requestId, userId: session.user.id, method: proof.method });
  return rotated;
}
