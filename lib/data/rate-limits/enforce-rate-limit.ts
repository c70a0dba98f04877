import "server-only";
import type { RequestMeta } from "@/lib/auth/context";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { rateLimitKey, rateLimitMessage, retryAfterSeconds, type RateLimitPolicyName, type RateLimitScope } from "@/lib/domain/rate-limit";
import { RateLimitedError } from "@/lib/errors";
import { log } from "@/lib/log";
import { recordAccountEvent } from "../accounts/record-account-event";
import { utcTimestamp } from "../sql/utc";

/** Who is counted: the client's address, and the account (email) the attempt names, if any. */
export type RateLimitSubject = { ip: string | null; account?: string | null };

type Counted = { key: string; hits: number; resetAtMs: number };

/** Clients whose address is unknown share one counter: stricter, never looser. */
const UNKNOWN_IP = "unknown";

/**
 * Counts one attempt under the flow's policy and refuses it (RateLimitedError, with the seconds
 * until the window ends) when the client's IP or the account is over its limit. One statement
 * counts every scope at once, in PostgreSQL, so every instance on the database shares the
 * counters and concurrent attempts each count once. The first refusal of a window is an audit
 * event; every refusal is a log line.
 */
export async function enforceRateLimit(name: RateLimitPolicyName, subject: RateLimitSubject, meta: RequestMeta, now = new Date()): Promise<void> {
  const policy = config.rateLimit(name);
  const account = subject.account?.trim().toLowerCase() || null;
  const scopes: { scope: RateLimitScope; key: string }[] = [{ scope: "ip", key: rateLimitKey(name, "ip", subject.ip ?? UNKNOWN_IP) }];
  if (account) scopes.push({ scope: "account", key: rateLimitKey(name, "account", account) });
  const keys = scopes.map((s) => s.key);
  const windows = scopes.map((s) => policy[s.scope].windowSeconds);
  const rows = await db().$queryRaw<Counted[]>`
    INSERT INTO "RateLimitCounter" ("key", "hits", "resetAt")
    SELECT k, 1, ${utcTimestamp(now)} + w * interval '1 second' FROM unnest(${keys}::text[], ${windows}::int[]) AS t(k, w)
    ON CONFLICT ("key") DO UPDATE SET
      "hits" = CASE WHEN "RateLimitCounter"."resetAt" <= ${utcTimestamp(now)} THEN 1 ELSE "RateLimitCounter"."hits" + 1 END,
      "resetAt" = CASE WHEN "RateLimitCounter"."resetAt" <= ${utcTimestamp(now)} THEN EXCLUDED."resetAt" ELSE "RateLimitCounter"."resetAt" END
    RETURNING "key", "hits", (extract(epoch FROM "resetAt") * 1000)::float8 AS "resetAtMs"`;

  const over = scopes
    .map((s) => ({ ...s, row: rows.find((r) => r.key === s.key)!, limit: policy[s.scope] }))
    .filter((s) => s.row && s.row.hits > s.limit.points)
    .sort((a, b) => b.row.resetAtMs - a.row.resetAtMs);
  const refused = over[0];
  if (!refused) return;

  const seconds = retryAfterSeconds(new Date(refused.row.resetAtMs), now);
  const summary = {
    policy: name,
    scope: refused.scope,
    limit: refused.limit.points,
    windowSeconds: refused.limit.windowSeconds,
    ...(account ? { email: account } : {}),
  };
  log.warn("auth.rate-limited", { requestId: meta.requestId, ip: meta.ip, ...summary, retryAfterSeconds: seconds, hits: refused.row.hits });
  // Once per window and key: a flood of refused attempts writes one event, not thousands.
  if (refused.row.hits === refused.limit.points + 1) {
    await db().$transaction((tx) =>
      recordAccountEvent(
        tx,
        account,
        { id: null, label: `visitor at ${meta.ip ?? "unknown address"}`, meta },
        "rate-limit.refused",
        { type: "rate-limit", id: `${name}:${refused.scope}` },
        summary,
      ),
    );
  }
  throw new RateLimitedError(rateLimitMessage(policy, refused.scope, seconds), seconds);
}
