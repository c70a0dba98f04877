import "server-only";
import type { RequestMeta } from "@/lib/auth/context";
import { hashNewPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { actedAs, recordAuditEvent } from "../audit";
import { consumeAccountToken } from "../account-tokens/account-token";
import { endUserSessions } from "../sessions/end-sessions";

/**
 * Sets a new password from a reset link, once, and ends every session of the account. The link
 * reached the address, so it also confirms it. A refused password leaves the link usable.
 */
export async function resetPassword(input: { token: string; password: string }, meta: RequestMeta, now = new Date()) {
  const passwordHash = await hashNewPassword(input.password);
  return db().$transaction(async (tx) => {
    const link = await consumeAccountToken(tx, input.token, "RESET_PASSWORD", now);
    const user = await tx.user.findUniqueOrThrow({ where: { id: link.userId }, select: { id: true, email: true, emailVerifiedAt: true } });
    const confirms = !user.emailVerifiedAt && user.email === link.email;
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, ...(confirms ? { emailVerifiedAt: now } : {}) } });
    const ended = await endUserSessions(tx, user.id, "password-changed");
    await recordAuditEvent(
      tx,
      actedAs(null, { id: user.id, label: user.email, meta }),
      "user.password-reset",
      { type: "user", id: user.id },
      { email: user.email, by: "reset link", sessionsEnded: ended },
    );
    return { email: user.email, sessionsEnded: ended };
  });
}
