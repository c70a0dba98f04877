import "server-only";
import type { RequestMeta } from "@/lib/auth/context";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";

/** A Session row for a sign-in; the cookie only names it, so revoking the row ends access everywhere. */
export async function createSession(userId: string, meta: Pick<RequestMeta, "ip" | "userAgent">) {
  const expiresAt = new Date(Date.now() + config.sessionHours() * 3600_000);
  return db().session.create({
    data: { userId, expiresAt, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 512) ?? null },
    select: { id: true, expiresAt: true },
  });
}
