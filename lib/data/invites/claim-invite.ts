import "server-only";
import type { RequestMeta } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";
import { unverifiedApproverRefusal } from "@/lib/auth/permissions";
import { NotFoundError, SafeError } from "@/lib/errors";
import { actedAs, recordAuditEvent } from "../audit";
import { ROLE_LABELS, type Role } from "@/lib/domain/roles";
import { grantNeedsConfirmation } from "@/lib/domain/membership-rules";
import { notifyRoleGrantConfirmers, roleGrantConfirmers } from "../role-grants/notify-role-grant-confirmers";
import { secondManagerPolicyOn } from "../role-grants/second-manager-policy";
import { hashToken } from "./invite-token";

const INVITE_UNUSABLE = "This invitation link is no longer valid: it was already used, revoked or has expired. Ask for a new one.";

/**
 * An emailed invitation reached the address, so accepting it confirms the address. A link
 * handed over another way proves nothing about it: an unconfirmed account may not join as an
 * approver through one.
 */
async function confirmOrRefuseAddress(
  tx: Tx,
  invite: { role: Role; emailedAt: Date | null },
  user: { id: string; email: string },
  meta: RequestMeta,
  now: Date,
) {
  const account = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { emailVerifiedAt: true } });
  if (account.emailVerifiedAt) return;
  if (invite.emailedAt) {
    await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: now } });
    await recordAuditEvent(
      tx,
      actedAs(null, { id: user.id, label: user.email, meta }),
      "user.email-verified",
      { type: "user", id: user.id },
      {
        email: user.email,
        by: "emailed invitation",
      },
    );
    return;
  }
  if (unverifiedApproverRefusal(invite.role, { email: user.email, emailVerified: false })) {
    throw new SafeError(
      `${ROLE_LABELS[invite.role]} approves threat models, so it needs a confirmed email address, and this link did not come by email. Ask whoever invited you to send the invitation by email, or to invite you in another role for now.`,
      "forbidden",
    );
  }
}

/**
 * Claims the invitation for a user, once: the conditional update is the single point where two
 * simultaneous clicks race, and only one of them can change the row.
 */
export async function claimInvite(tx: Tx, token: string, user: { id: string; email: string }, meta: RequestMeta, now: Date) {
  const invite = await tx.invite.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, email: true, role: true, organizationId: true, emailedAt: true, invitedById: true },
  });
  if (!invite) throw new NotFoundError("That invitation");
  if (invite.email !== user.email.toLowerCase()) {
    throw new SafeError(`This invitation is for ${invite.email}. Sign in with that address to accept it.`, "forbidden");
  }
  await confirmOrRefuseAddress(tx, invite, user, meta, now);
  const claimed = await tx.invite.updateMany({
    where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now, acceptedById: user.id },
  });
  if (claimed.count !== 1) throw new SafeError(INVITE_UNUSABLE, "conflict");
  const existing = await tx.membership.findUnique({
    where: { organizationId_userId: { organizationId: invite.organizationId, userId: user.id } },
    select: { id: true },
  });
  // A reviewing or managing role invited under the second-manager policy starts as Viewer and
  // waits for another manager than the one who invited: one Admin cannot invite an address they
  // control as a lead and approve through it.
  const grant = { role: invite.role, requestedById: invite.invitedById, memberUserId: user.id };
  const pending =
    !existing &&
    grantNeedsConfirmation(invite.role, null, await secondManagerPolicyOn(tx, invite.organizationId)) &&
    (await roleGrantConfirmers(tx, invite.organizationId, grant)).length > 0;
  if (!existing) {
    const membership = await tx.membership.create({
      data: {
        organizationId: invite.organizationId,
        userId: user.id,
        role: pending ? "VIEWER" : invite.role,
        ...(pending ? { pendingRole: invite.role, pendingRoleById: invite.invitedById, pendingRoleAt: now } : {}),
      },
      select: { id: true },
    });
    if (pending) {
      await recordAuditEvent(
        tx,
        actedAs(invite.organizationId, { id: user.id, label: user.email, meta }),
        "member.role-grant-requested",
        { type: "membership", id: membership.id },
        { member: user.email, from: "VIEWER", to: invite.role, by: "invitation" },
      );
      const { slug } = await tx.organization.findUniqueOrThrow({ where: { id: invite.organizationId }, select: { slug: true } });
      await notifyRoleGrantConfirmers(tx, {
        organizationId: invite.organizationId,
        organizationSlug: slug,
        grant,
        member: user.email,
      });
    }
  }
  await tx.user.update({ where: { id: user.id }, data: { lastOrganizationId: invite.organizationId } });
  await recordAuditEvent(
    tx,
    actedAs(invite.organizationId, { id: user.id, label: user.email, meta }),
    "invite.accepted",
    { type: "invite", id: invite.id },
    { email: user.email, role: invite.role },
  );
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: invite.organizationId }, select: { slug: true } });
  return { organizationSlug: organization.slug, pendingRole: pending ? invite.role : undefined };
}
