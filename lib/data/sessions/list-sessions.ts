import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { liveSessionWhere } from "./live-session-where";

export type SessionListItem = { id: string; createdAt: Date; lastSeenAt: Date; ip: string | null; userAgent: string | null; current: boolean };

/** The user's live sessions: the one making this request first (and marked), then the most recently active. */
export async function listSessions(user: UserContext, now = new Date()): Promise<SessionListItem[]> {
  const rows = await db().session.findMany({
    // A session still due its second factor is not signed in yet, so it is not listed.
    where: { userId: user.userId, secondFactorDue: false, ...liveSessionWhere(now, { idleMinutes: config.sessionIdleMinutes() }) },
    select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    take: 100,
  });
  const sessions = rows.map((row) => ({ ...row, current: row.id === user.sessionId }));
  return [...sessions.filter((s) => s.current), ...sessions.filter((s) => !s.current)];
}
