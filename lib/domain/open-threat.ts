// When a threat is open risk, the one rule for it. PostgreSQL evaluates the same rule through
// lib/data/sql/open-threat.ts; tests/integration/rule-agreement.test.ts runs both on the same rows.
import { isAcceptanceInForce, type AcceptanceInput } from "./acceptance";
import type { ImplementationStatus } from "./threat-model";

/** The mitigation status that covers a threat: planned or in-progress work does not. */
export const COVERING_MITIGATION_STATUS = "IMPLEMENTED" satisfies ImplementationStatus;

export type OpenThreatInput = { mitigationStatuses: readonly ImplementationStatus[]; acceptances: readonly AcceptanceInput[] };

/**
 * A threat is open unless a linked mitigation is implemented or a residual-risk acceptance on it
 * is in force (accepted, review date not passed). An accepted risk past its review date is open again.
 */
export function isOpenThreat(threat: OpenThreatInput, today: string): boolean {
  if (threat.mitigationStatuses.includes(COVERING_MITIGATION_STATUS)) return false;
  return !threat.acceptances.some((a) => isAcceptanceInForce(a, today));
}
