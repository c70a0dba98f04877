import "server-only";
import { db } from "@/lib/db/client";
import type { SessionUser } from "./session-user";

/** The user behind a live session, or null when it was revoked, expired or never existed. */
export async function getSessionUser(sessionId: string): Promise<SessionUser | null> {
  const session = await db().session.findUnique({
    where: { id: sessionId },
    select: { revokedAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true, lastOrganizationId: true } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= new Date()) return null;
  return session.user;
}
