import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { recordFactorEvent, requireFreshSecondFactor } from "./factor-events";
import { replaceRecoveryCodes } from "./recovery-codes";
import { CONFIRMED_FACTOR } from "./confirmed-factor";

/** Ten new recovery codes, shown once; the old ones stop working. Needs a fresh second factor. */
export async function regenerateRecoveryCodes(user: UserContext, now = new Date()): Promise<{ codes: string[] }> {
  requireFreshSecondFactor(user, now);
  return db().$transaction(async (tx) => {
    const factors = await tx.secondFactor.count({ where: { userId: user.userId, ...CONFIRMED_FACTOR } });
    if (factors === 0) throw new ConflictError("Recovery codes come with two-step sign-in. Add an authenticator app or a passkey first.");
    const codes = await replaceRecoveryCodes(tx, user.userId, now);
    await recordFactorEvent(tx, user, "account.recovery-codes-generated", null, { count: codes.length });
    return { codes };
  });
}
