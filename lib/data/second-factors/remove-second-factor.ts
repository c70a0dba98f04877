import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { removalNeedsFreshFactor } from "@/lib/domain/second-factor";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { mailFactorChange, recordFactorEvent, requireFreshSecondFactor } from "./factor-events";
import { CONFIRMED_FACTOR } from "./confirmed-factor";

/**
 * Removes one of the user's factors. Removing the last one turns two-step sign-in off for the
 * account, so it needs a fresh second factor, is refused while an organization of theirs
 * requires one, and takes the recovery codes with it.
 */
export async function removeSecondFactor(user: UserContext, input: { factorId: string }, now = new Date()) {
  const removed = await db().$transaction(async (tx) => {
    const factors = await tx.secondFactor.findMany({
      where: { userId: user.userId, ...CONFIRMED_FACTOR },
      select: { id: true, kind: true, name: true },
    });
    const factor = factors.find((f) => f.id === input.factorId);
    if (!factor) throw new NotFoundError("That sign-in factor");
    const last = removalNeedsFreshFactor(
      factors.map((f) => f.id),
      factor.id,
    );
    if (last) {
      requireFreshSecondFactor(user, now);
      const requiring = await tx.organization.findFirst({
        where: { requireMfa: true, memberships: { some: { userId: user.userId } } },
        select: { name: true },
      });
      if (requiring) throw new ConflictError(`${requiring.name} requires two-step sign-in, so your last factor cannot be removed. Add another one first.`);
      await tx.recoveryCode.deleteMany({ where: { userId: user.userId } });
    }
    await tx.secondFactor.delete({ where: { id: factor.id } });
    await recordFactorEvent(tx, user, "account.second-factor-removed", factor, { lastFactor: last });
    return { factor, last };
  });
  mailFactorChange(user, "removed", removed.factor, now);
  return { lastFactor: removed.last };
}
