import "server-only";
import { db } from "@/lib/db/client";
import { utcTimestamp } from "../sql/utc";

/**
 * A right password: resets the address's count of failures, unless it is locked. Then the
 * sign-in is refused after all, so a lock set by a concurrent failure wins; the reset and its
 * condition are one statement.
 */
export async function recordSuccessfulSignIn(email: string, now = new Date()): Promise<{ allowed: boolean }> {
  const address = email.trim().toLowerCase();
  const reset = await db().$executeRaw`
    UPDATE "SignInLockout" SET "failures" = 0
    WHERE "email" = ${address} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${utcTimestamp(now)})`;
  if (reset === 1) return { allowed: true };
  const row = await db().signInLockout.findUnique({ where: { email: address }, select: { email: true } });
  return { allowed: !row };
}
