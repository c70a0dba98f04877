// Who signed a model off and who accepted its residual risks, as every written form of a model
// states it: the document view, the Markdown export and the JSON export read the same words
// from here, so a file never says less (or other) than the page.
import { acceptanceState } from "../acceptance";
import { fromDay, isCalendarDay } from "../calendar";
import { CAPACITY_LABELS, REVIEW_CAPACITIES, type ReviewCapacity } from "../review";

export type ReviewDecisionKind = "APPROVED" | "CHANGES_REQUESTED";
export type AcceptanceStatus = "PROPOSED" | "ACCEPTED" | "REJECTED";

/** One reviewer's live decision on the model (or the approval stored with a revision). */
export type SignOff = {
  capacity: ReviewCapacity;
  name: string;
  /** The reviewer's email, so another installation can tell who it was; null when unknown. */
  email: string | null;
  decision: ReviewDecisionKind;
  /** ISO timestamp of the decision. */
  at: string;
};

/** A residual risk's sign-off state; the review date ("until when") is the risk's own. */
export type RiskSignOff = {
  status: AcceptanceStatus;
  decidedBy: string | null;
  decidedByEmail: string | null;
  /** ISO timestamp of the decision; null while proposed. */
  decidedAt: string | null;
};

/** What a model's record says beyond its document: decisions and, per residual risk, its sign-off. */
export type ReviewRecord = {
  signOffs: SignOff[];
  /** Per entry of `residualRisks`, in order; null when the risk's sign-off is not known. */
  riskSignOffs: (RiskSignOff | null)[];
};

export const DECISION_LABELS: Record<ReviewDecisionKind, string> = { APPROVED: "Approved", CHANGES_REQUESTED: "Changes requested" };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "1 Dec 2026": a day as the pages write it, in UTC (calendar dates are stored at UTC midnight). */
export function dayLabel(date: Date | string): string {
  const d = typeof date === "string" ? (isCalendarDay(date) ? fromDay(date) : new Date(date)) : date;
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** The rows of "Review & approval": role, name, decision and day, in the order decided. */
export function signOffRows(signOffs: SignOff[]): { role: string; name: string; decision: string; date: string }[] {
  return [...signOffs]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((s) => ({ role: CAPACITY_LABELS[s.capacity], name: s.name, decision: DECISION_LABELS[s.decision], date: dayLabel(s.at) }));
}

/** The capacities that have not decided yet, for the rows a written document shows as pending. */
export function pendingCapacities(signOffs: SignOff[]): ReviewCapacity[] {
  return REVIEW_CAPACITIES.filter((c) => !signOffs.some((s) => s.capacity === c));
}

/**
 * A residual risk's sign-off in words: "Accepted by Sam Lee on 3 Jan 2027", "Awaiting security
 * lead", "Rejected by …", or, past its review date, "Expired: open again until renewed (…)".
 */
export function riskSignOffLabel(signOff: RiskSignOff, reviewDate: string, today: string): string {
  const by = signOff.decidedBy ?? "—";
  const on = signOff.decidedAt ? ` on ${dayLabel(signOff.decidedAt)}` : "";
  switch (acceptanceState({ status: signOff.status, reviewDate }, today)) {
    case "proposed":
      return "Awaiting security lead";
    case "rejected":
      return `Rejected by ${by}${on}`;
    case "expired":
      return `Expired: open again until renewed (accepted by ${by}${on})`;
    case "accepted":
      return `Accepted by ${by}${on}`;
  }
}

/** How many decisions a file records that an import leaves out, for its warning. */
export function recordedDecisions(record: ReviewRecord | undefined): { signOffs: number; riskSignOffs: number } {
  if (!record) return { signOffs: 0, riskSignOffs: 0 };
  return { signOffs: record.signOffs.length, riskSignOffs: record.riskSignOffs.filter((s) => s && s.status !== "PROPOSED").length };
}
