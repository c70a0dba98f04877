import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { lastSeenIsStale, sessionEndReason, type SessionEnd } from "@/lib/domain/session-policy";
import { log } from "@/lib/log";
import type { SessionSecondFactor, SessionUser } from "./session-user";
import { CONFIRMED_FACTOR } from "../second-factors/confirmed-factor";

export type ResolvedSession =
  { user: SessionUser; secondFactor: SessionSecondFactor; expiresAt: Date; ended?: undefined } | { user?: undefined; ended: SessionEnd | "unknown" };

/**
 * The user behind a session for a request, or why there is none. A session that has fallen idle
 * or is presented by another user agent is ended here, for good: the row is revoked, so the same
 * cookie is refused on every instance from then on. A live session's lastSeenAt moves forward (at
 * most once a minute), which is what the idle timeout counts from.
 */
export async function resolveSession(sessionId: string, request: { userAgent: string | null }, now = new Date()): Promise<ResolvedSession> {
  const session = await db().session.findUnique({
    where: { id: sessionId },
    select: {
      revokedAt: true,
      endedReason: true,
      expiresAt: true,
      lastSeenAt: true,
      userAgent: true,
      secondFactorDue: true,
      secondFactorAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          lastOrganizationId: true,
          _count: { select: { secondFactors: { where: CONFIRMED_FACTOR } } },
        },
      },
    },
  });
  if (!session) return { ended: "unknown" };
  const ended = sessionEndReason(session, request, now, { idleMinutes: config.sessionIdleMinutes() });
  if (ended) {
    if (!session.revokedAt) {
      // Conditional, so two requests racing to end the same session record one reason.
      const revoked = await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now, endedReason: ended } });
      if (revoked.count === 1) log.info("auth.session-ended", { userId: session.user.id, reason: ended });
    }
    return { ended };
  }
  if (lastSeenIsStale(session.lastSeenAt, now)) {
    await db().session.updateMany({ where: { id: sessionId, revokedAt: null, lastSeenAt: session.lastSeenAt }, data: { lastSeenAt: now } });
  }
  const { _count, ...user } = session.user;
  return {
    user,
    expiresAt: session.expiresAt,
    secondFactor: { due: session.secondFactorDue, passedAt: session.secondFactorAt, enrolled: _count.secondFactors > 0 },
  };
}
