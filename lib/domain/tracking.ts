// What of a threat model may change in which status. A model holds two kinds of content:
// the analysis (what could go wrong, how likely, how bad, what should be done about it), which
// reviewers sign off and which approval locks; and the tracking of the work the analysis asked
// for (is the mitigation done, where is its ticket, who owns it, by when), which goes on after
// approval. The server and the editor both ask these functions, so the two never disagree.
import type { ThreatModelStatus } from "./threat-model";

/**
 * The tracking fields of a mitigation, as the editor and the model document name them. Its
 * title and notes are analysis: they say what the mitigation is, and reviewers approved that.
 * Nothing else of a model is tracking: security controls describe controls the feature already
 * relies on (their status is part of the analysis the likelihoods rest on), residual-risk
 * sign-offs are decided on the review page, and the next review date is set by approval.
 */
export const MITIGATION_TRACKING_FIELDS = ["status", "taskRef", "implementedIn", "ownerId", "dueDate"] as const;
export type MitigationTrackingField = (typeof MITIGATION_TRACKING_FIELDS)[number];

/** What may be edited in a status: everything, only tracking, or nothing. */
export type EditScope = "everything" | "tracking" | "nothing";

const SCOPE: Record<ThreatModelStatus, EditScope> = {
  DRAFT: "everything",
  IN_REVIEW: "everything",
  CHANGES_REQUESTED: "everything",
  APPROVED: "tracking",
  ARCHIVED: "nothing",
};

export function editScope(status: ThreatModelStatus): EditScope {
  return SCOPE[status];
}

/** Statuses in which the analysis may change (an edit in review withdraws the approvals given so far). */
export const ANALYSIS_EDITABLE_STATUSES: ThreatModelStatus[] = (Object.keys(SCOPE) as ThreatModelStatus[]).filter((s) => SCOPE[s] === "everything");

export function mayEditAnalysis(status: ThreatModelStatus): boolean {
  return SCOPE[status] === "everything";
}

/** Whether a field of a section (editor section names: "mitigations", "threats", "fields", …) is tracking. */
export function isTrackingField(section: string, field: string): boolean {
  return section === "mitigations" && (MITIGATION_TRACKING_FIELDS as readonly string[]).includes(field);
}

/** The one question: may this field of this section be edited while the model is in this status? */
export function mayEditField(status: ThreatModelStatus, section: string, field: string): boolean {
  const scope = SCOPE[status];
  return scope === "everything" || (scope === "tracking" && isTrackingField(section, field));
}

/** Why an edit of the analysis is refused in this status (null when it is allowed). */
export function analysisLockedReason(status: ThreatModelStatus): string | null {
  switch (SCOPE[status]) {
    case "everything":
      return null;
    case "tracking":
      return "This threat model is approved: its analysis is locked until a new revision is started. Mitigation tracking (status, ticket, implemented in, owner, due date) stays editable.";
    case "nothing":
      return "This threat model is archived: restore it to make changes.";
  }
}

/**
 * A tracking edit on an approved model leaves the approval as it is: the approval signed off
 * the analysis, which a tracking edit cannot change, and its snapshot keeps the tracking as it
 * was at approval. Marking a mitigation as no longer implemented can leave a Critical threat
 * uncovered: the model stays approved (the dashboard counts that threat as open from the
 * current data), and the next revision cannot be approved until it is covered again.
 */
export function trackingEditKeepsApproval(status: ThreatModelStatus): boolean {
  return SCOPE[status] === "tracking";
}
