import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { unverifiedApproverRefusal } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { grantNeedsConfirmation, refuseMembershipChange } from "@/lib/domain/membership-rules";
import type { Role } from "@/lib/domain/roles";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { actedBy, recordAuditEvent } from "../audit";
import { notifyRoleGrantConfirmers, roleGrantConfirmers } from "../role-grants/notify-role-grant-confirmers";
import { secondManagerPolicyOn } from "../role-grants/second-manager-policy";
import { endUserSessions } from "../sessions/end-sessions";

/** Gives a member another role, under the membership rules (the last owner stays an owner). */
export async function changeMemberRole(ctx: OrgContext, input: { membershipId: string; role: Role }) {
  requirePermission(ctx, "member.update-role");
  return db().$transaction(async (tx) => {
    // Lock the organization's memberships so two owners cannot demote each other at once.
    await tx.$executeRaw`SELECT 1 FROM "Membership" WHERE "organizationId" = ${ctx.organizationId} FOR UPDATE`;
    const target = await tx.membership.findFirst({
      where: { id: input.membershipId, organizationId: ctx.organizationId },
      select: { id: true, role: true, pendingRole: true, user: { select: { id: true, email: true, emailVerifiedAt: true } } },
    });
    if (!target) throw new NotFoundError("That member");
    if (target.role === input.role && target.pendingRole === null) return { membershipId: target.id, role: target.role, pendingRole: undefined };
    const ownerCount = await tx.membership.count({ where: { organizationId: ctx.organizationId, role: "OWNER" } });
    const refusal = refuseMembershipChange({
      kind: "change-role",
      actorRole: ctx.role,
      targetRole: target.role,
      newRole: input.role,
      ownerCount,
      self: target.user.id === ctx.userId,
    });
    if (refusal) throw new ForbiddenError(refusal);
    const unverified = unverifiedApproverRefusal(input.role, { email: target.user.email, emailVerified: target.user.emailVerifiedAt !== null });
    if (unverified) throw new ForbiddenError(unverified);
    if (target.role === input.role) {
      // Choosing the member's current role withdraws the grant that was waiting.
      await tx.membership.update({ where: { id: target.id }, data: { pendingRole: null, pendingRoleById: null, pendingRoleAt: null } });
      await recordAuditEvent(
        tx,
        actedBy(ctx),
        "member.role-grant-declined",
        { type: "membership", id: target.id },
        { member: target.user.email, role: target.pendingRole, kept: target.role },
      );
      return { membershipId: target.id, role: target.role, pendingRole: undefined };
    }
    const grant = { role: input.role, requestedById: ctx.userId, memberUserId: target.user.id };
    // A grant nobody could confirm (an Owner role asked by the only Owner) takes effect at once,
    // as it does with a single manager, rather than wait for ever.
    if (
      grantNeedsConfirmation(input.role, target.role, await secondManagerPolicyOn(tx, ctx.organizationId)) &&
      (await roleGrantConfirmers(tx, ctx.organizationId, grant)).length > 0
    ) {
      // The member keeps their role until another manager confirms the new one.
      await tx.membership.update({ where: { id: target.id }, data: { pendingRole: input.role, pendingRoleById: ctx.userId, pendingRoleAt: new Date() } });
      await recordAuditEvent(
        tx,
        actedBy(ctx),
        "member.role-grant-requested",
        { type: "membership", id: target.id },
        { member: target.user.email, from: target.role, to: input.role, by: "role change" },
      );
      await notifyRoleGrantConfirmers(tx, {
        organizationId: ctx.organizationId,
        organizationSlug: ctx.organizationSlug,
        grant,
        member: target.user.email,
      });
      return { membershipId: target.id, role: target.role, pendingRole: input.role };
    }
    const updated = await tx.membership.update({
      where: { id: target.id },
      data: { role: input.role, pendingRole: null, pendingRoleById: null, pendingRoleAt: null },
      select: { id: true, role: true },
    });
    // A changed privilege starts from a fresh sign-in: the member's sessions end on every device.
    await endUserSessions(tx, target.user.id, "privilege-changed");
    await recordAuditEvent(
      tx,
      actedBy(ctx),
      "member.role-changed",
      { type: "membership", id: target.id },
      { member: target.user.email, from: target.role, to: input.role },
    );
    return { membershipId: updated.id, role: updated.role, pendingRole: undefined };
  });
}
