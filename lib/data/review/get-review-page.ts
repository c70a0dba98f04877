import "server-only";
import { latestReviewDate } from "@/lib/domain/acceptance";
import type { OrgContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { today as todayOf } from "@/lib/domain/calendar";
import {
  REVIEW_CAPACITIES,
  approvalState,
  checkTransition,
  eligibleReviewers,
  nextVersion,
  parseVersion,
  reviewCapacityFor,
  revisionAuthors,
  signOffState,
  signOffStillNeeded,
  type ReviewAction,
  type ReviewCapacity,
} from "@/lib/domain/review";
import { isReviewOverdue } from "@/lib/domain/review-overdue";
import { documentCoverage } from "@/lib/domain/diagram/coverage";
import { diffDocuments, type RevisionDiff } from "@/lib/domain/revision-diff";
import { NotFoundError } from "@/lib/errors";
import { listModelAcceptances } from "../acceptances/list-model-acceptances";
import { loadCommentThread } from "../comments/load-comment-thread";
import { listMembers } from "../members/list-members";
import { getRevisionDocument } from "../revisions/get-revision-document";
import { listRevisions } from "../revisions/list-revisions";
import { findThreatModel } from "../threat-models/find-threat-model";
import { toDocument } from "../threat-models/to-document";
import { blockersOf } from "./blockers";

export type ReviewDecisionView = {
  id: string;
  reviewer: { id: string; name: string };
  capacity: ReviewCapacity;
  decision: "APPROVED" | "CHANGES_REQUESTED";
  comment: string;
  lockVersion: number;
  createdAt: Date;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
};

/** What the member looking at the review page may do there, as the workflow and the matrix decide. */
function viewerOf(ctx: OrgContext, model: { status: Parameters<typeof checkTransition>[1]; version: string }, authors: string[], myDecision: string | null) {
  const actor = { role: ctx.role, isAuthor: authors.includes(ctx.userId) };
  const allowed = (action: ReviewAction) => checkTransition(action, model.status, actor).allowed;
  const capacity = reviewCapacityFor({ userId: ctx.userId, role: ctx.role }, authors);
  // Why a member looking at a model in review is offered no decision: the workflow's own reason.
  const approveVerdict = checkTransition("approve", model.status, actor);
  const meanwhile = can(ctx.role, "model.edit")
    ? "You can comment, or edit the model: an edit withdraws the approvals given so far."
    : can(ctx.role, "comment.create")
      ? "You can follow the review and comment."
      : "You can follow the review.";
  const inReview = model.status === "IN_REVIEW";
  return {
    maySubmit: allowed("submit"),
    /** The capacity this member decides in now, and whether they already have on this revision. */
    decision: capacity && inReview && approveVerdict.allowed ? { capacity, decided: myDecision !== null } : null,
    noDecisionReason: inReview && !approveVerdict.allowed ? `${approveVerdict.reason} ${meanwhile}` : null,
    nextVersions:
      allowed("start-revision") && parseVersion(model.version) !== null
        ? { minor: nextVersion(model.version, "minor"), major: nextVersion(model.version, "major") }
        : null,
    mayArchive: allowed("archive") || allowed("restore"),
    mayDecideRisks: can(ctx.role, "risk.accept") && model.status !== "ARCHIVED",
    mayComment: can(ctx.role, "comment.create"),
    onlyFollows: !inReview && !can(ctx.role, "model.edit") && !capacity,
  };
}

/**
 * Everything the review page shows, with every fact it states already decided: decisions and who
 * approved in which capacity, what the sign-off still needs, blockers, residual risks, revisions,
 * what changed since the last approval, who may be asked to review, and what the viewer may do.
 */
export async function getReviewPage(ctx: OrgContext, modelId: string) {
  requirePermission(ctx, "model.read");
  const model = await findThreatModel(db(), ctx.organizationId, modelId);
  if (!model) throw new NotFoundError("That threat model");
  const today = todayOf();
  const [decisions, acceptances, revisions, requested, blockers, thread, members, settings] = await Promise.all([
    db().approval.findMany({
      where: { threatModelId: model.id, organizationId: ctx.organizationId },
      orderBy: { createdAt: "desc" },
      include: { reviewer: { select: { id: true, name: true } } },
    }),
    listModelAcceptances(ctx, model.id, today),
    listRevisions(ctx, model.id),
    model.requestedReviewerIds.length
      ? db().user.findMany({ where: { id: { in: model.requestedReviewerIds } }, select: { id: true, name: true } })
      : Promise.resolve([]),
    db().$transaction((tx) => blockersOf(tx, ctx, model.id, today)),
    loadCommentThread(ctx, model.id),
    listMembers(ctx),
    db().organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { acceptanceHorizonYears: true, editorsCountAsAuthors: true } }),
  ]);
  const authors = revisionAuthors(model, settings.editorsCountAsAuthors);
  const live = decisions.filter((d) => !d.withdrawnAt && d.lockVersion === model.lockVersion);
  const liveRecords = live.map((d) => ({ reviewerId: d.reviewerId, capacity: d.capacity, decision: d.decision, withdrawn: false }));
  // The baseline is the last approval before the model's current state: for an approved model,
  // the revision before this one (what this approval changed); otherwise the latest approval.
  const baselineRevision = model.status === "APPROVED" && revisions[0]?.version === model.version ? revisions[1] : revisions[0];
  const lastApproved = baselineRevision ? await getRevisionDocument(ctx, model.id, baselineRevision.id) : null;
  const current = toDocument(model);
  const diff: RevisionDiff | null = lastApproved ? diffDocuments(lastApproved.document, current) : null;
  const approval = approvalState(liveRecords);
  const signOff = signOffState(liveRecords, blockers);
  const counted = model.status === "IN_REVIEW" || model.status === "APPROVED";
  const myDecision = live.find((d) => d.reviewerId === ctx.userId)?.decision ?? null;
  const overdue = isReviewOverdue(model, today);
  return {
    model,
    today,
    /** The furthest review date a security lead may give an acceptance today. */
    latestReviewDate: latestReviewDate(today, settings.acceptanceHorizonYears),
    overdue,
    /** How much of what the diagrams suggest is answered, the gaps reviewers should look at, and the recorded dismissals. */
    coverage: documentCoverage(current),
    decisions: decisions.map((d): ReviewDecisionView => ({
      id: d.id,
      reviewer: d.reviewer,
      capacity: d.capacity,
      decision: d.decision,
      comment: d.comment,
      lockVersion: d.lockVersion,
      createdAt: d.createdAt,
      withdrawnAt: d.withdrawnAt,
      withdrawnReason: d.withdrawnReason,
    })),
    approval,
    signOff,
    /** Per capacity, the approval of the current revision that counts, if any. */
    approvals: REVIEW_CAPACITIES.map((capacity) => {
      const given = counted ? live.find((d) => d.capacity === capacity && d.decision === "APPROVED") : undefined;
      return { capacity, by: given ? { name: given.reviewer.name, at: given.createdAt } : null };
    }),
    stillNeeded: model.status === "IN_REVIEW" ? signOffStillNeeded(signOff) : null,
    changesRequested:
      model.status === "CHANGES_REQUESTED" ? (decisions.find((d) => d.decision === "CHANGES_REQUESTED" && !d.withdrawnAt)?.comment ?? null) : null,
    approvedAndLocked: model.status === "APPROVED" && approval.complete,
    myDecision,
    blockers,
    acceptances,
    revisions,
    lastApproved: lastApproved ? { id: lastApproved.id, version: lastApproved.version } : null,
    diff,
    requestedReviewers: requested,
    /** Who the author may ask: the members who may review this model, each in their capacity. */
    reviewers: eligibleReviewers(members, authors).map((m) => ({ id: m.userId, name: m.name, role: m.role })),
    thread,
    viewer: viewerOf(ctx, model, authors, myDecision),
  };
}
export type ReviewPageData = Awaited<ReturnType<typeof getReviewPage>>;
