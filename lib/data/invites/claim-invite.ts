import "server-only";
import type { RequestMeta } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";
import { NotFoundError, SafeError } from "@/lib/errors";
import { actedAs, recordAuditEvent } from "../audit";
import { hashToken } from "./invite-token";

const INVITE_UNUSABLE = "This invitation link is no longer valid: it was already used, revoked or has expired. Ask for a new one.";

/**
 * Claims the invitation for a user, once: the conditional update is the single point where two
 * simultaneous clicks race, and only one of them can change the row.
 */
export async function claimInvite(tx: Tx, token: string, user: { id: string; email: string }, meta: RequestMeta, now: Date) {
  const invite = await tx.invite.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, email: true, role: true, organizationId: true } });
  if (!invite) throw new NotFoundError("That invitation");
  if (invite.email !== user.email.toLowerCase()) {
    throw new SafeError(`This invitation is for ${invite.email}. Sign in with that address to accept it.`, "forbidden");
  }
  const claimed = await tx.invite.updateMany({
    where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now, acceptedById: user.id },
  });
  if (claimed.count !== 1) throw new SafeError(INVITE_UNUSABLE, "conflict");
  const existing = await tx.membership.findUnique({
    where: { organizationId_userId: { organizationId: invite.organizationId, userId: user.id } },
    select: { id: true },
  });
  if (!existing) await tx.membership.create({ data: { organizationId: invite.organizationId, userId: user.id, role: invite.role } });
  await tx.user.update({ where: { id: user.id }, data: { lastOrganizationId: invite.organizationId } });
  await recordAuditEvent(
    tx,
    actedAs(invite.organizationId, { id: user.id, label: user.email, meta }),
    "invite.accepted",
    { type: "invite", id: invite.id },
    { email: user.email, role: invite.role },
  );
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: invite.organizationId }, select: { slug: true } });
  return { organizationSlug: organization.slug };
}
