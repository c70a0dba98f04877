// Where a threat model stands in the organization's risk picture. Approval is not lost when the
// next revision is started: a model with an approved revision and a draft in progress counts as
// approved, and the threats added since its last approval are open risk that no one has reviewed
// yet. Archived models are out of the picture unless someone asks for them.
//
// PostgreSQL evaluates the same rules through lib/data/sql/model-standing.ts;
// tests/integration/model-standing.test.ts runs both forms on the same rows.
import { THREAT_MODEL_STATUS_LABELS, type ThreatModelStatus } from "./threat-model";

export type StandingModel = { status: ThreatModelStatus; approvedVersion: string | null };

/** The statuses of a revision being written, reviewed or reworked. */
export const REVISION_IN_PROGRESS_STATUSES = ["DRAFT", "IN_REVIEW", "CHANGES_REQUESTED"] as const satisfies readonly ThreatModelStatus[];

/** Archived models are not open risk: their threats, mitigations and acceptances count for nothing. */
export function countsAsOpenRisk(model: { status: ThreatModelStatus }): boolean {
  return model.status !== "ARCHIVED";
}

/** An approved revision stands while the next one is drafted, in review or sent back. */
export function hasDraftInProgress(model: StandingModel): boolean {
  return model.approvedVersion !== null && (REVISION_IN_PROGRESS_STATUSES as readonly ThreatModelStatus[]).includes(model.status);
}

/** Approved now, or approved before with the next revision in progress. */
export function countsAsApproved(model: StandingModel): boolean {
  return model.status === "APPROVED" || hasDraftInProgress(model);
}

/** The status a model is counted and filtered under: Approved while it counts as approved. */
export function standingStatus(model: StandingModel): ThreatModelStatus {
  return countsAsApproved(model) ? "APPROVED" : model.status;
}

/**
 * A threat no approval has covered: its model is not approved as it stands, and the threat was
 * added after the model's last approval (or the model was never approved). Approval snapshots the
 * model's threats in the same transaction that sets `approvedAt`, and an approved model is locked,
 * so "created after the last approval" is "not in the last approved revision".
 */
export function isThreatNotYetReviewed(threat: { createdAt: Date }, model: { status: ThreatModelStatus; approvedAt: Date | null }): boolean {
  if (model.status === "APPROVED") return false;
  return model.approvedAt === null || threat.createdAt.getTime() > model.approvedAt.getTime();
}

const IN_PROGRESS_PHRASE: Record<(typeof REVISION_IN_PROGRESS_STATUSES)[number], string> = {
  DRAFT: "in draft",
  IN_REVIEW: "in review",
  CHANGES_REQUESTED: "with changes requested",
};

/**
 * How a model's status reads: "Draft", "Approved", or, with a revision in progress,
 * { status: "Approved 1.0.0", revision: "1.1.0 in draft" } (shown as "Approved 1.0.0 · 1.1.0 in draft").
 */
export function standingLabel(model: StandingModel & { version: string }): { status: string; revision: string | null } {
  if (hasDraftInProgress(model)) {
    const phrase = IN_PROGRESS_PHRASE[model.status as (typeof REVISION_IN_PROGRESS_STATUSES)[number]];
    return { status: `Approved ${model.approvedVersion}`, revision: `${model.version} ${phrase}` };
  }
  return { status: THREAT_MODEL_STATUS_LABELS[model.status], revision: null };
}

/** The label as one line of text, for lists, exports and accessible names. */
export function standingText(model: StandingModel & { version: string }): string {
  const { status, revision } = standingLabel(model);
  return revision ? `${status} · ${revision}` : status;
}
