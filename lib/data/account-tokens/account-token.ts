import "server-only";
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import type { AccountTokenPurpose } from "@/lib/generated/prisma/client";
import { SafeError } from "@/lib/errors";
import { hashToken } from "../invites/invite-token";

/** How long each kind of link works. */
export const ACCOUNT_TOKEN_TTL_MINUTES: Record<AccountTokenPurpose, number> = { RESET_PASSWORD: 30, VERIFY_EMAIL: 24 * 60 };

export const LINK_UNUSABLE: Record<AccountTokenPurpose, string> = {
  RESET_PASSWORD: "This password reset link is no longer valid: it was already used, a newer one was sent, or it expired. Ask for a new one.",
  VERIFY_EMAIL: "This confirmation link is no longer valid: it was already used, a newer one was sent, or it expired. Send a new one from ThreatDesk.",
};

/**
 * A new single-use link for a user, stored as a SHA-256 only. Older unused links of the same
 * purpose stop working, so only the latest email counts.
 */
export async function issueAccountToken(tx: Tx, user: { id: string; email: string }, purpose: AccountTokenPurpose, now: Date) {
  const token = randomBytes(32).toString("base64url");
  await tx.accountToken.updateMany({ where: { userId: user.id, purpose, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
  await tx.accountToken.create({
    data: {
      userId: user.id,
      purpose,
      email: user.email,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + ACCOUNT_TOKEN_TTL_MINUTES[purpose] * 60_000),
    },
  });
  return token;
}

/** Whether a link would still work, without using it (for the page that shows its form). */
export async function findUsableAccountToken(tx: Tx, token: string, purpose: AccountTokenPurpose, now: Date) {
  return tx.accountToken.findFirst({
    where: { tokenHash: hashToken(token), purpose, usedAt: null, expiresAt: { gt: now } },
    select: { id: true, userId: true, email: true },
  });
}

/**
 * Uses a link, once: the conditional update is the single point where two submissions race, and
 * only one can change the row. Unknown, used, superseded and expired links get the same message.
 */
export async function consumeAccountToken(tx: Tx, token: string, purpose: AccountTokenPurpose, now: Date) {
  const found = await findUsableAccountToken(tx, token, purpose, now);
  const claimed = found
    ? await tx.accountToken.updateMany({ where: { id: found.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })
    : { count: 0 };
  if (!found || claimed.count !== 1) throw new SafeError(LINK_UNUSABLE[purpose], "invalid");
  return found;
}

export function accountLink(publicUrl: string, purpose: AccountTokenPurpose, token: string) {
  return `${publicUrl}/${purpose === "RESET_PASSWORD" ? "reset-password" : "verify-email"}/${token}`;
}
