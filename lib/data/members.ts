import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { refuseMembershipChange } from "@/lib/domain/membership-rules";
import type { Role } from "@/lib/domain/roles";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { actedBy, recordAuditEvent } from "./audit";

export type MemberRow = { membershipId: string; userId: string; name: string; email: string; role: Role; joinedAt: Date };

export async function listMembers(ctx: OrgContext): Promise<MemberRow[]> {
  requirePermission(ctx, "member.read");
  const rows = await db().membership.findMany({
    where: { organizationId: ctx.organizationId },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ user: { name: "asc" } }],
  });
  return rows.map((r) => ({ membershipId: r.id, userId: r.user.id, name: r.user.name, email: r.user.email, role: r.role, joinedAt: r.createdAt }));
}

export async function changeMemberRole(ctx: OrgContext, input: { membershipId: string; role: Role }) {
  requirePermission(ctx, "member.update-role");
  return db().$transaction(async (tx) => {
    // Lock the organization's memberships so two owners cannot demote each other at once.
    await tx.$executeRaw`SELECT 1 FROM "Membership" WHERE "organizationId" = ${ctx.organizationId} FOR UPDATE`;
    const target = await tx.membership.findFirst({
      where: { id: input.membershipId, organizationId: ctx.organizationId },
      select: { id: true, role: true, user: { select: { email: true } } },
    });
    if (!target) throw new NotFoundError("That member");
    if (target.role === input.role) return { membershipId: target.id, role: target.role };
    const ownerCount = await tx.membership.count({ where: { organizationId: ctx.organizationId, role: "OWNER" } });
    const refusal = refuseMembershipChange({ kind: "change-role", actorRole: ctx.role, targetRole: target.role, newRole: input.role, ownerCount });
    if (refusal) throw new ForbiddenError(refusal);
    const updated = await tx.membership.update({ where: { id: target.id }, data: { role: input.role }, select: { id: true, role: true } });
    await recordAuditEvent(tx, actedBy(ctx), "member.role-changed", { type: "membership", id: target.id }, { member: target.user.email, from: target.role, to: input.role });
    return { membershipId: updated.id, role: updated.role };
  });
}

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
