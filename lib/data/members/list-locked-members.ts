import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";

/** The organization's members whose accounts are locked at `now`, by user id, with when each lock ends. */
export async function listLockedMembers(ctx: OrgContext, now = new Date()): Promise<Map<string, Date>> {
  requirePermission(ctx, "member.unlock");
  const members = await db().membership.findMany({ where: { organizationId: ctx.organizationId }, select: { user: { select: { id: true, email: true } } } });
  const idOf = new Map(members.map((m) => [m.user.email, m.user.id]));
  const locks = await db().signInLockout.findMany({
    where: { email: { in: [...idOf.keys()] }, lockedUntil: { gt: now } },
    select: { email: true, lockedUntil: true },
  });
  return new Map(locks.map((l) => [idOf.get(l.email)!, l.lockedUntil!]));
}
