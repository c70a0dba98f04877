import "server-only";
import type { UserContext } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";
import type { SecondFactorKind } from "@/lib/domain/second-factor";
import { SafeError } from "@/lib/errors";
import { rotateSession, type RotatedSession } from "../sessions/rotate-session";
import { recordFactorEvent } from "./factor-events";
import { replaceRecoveryCodes } from "./recovery-codes";
import { CONFIRMED_FACTOR } from "./confirmed-factor";

export type EnrolmentFinished = {
  /** The new session (enrolling proved the factor, so the session is rotated as having passed it). */
  session: RotatedSession | null;
  /** The first factor of an account comes with its recovery codes, shown once. */
  recoveryCodes: string[] | null;
};

/**
 * What every enrolment ends with, inside the caller's transaction, once the new factor proved
 * itself: it is confirmed; the account's first factor brings ten recovery codes; the session is
 * rotated as one that passed its second factor; the change is audited.
 */
export async function finishEnrolment(
  tx: Tx,
  user: UserContext,
  factor: { id: string; kind: SecondFactorKind; name: string },
  now: Date,
): Promise<EnrolmentFinished> {
  const confirmed = await tx.secondFactor.updateMany({
    where: { id: factor.id, userId: user.userId, confirmedAt: null },
    data: { confirmedAt: now, name: factor.name },
  });
  if (confirmed.count !== 1) throw new SafeError("That setup was already finished or has expired. Start again.", "conflict");
  const others = await tx.secondFactor.count({ where: { userId: user.userId, ...CONFIRMED_FACTOR, id: { not: factor.id } } });
  const recoveryCodes = others === 0 ? await replaceRecoveryCodes(tx, user.userId, now) : null;
  const current = user.sessionId
    ? await tx.session.findFirst({
        where: { id: user.sessionId, userId: user.userId, revokedAt: null },
        select: { id: true, userId: true, expiresAt: true, secondFactorDue: true },
      })
    : null;
  const session = current ? await rotateSession(tx, current, user.meta, now) : null;
  await recordFactorEvent(tx, user, "account.second-factor-added", factor, { firstFactor: others === 0 });
  return { session, recoveryCodes };
}
