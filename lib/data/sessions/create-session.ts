import "server-only";
import type { RequestMeta } from "@/lib/auth/context";
import { config } from "@/lib/config";
import { db, type Tx } from "@/lib/db/client";
import { SECOND_FACTOR_DUE_MINUTES } from "@/lib/domain/second-factor";
import { boundUserAgent } from "@/lib/domain/session-policy";

/**
 * A Session row for a sign-in; the cookie only names it, so revoking the row ends access
 * everywhere. A password sign-in to an account with a second factor makes a session that is
 * still due it: it opens only the second-factor step, for minutes.
 */
export async function createSession(
  userId: string,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
  now = new Date(),
  options: { secondFactorDue?: boolean } = {},
) {
  return insertSession(db(), { userId, meta, now, secondFactorDue: options.secondFactorDue ?? false });
}

/** The row itself, inside the caller's transaction when rotating (lib/data/sessions/rotate-session.ts). */
export async function insertSession(
  tx: Tx | ReturnType<typeof db>,
  input: { userId: string; meta: Pick<RequestMeta, "ip" | "userAgent">; now: Date; secondFactorDue: boolean; secondFactorAt?: Date | null; expiresAt?: Date },
) {
  const lifetime = input.secondFactorDue ? SECOND_FACTOR_DUE_MINUTES * 60_000 : config.sessionHours() * 3600_000;
  return tx.session.create({
    data: {
      userId: input.userId,
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt: input.expiresAt ?? new Date(input.now.getTime() + lifetime),
      ip: input.meta.ip,
      userAgent: boundUserAgent(input.meta.userAgent),
      secondFactorDue: input.secondFactorDue,
      secondFactorAt: input.secondFactorAt ?? null,
    },
    select: { id: true, expiresAt: true },
  });
}
