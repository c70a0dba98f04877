import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionLimits } from "@/lib/domain/session-policy";

/**
 * The database's form of lib/domain/session-policy.ts `sessionEndReason` (without the user-agent
 * check, which needs a request): not revoked, not expired, not idle. The agreement test in
 * tests/integration/session-controls.test.ts runs both on the same rows.
 */
export function liveSessionWhere(now: Date, limits: SessionLimits): Prisma.SessionWhereInput {
  return { revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - limits.idleMinutes * 60_000) } };
}
