import "server-only";
import type { RequestMeta } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";
import { log } from "@/lib/log";
import { recordAccountEvent } from "../accounts/record-account-event";
import { utcTimestamp } from "../sql/utc";

/**
 * Ends the lock on an account and clears its failures, recording `account.unlocked` in each of
 * its organizations. False (and nothing written) when it was not locked at `now`.
 */
export async function liftLock(
  tx: Tx,
  account: { id: string; email: string },
  actor: { id: string | null; label: string; meta: RequestMeta },
  now: Date,
): Promise<boolean> {
  const lifted = await tx.$executeRaw`
    UPDATE "SignInLockout" SET "failures" = 0, "lockedUntil" = NULL
    WHERE "email" = ${account.email} AND "lockedUntil" > ${utcTimestamp(now)}`;
  if (lifted === 0) return false;
  log.info("auth.account-unlocked", { requestId: actor.meta.requestId, email: account.email, by: actor.label });
  await recordAccountEvent(tx, account.email, actor, "account.unlocked", { type: "user", id: account.id }, { email: account.email });
  return true;
}
