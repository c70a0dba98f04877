import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/domain/roles";

export type PendingInvite = { id: string; email: string; role: Role; expiresAt: Date; createdAt: Date; invitedBy: string };

/** The organization's invitations still waiting to be used, newest first. */
export async function listPendingInvites(ctx: OrgContext, now = new Date()): Promise<PendingInvite[]> {
  requirePermission(ctx, "member.invite");
  const rows = await db().invite.findMany({
    where: { organizationId: ctx.organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({ ...r, invitedBy: r.invitedBy.name }));
}
