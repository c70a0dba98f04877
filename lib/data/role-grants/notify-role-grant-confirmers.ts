import "server-only";
import type { Tx } from "@/lib/db/client";
import { grantConfirmationRefusal, isMembershipManager, type PendingGrant } from "@/lib/domain/membership-rules";
import { ROLE_LABELS, ROLES } from "@/lib/domain/roles";
import { notify } from "../notifications";

const MANAGER_ROLES = ROLES.filter(isMembershipManager);

/** The managers who may confirm `grant` (grantConfirmationRefusal), by user id. */
export async function roleGrantConfirmers(tx: Tx, organizationId: string, grant: PendingGrant): Promise<string[]> {
  const managers = await tx.membership.findMany({
    where: { organizationId, role: { in: [...MANAGER_ROLES] } },
    select: { userId: true, role: true },
  });
  return managers.filter((m) => grantConfirmationRefusal(grant, m) === null).map((m) => m.userId);
}

/**
 * Tells every manager who may confirm the pending grant (grantConfirmationRefusal: not the one
 * who asked, not the member, an Owner for the Owner role) that it waits for them, in the caller's
 * transaction. Without this a grant waits unseen until someone opens Members.
 */
export async function notifyRoleGrantConfirmers(
  tx: Tx,
  input: { organizationId: string; organizationSlug: string; grant: PendingGrant; member: string },
): Promise<number> {
  return notify(tx, {
    organizationId: input.organizationId,
    userIds: await roleGrantConfirmers(tx, input.organizationId, input.grant),
    kind: "role-grant-requested",
    title: `Confirm ${ROLE_LABELS[input.grant.role]} for ${input.member}`,
    link: `/${input.organizationSlug}/members`,
  });
}
