import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { hashNewPassword, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { InvalidInputError } from "@/lib/errors";
import { actedAs, recordAuditEvent } from "../audit";
import { endUserSessions } from "../sessions/end-sessions";

export const WRONG_CURRENT_PASSWORD = "That is not your current password.";

/** A new password for the signed-in user, who proves the current one; every other session ends, this one stays. */
export async function changePassword(user: UserContext, input: { currentPassword: string; newPassword: string }) {
  const account = await db().user.findUniqueOrThrow({ where: { id: user.userId }, select: { id: true, email: true, passwordHash: true } });
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw new InvalidInputError(WRONG_CURRENT_PASSWORD, { currentPassword: [WRONG_CURRENT_PASSWORD] });
  }
  const passwordHash = await hashNewPassword(input.newPassword, "newPassword");
  return db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: account.id }, data: { passwordHash } });
    const ended = await endUserSessions(tx, account.id, "password-changed", user.sessionId);
    await recordAuditEvent(
      tx,
      actedAs(null, { id: account.id, label: account.email, meta: user.meta }),
      "user.password-changed",
      { type: "user", id: account.id },
      {
        email: account.email,
        otherSessionsEnded: ended,
      },
    );
    return { otherSessionsEnded: ended };
  });
}
