import "server-only";
import type { OperatorContext } from "@/lib/auth/context";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { actedAs, recordAuditEvent } from "../audit";
import { ACCOUNT_TOKEN_TTL_MINUTES, accountLink, issueAccountToken } from "../account-tokens/account-token";

/** `tm reset-link`: a reset link the operator hands over when the installation sends no email. */
export async function issuePasswordResetLink(op: OperatorContext, input: { email: string }, now = new Date()) {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, email: true } });
    if (!user) throw new NotFoundError(`A user with the email ${input.email}`);
    const token = await issueAccountToken(tx, user, "RESET_PASSWORD", now);
    const expiresAt = new Date(now.getTime() + ACCOUNT_TOKEN_TTL_MINUTES.RESET_PASSWORD * 60_000);
    await recordAuditEvent(
      tx,
      actedAs(null, { id: null, label: op.actorLabel, meta: op.meta }),
      "user.password-reset-link-issued",
      { type: "user", id: user.id },
      { email: user.email, expiresAt: expiresAt.toISOString() },
    );
    return { email: user.email, link: accountLink(config.publicUrl(), "RESET_PASSWORD", token), expiresAt };
  });
}
