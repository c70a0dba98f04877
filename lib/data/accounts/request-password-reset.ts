import "server-only";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { passwordResetMessage } from "@/lib/mail/messages/password-reset";
import { sendMail } from "@/lib/mail/send-mail";
import { ACCOUNT_TOKEN_TTL_MINUTES, accountLink, issueAccountToken } from "../account-tokens/account-token";

/**
 * "Forgot password?": emails a reset link when the address has an account. The caller's answer
 * is the same either way, and the mail is sent without being waited for, so neither the words
 * nor the time of the answer tell whether the address has an account.
 */
export async function requestPasswordReset(input: { email: string }, now = new Date()): Promise<void> {
  const user = await db().user.findUnique({ where: { email: input.email.trim().toLowerCase() }, select: { id: true, email: true } });
  if (!user) return;
  const token = await db().$transaction((tx) => issueAccountToken(tx, user, "RESET_PASSWORD", now));
  const message = passwordResetMessage({
    to: user.email,
    link: accountLink(config.publicUrl(), "RESET_PASSWORD", token),
    validMinutes: ACCOUNT_TOKEN_TTL_MINUTES.RESET_PASSWORD,
  });
  void sendMail(message, "password-reset");
}
