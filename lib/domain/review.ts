// The review workflow: who may move a threat model between statuses, when the sign-off is
// complete, what blocks an approval, and the dates and versions that follow from one. Pure rules,
// so the buttons a page shows and the checks the server makes cannot disagree.
//
//   Draft ──submit──▶ In review ──approve (Security + Tech lead)──▶ Approved ──start revision──▶ Draft
//     ▲                   │
//     └──edit── Changes requested ◀──request changes──┘
//
// Any status can be archived; restoring returns the model to the status it had before.
import { can, type Permission } from "@/lib/auth/permissions";
import { InvalidInputError } from "@/lib/errors";
import { acceptanceState, type AcceptanceInput } from "./acceptance";
import { addMonths, toDay } from "./calendar";
import { isOpenThreat } from "./open-threat";
import { ROLES, ROLE_LABELS, type Role } from "./roles";
import { analysisLockedReason } from "./tracking";
import {
  IMPLEMENTATION_STATUS_LABELS,
  THREAT_MODEL_STATUS_LABELS,
  type ImplementationStatus,
  type Priority,
  type StrideCategory,
  type ThreatModelStatus,
} from "./threat-model";

export type ReviewAction = "submit" | "approve" | "request-changes" | "start-revision" | "archive" | "restore" | "edit";
export const REVIEW_ACTIONS: readonly ReviewAction[] = ["submit", "approve", "request-changes", "start-revision", "archive", "restore", "edit"];

export type ReviewCapacity = "SECURITY" | "TECH_LEAD";
/** Both capacities sign off every model, in this order. */
export const REVIEW_CAPACITIES: readonly ReviewCapacity[] = ["SECURITY", "TECH_LEAD"];
export const CAPACITY_LABELS: Record<ReviewCapacity, string> = { SECURITY: "Security", TECH_LEAD: "Tech lead" };

const CAPACITY_OF_ROLE: Partial<Record<Role, ReviewCapacity>> = { SECURITY_LEAD: "SECURITY", TECH_LEAD: "TECH_LEAD" };

/** The capacity a role reviews in: SECURITY_LEAD → SECURITY, TECH_LEAD → TECH_LEAD, others null. */
export function reviewCapacityOf(role: Role): ReviewCapacity | null {
  return CAPACITY_OF_ROLE[role] ?? null;
}

/** The permission a role needs to approve in its capacity, so the workflow follows the one matrix. */
const APPROVE_PERMISSION: Record<ReviewCapacity, Permission> = { SECURITY: "model.approve-security", TECH_LEAD: "model.approve-tech" };

export type ReviewActor = { role: Role; isAuthor: boolean };
export type TransitionVerdict = { allowed: true; next: ThreatModelStatus } | { allowed: false; reason: string };

const refuse = (reason: string): TransitionVerdict => ({ allowed: false, reason });
const allow = (next: ThreatModelStatus): TransitionVerdict => ({ allowed: true, next });

function mayReview(role: Role): boolean {
  const capacity = reviewCapacityOf(role);
  return capacity !== null && can(role, APPROVE_PERMISSION[capacity]);
}

// ─── Who reviews ──────────────────────────────────────────────────────────────────────────

/** The roles that review models, each in its capacity: who is asked when the author names nobody. */
export const REVIEWER_ROLES: readonly Role[] = ROLES.filter(mayReview);

export type ReviewCandidate = { userId: string; role: Role };

/**
 * Who wrote the revision under review, whom dual approval keeps from reviewing it: the member who
 * created the model, and, where the organization counts editors as authors, everyone who saved a
 * change to this revision.
 */
export function revisionAuthors(model: { createdById: string; revisionEditorIds: readonly string[] }, editorsCountAsAuthors: boolean): string[] {
  return editorsCountAsAuthors ? [...new Set([model.createdById, ...model.revisionEditorIds])] : [model.createdById];
}

const authorsOf = (authors: string | readonly string[]): readonly string[] => (typeof authors === "string" ? [authors] : authors);

/**
 * Who reviews a model: the capacity in which `member` may review the model `authorId` wrote
 * (a security lead as Security, a tech lead as Tech lead), or null. Nobody reviews their own model.
 */
export function reviewCapacityFor(member: ReviewCandidate, authors: string | readonly string[]): ReviewCapacity | null {
  if (authorsOf(authors).includes(member.userId) || !mayReview(member.role)) return null;
  return reviewCapacityOf(member.role);
}

/** The members who may review the model `authorId` wrote, in the given order, each with the capacity they review in. */
export function eligibleReviewers<M extends ReviewCandidate>(members: readonly M[], authors: string | readonly string[]): (M & { capacity: ReviewCapacity })[] {
  return members.flatMap((m) => {
    const capacity = reviewCapacityFor(m, authors);
    return capacity ? [{ ...m, capacity }] : [];
  });
}

