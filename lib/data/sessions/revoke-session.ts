import "server-only";
import { db } from "@/lib/db/client";

export async function revokeSession(sessionId: string) {
  await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}
