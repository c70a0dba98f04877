import "server-only";
import { db } from "@/lib/db/client";
import { isLocked } from "@/lib/domain/lockout";

/** When the address's lock ends, if it is locked at `now`; null otherwise. */
export async function findSignInLock(email: string, now = new Date()): Promise<{ lockedUntil: Date } | null> {
  const row = await db().signInLockout.findUnique({ where: { email: email.trim().toLowerCase() }, select: { lockedUntil: true } });
  return row?.lockedUntil && isLocked(row, now) ? { lockedUntil: row.lockedUntil } : null;
}
