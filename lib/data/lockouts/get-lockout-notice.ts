import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { isLocked, lockoutNotice } from "@/lib/domain/lockout";

/** What the signed-in user has not yet been told: that their account was locked, when and after how many failures. */
export async function getLockoutNotice(user: UserContext, now = new Date()): Promise<string | null> {
  const row = await db().signInLockout.findUnique({
    where: { email: user.email },
    select: { noticeDue: true, lockedAt: true, lockedAfter: true, lockedUntil: true },
  });
  if (!row?.noticeDue || !row.lockedAt || isLocked(row, now)) return null;
  return lockoutNotice(row.lockedAt, row.lockedAfter ?? 0);
}
