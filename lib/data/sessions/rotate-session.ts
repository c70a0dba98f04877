import "server-only";
import type { RequestMeta } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";
import { SafeError } from "@/lib/errors";
import { insertSession } from "./create-session";

export type RotatedSession = { id: string; expiresAt: Date };

/**
 * Replaces a session with a new row that has passed the second factor, inside the caller's
 * transaction (OWASP ASVS 5.0 V7.2.4: a new session id at every change of what it may do). The
 * old id is revoked, so a cookie captured before the second factor was given stays worthless.
 * A session still due its second factor starts its full lifetime now; a signed-in session that
 * steps up keeps the lifetime it had.
 */
export async function rotateSession(
  tx: Tx,
  old: { id: string; userId: string; expiresAt: Date; secondFactorDue: boolean },
  meta: Pick<RequestMeta, "ip" | "userAgent">,
  now: Date,
): Promise<RotatedSession> {
  const revoked = await tx.session.updateMany({ where: { id: old.id, revokedAt: null }, data: { revokedAt: now, endedReason: "rotated" } });
  if (revoked.count !== 1) throw new SafeError("Your session has ended. Sign in again.", "unauthenticated");
  return insertSession(tx, {
    userId: old.userId,
    meta,
    now,
    secondFactorDue: false,
    secondFactorAt: now,
    expiresAt: old.secondFactorDue ? undefined : old.expiresAt,
  });
}