/** Why the members named to review a model cannot, or null when every one of them may. */
export function reviewerRefusal(named: readonly ReviewCandidate[], authors: string | readonly string[]): { message: string; field: string } | null {
  if (named.some((m) => !mayReview(m.role)))
    return { message: "Only security leads and tech leads can review.", field: "Choose security leads or tech leads." };
  if (named.some((m) => authorsOf(authors).includes(m.userId)))
    return { message: "The author cannot review their own model.", field: "Choose someone who did not write this revision." };
  return null;
}

function aRole(role: Role): string {
  const label = ROLE_LABELS[role].toLowerCase();
  return `${/^[aeiou]/.test(label) ? "An" : "A"} ${label}`;
}

/**
 * Whether `actor` may perform `action` on a model in `status`, and the status it leads to.
 * Refusals say what is wrong, checked in this order: the role, then the status, then authorship.
 * An approval leaves the model In review: whether both capacities are now in is `approvalState`'s call.
 */
export function checkTransition(
  action: ReviewAction,
  status: ThreatModelStatus,
  actor: ReviewActor,
  options?: { restoreTo?: ThreatModelStatus },
): TransitionVerdict {
  const { role } = actor;
  const statusLabel = THREAT_MODEL_STATUS_LABELS[status];
  switch (action) {
    case "submit": {
      if (!can(role, "model.submit")) return refuse(`${aRole(role)} cannot submit threat models for review.`);
      if (status === "DRAFT" || status === "CHANGES_REQUESTED") return allow("IN_REVIEW");
      if (status === "IN_REVIEW") return refuse("This threat model is already in review.");
      if (status === "APPROVED") return refuse("This threat model is already approved: start a new revision to change it.");
      return refuse("Archived threat models cannot be submitted: restore this one first.");
    }
    case "approve":
    case "request-changes": {
      const approving = action === "approve";
      if (!mayReview(role)) {
        return refuse(approving ? "Only a security lead or a tech lead can approve." : "Only a security lead or a tech lead can request changes.");
      }
      if (status !== "IN_REVIEW") {
        return refuse(
          approving
            ? `Only a model in review can be approved; this one is ${statusLabel}.`
            : `Changes can only be requested on a model in review; this one is ${statusLabel}.`,
        );
      }
      if (actor.isAuthor) {
        return refuse(approving ? "You cannot approve a threat model you wrote." : "You cannot request changes on a threat model you wrote.");
      }
      return allow(approving ? "IN_REVIEW" : "CHANGES_REQUESTED");
    }
    case "edit": {
      if (!can(role, "model.edit")) return refuse(`${aRole(role)} cannot edit threat models.`);
      const locked = analysisLockedReason(status);
      if (locked) return refuse(locked);
      // Editing answers the requested changes, so the model goes back to Draft for another round.
      return allow(status === "CHANGES_REQUESTED" ? "DRAFT" : status);
    }
    case "start-revision": {
      if (!can(role, "model.edit")) return refuse(`${aRole(role)} cannot start a new revision.`);
      if (status !== "APPROVED") return refuse(`Only an approved model can start a new revision; this one is ${statusLabel}.`);
      return allow("DRAFT");
    }
    case "archive": {
      if (!can(role, "model.archive")) return refuse("Only an owner, an admin or a security lead can archive a threat model.");
      if (status === "ARCHIVED") return refuse("This threat model is already archived.");
      return allow("ARCHIVED");
    }
    case "restore": {
      if (!can(role, "model.archive")) return refuse("Only an owner, an admin or a security lead can restore a threat model.");
      if (status !== "ARCHIVED") return refuse(`Only an archived model can be restored; this one is ${statusLabel}.`);
      const restoreTo = options?.restoreTo;
      return allow(restoreTo && restoreTo !== "ARCHIVED" ? restoreTo : "DRAFT");
    }
  }
}

/** The actions `actor` may take on a model in `status`, in REVIEW_ACTIONS order: what a page offers. */
export function availableActions(status: ThreatModelStatus, actor: ReviewActor): ReviewAction[] {
  return REVIEW_ACTIONS.filter((action) => checkTransition(action, status, actor).allowed);
}

// ─── Sign-off ─────────────────────────────────────────────────────────────────────────────

export type ApprovalRecord = {
  reviewerId: string;
  capacity: ReviewCapacity;
  decision: "APPROVED" | "CHANGES_REQUESTED";
  withdrawn: boolean;
};

/** Which capacities have approved (non-withdrawn approvals only) and which are still missing. */
export function approvalState(approvals: ApprovalRecord[]): { approvedBy: ReviewCapacity[]; missing: ReviewCapacity[]; complete: boolean } {
  const approved = new Set(approvals.filter((a) => a.decision === "APPROVED" && !a.withdrawn).map((a) => a.capacity));
  const approvedBy = REVIEW_CAPACITIES.filter((c) => approved.has(c));
  const missing = REVIEW_CAPACITIES.filter((c) => !approved.has(c));
  return { approvedBy, missing, complete: missing.length === 0 };
}

