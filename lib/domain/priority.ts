// How a threat's priority follows from its likelihood and impact: the one matrix the template
// implies, kept here so the editor, the importer and the dashboard agree.
//
//                 impact:  Low      Medium   High
//   likelihood High        Low      High     Critical
//   likelihood Medium      Low      Medium   High
//   likelihood Low         Low      Low      Medium
//
// Critical impact reads as High in the matrix and then raises the result one level.
import type { Impact, Likelihood, Priority } from "./threat-model";

const MATRIX: Record<Likelihood, Record<Exclude<Impact, "CRITICAL">, Priority>> = {
  HIGH: { LOW: "LOW", MEDIUM: "HIGH", HIGH: "CRITICAL" },
  MEDIUM: { LOW: "LOW", MEDIUM: "MEDIUM", HIGH: "HIGH" },
  LOW: { LOW: "LOW", MEDIUM: "LOW", HIGH: "MEDIUM" },
};

const RAISE: Record<Priority, Priority> = { LOW: "MEDIUM", MEDIUM: "HIGH", HIGH: "CRITICAL", CRITICAL: "CRITICAL" };

export function suggestPriority(likelihood: Likelihood, impact: Impact): Priority {
  if (impact === "CRITICAL") return RAISE[MATRIX[likelihood].HIGH];
  return MATRIX[likelihood][impact];
}

/** A threat's priority: the one set by hand (with its reason) when there is one, else likelihood × impact. */
export function effectivePriority(threat: { likelihood: Likelihood; impact: Impact; priorityOverride?: Priority | null }): Priority {
  return threat.priorityOverride ?? suggestPriority(threat.likelihood, threat.impact);
}

/** The hand-set priority of a stored threat: a stored priority is an override exactly when it carries a reason. */
export function priorityOverrideOf(stored: { priority: Priority; priorityOverrideReason: string | null }): Priority | null {
  return stored.priorityOverrideReason ? stored.priority : null;
}
