import "server-only";
import type { Tx } from "@/lib/db/client";
import type { SessionEnd } from "@/lib/domain/session-policy";

/**
 * Ends every live session of a user (but `keep`, the caller's own, where given) inside the
 * caller's transaction: a role change or a new password takes effect on every device at once.
 */
export async function endUserSessions(tx: Tx, userId: string, reason: SessionEnd, keep?: string | null) {
  const ended = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: new Date(), endedReason: reason },
  });
  return ended.count;
}
