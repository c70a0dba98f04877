import "server-only";
import type { Tx } from "@/lib/db/client";
import { isMembershipManager, secondManagerRequired } from "@/lib/domain/membership-rules";
import { ROLES } from "@/lib/domain/roles";

const MANAGER_ROLES = ROLES.filter(isMembershipManager);

/** Whether grants of reviewing and managing roles wait for a second manager in this organization now. */
export async function secondManagerPolicyOn(tx: Tx, organizationId: string): Promise<boolean> {
  const [organization, managers] = await Promise.all([
    tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { roleGrantsNeedSecondManager: true } }),
    tx.membership.count({ where: { organizationId, role: { in: [...MANAGER_ROLES] } } }),
  ]);
  return secondManagerRequired(organization.roleGrantsNeedSecondManager, managers);
}
