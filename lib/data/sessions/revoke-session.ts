import "server-only";
import { db } from "@/lib/db/client";

/** Signing out: the row is revoked, so the cookie that names it is refused on every instance. */
export async function revokeSession(sessionId: string) {
  await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date(), endedReason: "signed-out" } });
}
