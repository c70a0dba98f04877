import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { liftLock } from "../lockouts/lift-lock";

/** Lifts the lock on a member's account (locked after failed sign-ins), before it runs out. */
export async function unlockMember(ctx: OrgContext, input: { membershipId: string }, now = new Date()) {
  requirePermission(ctx, "member.unlock");
  return db().$transaction(async (tx) => {
    const target = await tx.membership.findFirst({
      where: { id: input.membershipId, organizationId: ctx.organizationId },
      select: { user: { select: { id: true, email: true, name: true } } },
    });
    if (!target) throw new NotFoundError("That member");
    const lifted = await liftLock(tx, target.user, { id: ctx.userId, label: ctx.email, meta: ctx.meta }, now);
    if (!lifted) throw new ConflictError(`${target.user.name}’s account is not locked.`);
    return { email: target.user.email };
  });
}
