import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { unverifiedApproverRefusal } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { grantConfirmationRefusal } from "@/lib/domain/membership-rules";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { actedBy, recordAuditEvent } from "../audit";
import { endUserSessions } from "../sessions/end-sessions";

/**
 * A second manager's answer to a role grant that waits for one: confirming puts the role in force
 * (and ends the member's sessions, as every privilege change does); declining keeps the role the
 * member has. Either way the grant is gone, and the decision is in the audit trail.
 */
export async function decideRoleGrant(ctx: OrgContext, input: { membershipId: string; decision: "confirm" | "decline" }) {
  requirePermission(ctx, "member.update-role");
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Membership" WHERE "organizationId" = ${ctx.organizationId} FOR UPDATE`;
    const target = await tx.membership.findFirst({
      where: { id: input.membershipId, organizationId: ctx.organizationId },
      select: { id: true, role: true, pendingRole: true, pendingRoleById: true, user: { select: { id: true, email: true, emailVerifiedAt: true } } },
    });
    if (!target) throw new NotFoundError("That member");
    if (!target.pendingRole || !target.pendingRoleById) throw new ConflictError("This member has no role grant waiting: it was confirmed or declined already.");
    const refusal = grantConfirmationRefusal(
      { role: target.pendingRole, requestedById: target.pendingRoleById, memberUserId: target.user.id },
      { userId: ctx.userId, role: ctx.role },
    );
    if (refusal) throw new ForbiddenError(refusal);
    const cleared = { pendingRole: null, pendingRoleById: null, pendingRoleAt: null };
    if (input.decision === "decline") {
      await tx.membership.update({ where: { id: target.id }, data: cleared });
      await recordAuditEvent(
        tx,
        actedBy(ctx),
        "member.role-grant-declined",
        { type: "membership", id: target.id },
        { member: target.user.email, role: target.pendingRole, kept: target.role },
      );
      return { role: target.role };
    }
    const unverified = unverifiedApproverRefusal(target.pendingRole, { email: target.user.email, emailVerified: target.user.emailVerifiedAt !== null });
    if (unverified) throw new ForbiddenError(unverified);
    await tx.membership.update({ where: { id: target.id }, data: { role: target.pendingRole, ...cleared } });
    await endUserSessions(tx, target.user.id, "privilege-changed");
    await recordAuditEvent(
      tx,
      actedBy(ctx),
      "member.role-grant-confirmed",
      { type: "membership", id: target.id },
      { member: target.user.email, from: target.role, to: target.pendingRole, requestedById: target.pendingRoleById },
    );
    return { role: target.pendingRole };
  });
}
