import "server-only";
import type { RequestMeta } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { actedAs, recordAuditEvent } from "../audit";
import { consumeAccountToken } from "../account-tokens/account-token";

/** Confirms the address a link was sent to, once; an account whose address changed since stays as it is. */
export async function verifyEmail(input: { token: string }, meta: RequestMeta, now = new Date()) {
  return db().$transaction(async (tx) => {
    const link = await consumeAccountToken(tx, input.token, "VERIFY_EMAIL", now);
    const confirmed = await tx.user.updateMany({ where: { id: link.userId, email: link.email, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
    if (confirmed.count === 1) {
      await recordAuditEvent(
        tx,
        actedAs(null, { id: link.userId, label: link.email, meta }),
        "user.email-verified",
        { type: "user", id: link.userId },
        {
          email: link.email,
          by: "confirmation link",
        },
      );
    }
    return { email: link.email };
  });
}
