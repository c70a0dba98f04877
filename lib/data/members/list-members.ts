import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { grantConfirmationRefusal } from "@/lib/domain/membership-rules";
import type { Role } from "@/lib/domain/roles";
import { CONFIRMED_FACTOR } from "../second-factors/confirmed-factor";

export type MemberRow = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
  /** The member's account has a confirmed second factor. */
  twoStep: boolean;
  /** A role granted to the member that waits for a second manager, and why the viewer may not confirm it (null: they may). */
  pendingGrant: { role: Role; requestedBy: string; at: Date; refusal: string | null } | null;
};

/** The organization's members, by name, with whether each signs in with a second factor. */
export async function listMembers(ctx: OrgContext): Promise<MemberRow[]> {
  requirePermission(ctx, "member.read");
  const rows = await db().membership.findMany({
    where: { organizationId: ctx.organizationId },
    select: {
      id: true,
      role: true,
      createdAt: true,
      pendingRole: true,
      pendingRoleById: true,
      pendingRoleAt: true,
      user: { select: { id: true, name: true, email: true, _count: { select: { secondFactors: { where: CONFIRMED_FACTOR } } } } },
    },
    orderBy: [{ user: { name: "asc" } }],
  });
  const requesterIds = [...new Set(rows.flatMap((r) => (r.pendingRoleById ? [r.pendingRoleById] : [])))];
  const requesters = requesterIds.length
    ? new Map((await db().user.findMany({ where: { id: { in: requesterIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]))
    : new Map<string, string>();
  return rows.map((r) => ({
    membershipId: r.id,
    userId: r.user.id,
    name: r.user.name,
    email: r.user.email,
    role: r.role,
    joinedAt: r.createdAt,
    twoStep: r.user._count.secondFactors > 0,
    pendingGrant:
      r.pendingRole && r.pendingRoleById && r.pendingRoleAt
        ? {
            role: r.pendingRole,
            requestedBy: requesters.get(r.pendingRoleById) ?? "a former member",
            at: r.pendingRoleAt,
            refusal: grantConfirmationRefusal(
              { role: r.pendingRole, requestedById: r.pendingRoleById, memberUserId: r.user.id },
              { userId: ctx.userId, role: ctx.role },
            ),
          }
        : null,
  }));
}
