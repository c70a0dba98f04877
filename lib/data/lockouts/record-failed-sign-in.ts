import "server-only";
import type { RequestMeta } from "@/lib/auth/context";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { failureLocks } from "@/lib/domain/lockout";
import { formatUtcDateTime } from "@/lib/format-time";
import { log } from "@/lib/log";
import { accountLockedMessage } from "@/lib/mail/messages/account-locked";
import { sendMail } from "@/lib/mail/send-mail";
import { recordAccountEvent } from "../accounts/record-account-event";
import { utcTimestamp } from "../sql/utc";

/**
 * Counts a failed sign-in for the address (existing account or not, so both answer alike) and
 * locks it when this failure is the LOCKOUT_ATTEMPTS-th in a row. A lock that has run out starts
 * the count again. Exactly one of several concurrent failures performs the lock (the conditional
 * update), and that one records `account.locked` and tells the owner at their next sign-in.
 */
export async function recordFailedSignIn(email: string, meta: RequestMeta, now = new Date()): Promise<{ failures: number; locked: boolean }> {
  const address = email.trim().toLowerCase();
  const policy = config.lockout();
  const [counted] = await db().$queryRaw<{ failures: number }[]>`
    INSERT INTO "SignInLockout" ("email", "failures", "lastFailureAt") VALUES (${address}, 1, ${utcTimestamp(now)})
    ON CONFLICT ("email") DO UPDATE SET
      "failures" = CASE WHEN "SignInLockout"."lockedUntil" <= ${utcTimestamp(now)} THEN 1 ELSE "SignInLockout"."failures" + 1 END,
      "lockedUntil" = CASE WHEN "SignInLockout"."lockedUntil" <= ${utcTimestamp(now)} THEN NULL ELSE "SignInLockout"."lockedUntil" END,
      "lastFailureAt" = ${utcTimestamp(now)}
    RETURNING "failures"`;
  const failures = counted!.failures;
  if (!failureLocks(failures, policy)) return { failures, locked: false };

  const lockedUntil = new Date(now.getTime() + policy.minutes * 60_000);
  const outcome = await db().$transaction(async (tx) => {
    const locked = await tx.$executeRaw`
      UPDATE "SignInLockout" SET "lockedAt" = ${utcTimestamp(now)}, "lockedUntil" = ${utcTimestamp(lockedUntil)}, "lockedAfter" = ${failures}, "noticeDue" = true
      WHERE "email" = ${address} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${utcTimestamp(now)})`;
    if (locked === 0) return { failures, locked: true, tell: null };
    log.warn("auth.account-locked", { requestId: meta.requestId, ip: meta.ip, email: address, failures, lockedUntil });
    const account = await tx.user.findUnique({ where: { email: address }, select: { id: true } });
    if (account) {
      await recordAccountEvent(
        tx,
        address,
        { id: null, label: `visitor at ${meta.ip ?? "unknown address"}`, meta },
        "account.locked",
        { type: "user", id: account.id },
        { email: address, failures, lockedUntil: lockedUntil.toISOString(), minutes: policy.minutes },
      );
    }
    return { failures, locked: true, tell: account ? address : null };
  });
  // The owner hears of it by email too (when mail is configured); sending never holds up or breaks the answer.
  if (outcome.tell) {
    const message = accountLockedMessage({
      to: outcome.tell,
      failedAttempts: failures,
      lockedUntil: formatUtcDateTime(lockedUntil),
      resetLink: `${config.publicUrl()}/forgot-password`,
    });
    void sendMail(message, "account-locked");
  }
  return { failures: outcome.failures, locked: outcome.locked };
}
