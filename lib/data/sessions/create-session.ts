import "server-only";
import type { RequestMeta } from "@/lib/auth/context";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { boundUserAgent } from "@/lib/domain/session-policy";

/** A Session row for a sign-in; the cookie only names it, so revoking the row ends access everywhere. */
export async function createSession(userId: string, meta: Pick<RequestMeta, "ip" | "userAgent">, now = new Date()) {
  const expiresAt = new Date(now.getTime() + config.sessionHours() * 3600_000);
  return db().session.create({
    data: { userId, createdAt: now, lastSeenAt: now, expiresAt, ip: meta.ip, userAgent: boundUserAgent(meta.userAgent) },
    select: { id: true, expiresAt: true },
  });
}
