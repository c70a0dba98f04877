import "server-only";
import type { OperatorContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { log } from "@/lib/log";
import { recordAccountEvent } from "../accounts/record-account-event";
import { endUserSessions } from "../sessions/end-sessions";
import { CONFIRMED_FACTOR } from "./confirmed-factor";

/**
 * For a user who lost every factor and every recovery code: the operator removes their factors
 * and codes and ends their sessions, after checking who is asking by other means. The user signs
 * in with the password alone and enrols again (an organization that requires a second factor
 * sends them straight to enrolment).
 */
export async function operatorResetTwoStep(op: OperatorContext, input: { email: string }) {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, email: true } });
    if (!user) throw new NotFoundError(`A user with the email ${input.email}`);
    const factors = await tx.secondFactor.findMany({ where: { userId: user.id, ...CONFIRMED_FACTOR }, select: { id: true, kind: true, name: true } });
    if (factors.length === 0) throw new ConflictError(`The account ${input.email} has no second factor.`);
    await tx.secondFactor.deleteMany({ where: { userId: user.id } });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    const sessionsEnded = await endUserSessions(tx, user.id, "privilege-changed");
    const actor = { id: null, label: op.actorLabel, meta: op.meta };
    for (const factor of factors) {
      await recordAccountEvent(
        tx,
        user.email,
        actor,
        "account.second-factor-removed",
        { type: "second-factor", id: factor.id },
        { name: factor.name, kind: factor.kind, byOperator: true },
      );
    }
    log.info("auth.two-step-reset", { requestId: op.meta.requestId, userId: user.id, by: op.actorLabel, factors: factors.length });
    return { email: user.email, factorsRemoved: factors.length, sessionsEnded };
  });
}
