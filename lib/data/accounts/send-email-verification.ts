import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { config } from "@/lib/config";
import { db, type Tx } from "@/lib/db/client";
import { verifyEmailMessage } from "@/lib/mail/messages/verify-email";
import { sendMail, type MailOutcome } from "@/lib/mail/send-mail";
import { ACCOUNT_TOKEN_TTL_MINUTES, accountLink, issueAccountToken } from "../account-tokens/account-token";

/** A new confirmation link for the account's address, issued in the caller's transaction; sending is the caller's. */
export async function issueVerificationMessage(tx: Tx, user: { id: string; email: string }, now: Date) {
  const token = await issueAccountToken(tx, user, "VERIFY_EMAIL", now);
  return verifyEmailMessage({
    to: user.email,
    link: accountLink(config.publicUrl(), "VERIFY_EMAIL", token),
    validHours: ACCOUNT_TOKEN_TTL_MINUTES.VERIFY_EMAIL / 60,
  });
}

/** "Send the link again" from the banner: nothing to do when the address is confirmed already. */
export async function sendEmailVerification(user: Pick<UserContext, "userId">, now = new Date()): Promise<MailOutcome | "already-verified"> {
  const account = await db().user.findUniqueOrThrow({ where: { id: user.userId }, select: { id: true, email: true, emailVerifiedAt: true } });
  if (account.emailVerifiedAt) return "already-verified";
  const message = await db().$transaction((tx) => issueVerificationMessage(tx, account, now));
  return sendMail(message, "verify-email");
}
