import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { log } from "@/lib/log";

/** Signs out one of the user's own sessions from the account page; someone else's session is "not found". */
export async function endOwnSession(user: UserContext, sessionId: string) {
  const reason = sessionId === user.sessionId ? "signed-out" : "signed-out-elsewhere";
  const ended = await db().session.updateMany({
    where: { id: sessionId, userId: user.userId, revokedAt: null },
    data: { revokedAt: new Date(), endedReason: reason },
  });
  if (ended.count !== 1) throw new NotFoundError("That session");
  log.info("auth.session-ended", { userId: user.userId, reason, requestId: user.meta.requestId });
  return { current: sessionId === user.sessionId };
}
