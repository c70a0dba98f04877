import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { refuseMembershipChange } from "@/lib/domain/membership-rules";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { actedBy, recordAuditEvent } from "../audit";

/** Removes a member from the organization, under the membership rules. */
export async function removeMember(ctx: OrgContext, input: { membershipId: string }) {
  requirePermission(ctx, "member.remove");
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Membership" WHERE "organizationId" = ${ctx.organizationId} FOR UPDATE`;
    const target = await tx.membership.findFirst({
      where: { id: input.membershipId, organizationId: ctx.organizationId },
      select: { id: true, role: true, userId: true, user: { select: { email: true } } },
    });
    if (!target) throw new NotFoundError("That member");
    const ownerCount = await tx.membership.count({ where: { organizationId: ctx.organizationId, role: "OWNER" } });
    const refusal = refuseMembershipChange({ kind: "remove", actorRole: ctx.role, targetRole: target.role, ownerCount });
    if (refusal) throw new ForbiddenError(refusal);
    await tx.membership.delete({ where: { id: target.id } });
    await recordAuditEvent(tx, actedBy(ctx), "member.removed", { type: "membership", id: target.id }, { member: target.user.email, role: target.role });
    return { removedUserId: target.userId };
  });
}
