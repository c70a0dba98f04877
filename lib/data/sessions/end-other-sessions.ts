import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { endUserSessions } from "./end-sessions";

/** "Sign out everywhere else": every live session of the user but the one making the request. */
export async function endOtherSessions(user: UserContext) {
  const ended = await db().$transaction((tx) => endUserSessions(tx, user.userId, "signed-out-elsewhere", user.sessionId));
  log.info("auth.sessions-ended", { userId: user.userId, count: ended, requestId: user.meta.requestId });
  return { ended };
}
