import "server-only";
import type { Tx } from "@/lib/db/client";

/** How many members of the organization have no confirmed second factor: who still has to enrol. */
export function countMembersWithoutFactor(tx: Tx, organizationId: string): Promise<number> {
  return tx.membership.count({ where: { organizationId, user: { secondFactors: { none: { confirmedAt: { not: null } } } } } });
}
