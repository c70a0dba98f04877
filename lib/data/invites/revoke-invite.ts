import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { actedBy, recordAuditEvent } from "../audit";

/** Withdraws an invitation nobody has used yet. */
export async function revokeInvite(ctx: OrgContext, input: { inviteId: string }) {
  requirePermission(ctx, "member.invite");
  await db().$transaction(async (tx) => {
    const revoked = await tx.invite.updateMany({
      where: { id: input.inviteId, organizationId: ctx.organizationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (revoked.count !== 1) throw new NotFoundError("That invitation");
    await recordAuditEvent(tx, actedBy(ctx), "invite.revoked", { type: "invite", id: input.inviteId });
  });
}