/**
 * The sign-off of a model in review: the capacities that approved its current revision, those still
 * missing, and how many blockers the gate still finds. A lead may record an approval while blockers
 * exist; the model is approved only when both capacities are in and no blocker remains, whichever
 * of the two comes last.
 */
export type SignOffState = { approvedBy: ReviewCapacity[]; missing: ReviewCapacity[]; blockers: number; complete: boolean };

export function signOffState(approvals: ApprovalRecord[], blockers: readonly unknown[]): SignOffState {
  const { approvedBy, missing, complete } = approvalState(approvals);
  return { approvedBy, missing, blockers: blockers.length, complete: complete && blockers.length === 0 };
}

/** What still stands between a model in review and its approval, in words; null when nothing does. */
export function signOffStillNeeded(state: SignOffState): string | null {
  if (state.complete) return null;
  const needs: string[] = [];
  if (state.missing.length > 0) needs.push(`an approval as ${state.missing.map((c) => CAPACITY_LABELS[c]).join(" and one as ")}`);
  if (state.blockers > 0) needs.push(`${state.blockers === 1 ? "1 blocker" : `${state.blockers} blockers`} resolved`);
  const prefix = state.missing.length === 0 ? "Both leads have approved this revision. Still needed for its approval" : "Still needed for approval";
  return `${prefix}: ${needs.join(state.missing.length > 1 ? ", and " : " and ")}.`;
}

// ─── The approval gate ────────────────────────────────────────────────────────────────────

export type GateThreat = {
  id: string;
  title: string;
  category: StrideCategory;
  priority: Priority;
  mitigationStatuses: ImplementationStatus[];
  acceptances: AcceptanceInput[];
};
export type Blocker = { threatId: string; title: string; category: StrideCategory; reason: string };

/**
 * The template's rule "Critical: must fix before the feature ships": every Critical threat needs an
 * Implemented mitigation or an unexpired accepted residual risk; anything else blocks approval.
 * `today` is YYYY-MM-DD (UTC).
 */
export function approvalBlockers(threats: GateThreat[], today: string): Blocker[] {
  const blockers: Blocker[] = [];
  for (const threat of threats) {
    if (threat.priority !== "CRITICAL" || !isOpenThreat(threat, today)) continue;
    blockers.push({
      threatId: threat.id,
      title: threat.title,
      category: threat.category,
      reason: `Critical threat: ${mitigationGap(threat.mitigationStatuses)}, and ${acceptanceGap(threat.acceptances, today)}.`,
    });
  }
  return blockers;
}

function mitigationGap(statuses: ImplementationStatus[]): string {
  if (statuses.length === 0) return "it has no mitigation";
  const labels = [...new Set(statuses)].map((s) => IMPLEMENTATION_STATUS_LABELS[s]);
  return `no mitigation is implemented yet (${labels.join(", ")})`;
}

function acceptanceGap(acceptances: AcceptanceInput[], today: string): string {
  const expired = acceptances.filter((a) => acceptanceState(a, today) === "expired").map((a) => a.reviewDate.slice(0, 10));
  if (expired.length > 0) return `its accepted residual risk has expired (review date ${expired.sort().at(-1)})`;
  if (acceptances.some((a) => a.status === "PROPOSED")) return "its residual risk is proposed but not yet accepted by a security lead";
  if (acceptances.some((a) => a.status === "REJECTED")) return "its residual risk was rejected";
  return "no residual risk is accepted";
}

// ─── Versions and dates ───────────────────────────────────────────────────────────────────

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+][0-9A-Za-z.+-]*)?$/;

/**
 * Reads "1.4.2", and leniently what people write by hand or bring in from other tools: "v2",
 * "0.1", "1.2.3-draft". Missing parts count as 0. Returns null for anything else.
 */
export function parseVersion(version: string): { major: number; minor: number; patch: number } | null {
  const match = VERSION.exec(version.trim());
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2] ?? 0), patch: Number(match[3] ?? 0) };
}

/** The version of the next revision: 1.4.2 → 1.5.0 (minor) or 2.0.0 (major). */
export function nextVersion(version: string, step: "minor" | "major"): string {
  const parsed = parseVersion(version);
  if (!parsed) {
    throw new InvalidInputError(`The version "${version}" is not like 1.0.0, so the next one cannot be worked out. Correct the version first.`);
  }
  return step === "major" ? `${parsed.major + 1}.0.0` : `${parsed.major}.${parsed.minor + 1}.0`;
}

/**
 * Next review date: `months` (the organization's setting, 3 by default) after the UTC day of the
 * approval, as YYYY-MM-DD. A day the target month lacks becomes its last day (Nov 30 + 3 → Feb 28).
 */
export function nextReviewDate(approvedAt: Date, months: number): string {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`The review interval must be a whole number of months, at least 1; got ${months}.`);
  return addMonths(toDay(approvedAt), months);
}
