import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
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
      user: { select: { id: true, name: true, email: true, _count: { select: { secondFactors: { where: CONFIRMED_FACTOR } } } } },
    },
    orderBy: [{ user: { name: "asc" } }],
  });
  return rows.map((r) => ({
    membershipId: r.id,
    userId: r.user.id,
    name: r.user.name,
    email: r.user.email,
    role: r.role,
    joinedAt: r.createdAt,
    twoStep: r.user._count.secondFactors > 0,
  }));
}
