import "server-only";
import { randomBytes } from "node:crypto";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { refuseMembershipChange } from "@/lib/domain/membership-rules";
import type { Role } from "@/lib/domain/roles";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { actedBy, recordAuditEvent } from "../audit";
import { hashToken } from "./invite-token";

export const INVITE_TTL_DAYS = 7;

/** Creates an invitation and returns its token, which is shown once and never stored. */
export async function createInvite(ctx: OrgContext, input: { email: string; role: Role }, now = new Date()) {
  requirePermission(ctx, "member.invite");
  const refusal = refuseMembershipChange({ kind: "invite", actorRole: ctx.role, newRole: input.role });
  if (refusal) throw new ForbiddenError(refusal);
  const email = input.email.toLowerCase();
  const alreadyMember = await db().membership.findFirst({
    where: { organizationId: ctx.organizationId, user: { email } },
    select: { id: true },
  });
  if (alreadyMember) throw new ConflictError(`${email} is already a member of ${ctx.organizationName}.`);

  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000);
  const invite = await db().$transaction(async (tx) => {
    const created = await tx.invite.create({
      data: { organizationId: ctx.organizationId, email, role: input.role, tokenHash: hashToken(token), invitedById: ctx.userId, expiresAt },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await recordAuditEvent(
      tx,
      actedBy(ctx),
      "invite.created",
      { type: "invite", id: created.id },
      { email, role: input.role, expiresAt: expiresAt.toISOString() },
    );
    return created;
  });
  return { invite, token };
}
