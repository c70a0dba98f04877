import "server-only";
import type { Tx } from "@/lib/db/client";
import { CONFIRMED_FACTOR } from "../second-factors/confirmed-factor";

/** How many members of the organization have no confirmed second factor: who still has to enrol. */
export function countMembersWithoutFactor(tx: Tx, organizationId: string): Promise<number> {
  return tx.membership.count({ where: { organizationId, user: { secondFactors: { none: CONFIRMED_FACTOR } } } });
}
