import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db, type Tx } from "@/lib/db/client";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import {
  CAPACITY_LABELS,
  acceptanceState,
  approvalBlockers,
  approvalState,
  checkTransition,
  nextReviewDate,
  nextVersion,
  reviewCapacityOf,
  signOffState,
  signOffStillNeeded,
  type AcceptanceState,
  type Blocker,
  type ReviewAction,
  type ReviewCapacity,
} from "@/lib/domain/review";
import * as calendar from "@/lib/domain/calendar";
import { diffDocuments, type RevisionDiff } from "@/lib/domain/revision-diff";
import { fixByDate } from "@/lib/domain/sla";
import type { ThreatModelStatus } from "@/lib/domain/threat-model";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TDecideAcceptance, TDecideReview, TStartRevision, TSubmitForReview } from "@/lib/validation/review";
import { actedBy, appendAuditEvent, recordAccessDenied } from "./audit";
import { acceptanceLink, markActedOn, notify } from "./notifications";
import { findThreatModel, toDocument } from "./threat-models";

/** What an approved revision stores: the whole model as it was approved, and who approved it. */
export type RevisionSnapshot = {
  format: 1;
  document: ThreatModelDocument;
  approvals: { reviewerId: string; reviewerName: string; capacity: ReviewCapacity; at: string; comment: string }[];
};

type LockedModel = {
  id: string;
  title: string;
  version: string;
  status: ThreatModelStatus;
  lockVersion: number;
  createdById: string;
  ownerId: string | null;
  statusBeforeArchive: ThreatModelStatus | null;
};

const reviewLink = (ctx: OrgContext, modelId: string) => `/${ctx.organizationSlug}/models/${modelId}/review`;

/**
 * Reads a model of the caller's organization and holds its row until the transaction ends. Every
 * transition and every edit of the model goes through this row (edits by their conditional
 * version bump), so two leads deciding at once, or an edit racing an approval, run one after the
 * other and each sees what the other did.
 */
async function lockModel(tx: Tx, ctx: OrgContext, modelId: string): Promise<LockedModel> {
  const rows = await tx.$queryRaw<LockedModel[]>`
    SELECT id, title, version, status::text AS status, "lockVersion", "createdById", "ownerId",
           "statusBeforeArchive"::text AS "statusBeforeArchive"
    FROM "ThreatModel" WHERE id = ${modelId} AND "organizationId" = ${ctx.organizationId}
    FOR UPDATE`;
  const model = rows[0];
  if (!model) throw new NotFoundError("That threat model");
  return model;
}

/** A refusal because of who the actor is (their own model): recorded once its transaction has ended. */
class AuthorRefused extends ForbiddenError {
  constructor(
    message: string,
    readonly action: ReviewAction,
  ) {
    super(message);
  }
}

/** Refuses a transition the state machine does not allow, with its reason. */
function ensureAllowed(ctx: OrgContext, action: ReviewAction, model: LockedModel) {
  const verdict = checkTransition(action, model.status, { role: ctx.role, isAuthor: model.createdById === ctx.userId }, { restoreTo: model.statusBeforeArchive ?? undefined });
  if (verdict.allowed) return verdict.next;
  // Wrong state is a conflict with what someone else did; wrong person is an authorization failure.
  const stateOk = checkTransition(action, model.status, { role: ctx.role, isAuthor: false }).allowed;
  if (stateOk) throw new AuthorRefused(verdict.reason, action);
  throw new ConflictError(verdict.reason);
}

/**
 * Runs a transition's transaction. An authorization refusal is written to the audit trail after
 * the transaction has rolled back (and released the model's row), in a transaction of its own.
 */
async function transition<T>(ctx: OrgContext, body: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db().$transaction(body);
  } catch (error) {
    if (error instanceof AuthorRefused) await recordAccessDenied(ctx, { action: `review.${error.action}`, permission: "own-model" });
    throw error;
  }
}

/** The gate's input, read in the caller's transaction. */
async function blockersOf(tx: Tx, ctx: OrgContext, modelId: string, today: string): Promise<Blocker[]> {
  const threats = await tx.threat.findMany({
    where: { organizationId: ctx.organizationId, threatModelId: modelId, priority: "CRITICAL" },
    orderBy: [{ category: "asc" }, { position: "asc" }],
    select: {
      id: true,
      title: true,
      category: true,
      priority: true,
      mitigations: { select: { mitigation: { select: { status: true } } } },
      acceptances: { select: { status: true, reviewDate: true } },
    },
  });
  return approvalBlockers(
    threats.map((t) => ({
      id: t.id,
      title: t.title,
      category: t.category,
      priority: t.priority,
      mitigationStatuses: t.mitigations.map((l) => l.mitigation.status),
      acceptances: t.acceptances.map((a) => ({ status: a.status, reviewDate: ymd(a.reviewDate) })),
    })),
    today,
  );
}

const { toDay: ymd, fromDay: toDate } = calendar;

/** Withdraws every live decision on a model; returns who had given one. */
async function withdrawDecisions(tx: Tx, modelId: string, reason: string): Promise<string[]> {
  const live = await tx.approval.findMany({ where: { threatModelId: modelId, withdrawnAt: null }, select: { reviewerId: true } });
  if (live.length === 0) return [];
  await tx.approval.updateMany({ where: { threatModelId: modelId, withdrawnAt: null }, data: { withdrawnAt: new Date(), withdrawnReason: reason } });
  return [...new Set(live.map((a) => a.reviewerId))];
}

/**
 * Called by every edit inside its transaction, after the edit's version bump: an edit after
 * submission withdraws the approvals given so far, and an edit answering requested changes takes
 * the model back to Draft. Returns how many approvals were withdrawn, for the editor to say so.
 */
export async function onModelEdited(tx: Tx, ctx: OrgContext, modelId: string): Promise<{ withdrawnApprovals: number; status: ThreatModelStatus }> {
  const model = await tx.threatModel.findUniqueOrThrow({ where: { id: modelId }, select: { status: true, title: true } });
  if (model.status === "CHANGES_REQUESTED") {
    await withdrawDecisions(tx, modelId, "The model was edited after changes were requested.");
    await tx.threatModel.update({ where: { id: modelId }, data: { status: "DRAFT" } });
    await appendAuditEvent(tx, { ...actedBy(ctx), action: "review.back-to-draft", targetType: "threat-model", targetId: modelId, summary: { from: "CHANGES_REQUESTED", to: "DRAFT" } });
    return { withdrawnApprovals: 0, status: "DRAFT" };
  }
  if (model.status !== "IN_REVIEW") return { withdrawnApprovals: 0, status: model.status };
  const reviewers = await withdrawDecisions(tx, modelId, "The model was edited after its submission.");
  if (reviewers.length > 0) {
    await appendAuditEvent(tx, { ...actedBy(ctx), action: "review.approvals-withdrawn", targetType: "threat-model", targetId: modelId, summary: { count: reviewers.length, reason: "edited in review" } });
    await notify(tx, {
      organizationId: ctx.organizationId,
      userIds: reviewers,
      kind: "review-requested",
      title: `${model.title} changed after your approval: review it again`,
      link: reviewLink(ctx, modelId),
      exceptUserId: ctx.userId,
    });
  }
  return { withdrawnApprovals: reviewers.length, status: "IN_REVIEW" };
}

// ─── Transitions ─────────────────────────────────────────────────────────────────────────

export async function submitForReview(ctx: OrgContext, input: TSubmitForReview) {
  requirePermission(ctx, "model.submit");
  return transition(ctx, async (tx) => {
    const model = await lockModel(tx, ctx, input.modelId);
    const next = ensureAllowed(ctx, "submit", model);
    const reviewerIds = [...new Set(input.reviewerIds)];
    if (reviewerIds.length) {
      const reviewers = await tx.membership.findMany({ where: { organizationId: ctx.organizationId, userId: { in: reviewerIds } }, select: { userId: true, role: true } });
      if (reviewers.length !== reviewerIds.length) throw new InvalidInputError("A reviewer is not a member of this organization.", { reviewerIds: ["Choose reviewers among the members."] });
      if (reviewers.some((r) => reviewCapacityOf(r.role) === null)) throw new InvalidInputError("Only security leads and tech leads can review.", { reviewerIds: ["Choose security leads or tech leads."] });
      if (reviewerIds.includes(model.createdById)) throw new InvalidInputError("The author cannot review their own model.", { reviewerIds: ["Choose someone other than the author."] });
    }
    // A new round: decisions from an earlier round do not carry over.
    await withdrawDecisions(tx, model.id, "Resubmitted for review.");
    await tx.threatModel.update({ where: { id: model.id }, data: { status: next, submittedAt: new Date(), requestedReviewerIds: reviewerIds } });
    await appendAuditEvent(tx, {
      ...actedBy(ctx),
      action: "review.submitted",
      targetType: "threat-model",
      targetId: model.id,
      summary: { from: model.status, to: next, version: model.version, lockVersion: model.lockVersion, reviewers: reviewerIds.length },
    });
    // Nobody named: every security lead and tech lead is asked.
    const askIds = reviewerIds.length
      ? reviewerIds
      : (await tx.membership.findMany({ where: { organizationId: ctx.organizationId, role: { in: ["SECURITY_LEAD", "TECH_LEAD"] } }, select: { userId: true } })).map((m) => m.userId);
    await notify(tx, {
      organizationId: ctx.organizationId,
      userIds: askIds.filter((id) => id !== model.createdById),
      kind: "review-requested",
      title: `Review requested: ${model.title} ${model.version}`,
      link: reviewLink(ctx, model.id),
      exceptUserId: ctx.userId,
    });
    // Submitting again is what "changes requested" asked of the submitter.
    await markActedOn(tx, ctx, { kinds: ["changes-requested"], link: reviewLink(ctx, model.id) });
    return { status: next };
  });
}

/**
 * A security lead's or tech lead's decision on the state of the model they saw. An approval is
 * recorded even while blockers exist: the gate holds the model, not the lead. The model is
 * approved, in the same transaction, when both capacities have approved that same state and no
 * blocker remains; it then gets its next review date, its threats their fix-by dates, and an
 * immutable snapshot.
 */
export async function decideReview(ctx: OrgContext, input: TDecideReview) {
  requirePermission(ctx, "model.review");
  const capacity = reviewCapacityOf(ctx.role);
  if (!capacity) throw new ForbiddenError("Only a security lead or a tech lead can review.");
  const approving = input.decision === "APPROVED";
  return transition(ctx, async (tx) => {
    const model = await lockModel(tx, ctx, input.modelId);
    ensureAllowed(ctx, approving ? "approve" : "request-changes", model);
    if (model.lockVersion !== input.lockVersion) {
      throw new ConflictError("The model changed after you opened it, so your decision would be about an outdated revision. Look at the changes, then decide again.");
    }
    const mine = await tx.approval.findFirst({ where: { threatModelId: model.id, lockVersion: model.lockVersion, reviewerId: ctx.userId, withdrawnAt: null }, select: { decision: true } });
    if (mine) throw new ConflictError(mine.decision === "APPROVED" ? "You have already approved this revision." : "You have already requested changes on this revision.");

    await tx.approval.create({
      data: { organizationId: ctx.organizationId, threatModelId: model.id, lockVersion: model.lockVersion, reviewerId: ctx.userId, capacity, decision: input.decision, comment: input.comment },
    });
    // Deciding is what the review request asked of this lead.
    await markActedOn(tx, ctx, { kinds: ["review-requested"], link: reviewLink(ctx, model.id) });
    const authorAndOwner = [model.createdById, model.ownerId].filter((id): id is string => Boolean(id));

    if (!approving) {
      await tx.threatModel.update({ where: { id: model.id }, data: { status: "CHANGES_REQUESTED" } });
      await appendAuditEvent(tx, {
        ...actedBy(ctx),
        action: "review.changes-requested",
        targetType: "threat-model",
        targetId: model.id,
        summary: { capacity, version: model.version, lockVersion: model.lockVersion, from: "IN_REVIEW", to: "CHANGES_REQUESTED" },
      });
      await notify(tx, { organizationId: ctx.organizationId, userIds: authorAndOwner, kind: "changes-requested", title: `Changes requested on ${model.title}: ${input.comment}`, link: reviewLink(ctx, model.id), exceptUserId: ctx.userId });
      return { status: "CHANGES_REQUESTED" as ThreatModelStatus, approved: false };
    }

    await appendAuditEvent(tx, {
      ...actedBy(ctx),
      action: "review.approved",
      targetType: "threat-model",
      targetId: model.id,
      summary: { capacity, version: model.version, lockVersion: model.lockVersion },
    });
    const signOff = await completeSignOffIfReady(tx, ctx, model, "review.approved");
    if (!signOff.complete) {
      await notify(tx, {
        organizationId: ctx.organizationId,
        userIds: authorAndOwner,
        kind: "review-decision",
        title: `${model.title}: approved by ${ctx.name} (${CAPACITY_LABELS[capacity]}). ${signOffStillNeeded(signOff)}`,
        link: reviewLink(ctx, model.id),
        exceptUserId: ctx.userId,
      });
      return { status: "IN_REVIEW" as ThreatModelStatus, approved: false };
    }
    return { status: "APPROVED" as ThreatModelStatus, approved: true };
  });
}

/**
 * The one place a model in review becomes Approved: called, under the model's row lock, by every
 * change that can complete the sign-off — a lead's approval, and a security lead accepting (or
 * renewing) a residual risk, which can remove the last blocker without touching the model. Edits
 * do not call it: they withdraw the approvals given so far. `completedBy` names the change, for
 * the audit trail. A version approved before is refused when a lead's approval completes the
 * sign-off (they can fix the version); a risk decision leaves the model in review instead, so the
 * acceptance itself still stands.
 */
async function completeSignOffIfReady(tx: Tx, ctx: OrgContext, model: LockedModel, completedBy: "review.approved" | "risk.accepted") {
  const live = await tx.approval.findMany({
    where: { threatModelId: model.id, lockVersion: model.lockVersion, withdrawnAt: null },
    orderBy: { createdAt: "asc" },
    include: { reviewer: { select: { name: true } } },
  });
  const blockers = await blockersOf(tx, ctx, model.id, calendar.today());
  const signOff = signOffState(live.map((a) => ({ reviewerId: a.reviewerId, capacity: a.capacity, decision: a.decision, withdrawn: false })), blockers);
  if (!signOff.complete) return signOff;
  if (completedBy === "risk.accepted" && (await versionApprovedBefore(tx, model))) return { ...signOff, complete: false };

  const approvals = live.filter((a) => a.decision === "APPROVED");
  await approveModel(tx, ctx, model, approvals.map((a) => ({ reviewerId: a.reviewerId, reviewerName: a.reviewer.name, capacity: a.capacity, at: a.createdAt.toISOString(), comment: a.comment })), completedBy);
  await notify(tx, {
    organizationId: ctx.organizationId,
    userIds: [model.createdById, model.ownerId].filter((id): id is string => Boolean(id)),
    kind: "review-decision",
    title: `${model.title} ${model.version} is approved`,
    link: reviewLink(ctx, model.id),
    exceptUserId: ctx.userId,
  });
  return signOff;
}

async function versionApprovedBefore(tx: Tx, model: LockedModel): Promise<boolean> {
  const existing = await tx.revision.findUnique({ where: { threatModelId_version: { threatModelId: model.id, version: model.version } }, select: { id: true } });
  return existing !== null;
}

/** The last step of a dual approval, inside its transaction. */
async function approveModel(tx: Tx, ctx: OrgContext, model: LockedModel, approvals: RevisionSnapshot["approvals"], completedBy: "review.approved" | "risk.accepted") {
  if (await versionApprovedBefore(tx, model)) throw new ConflictError(`Version ${model.version} of this model was approved before. Give this revision a new version number in the front matter, then ask for approval again.`);

  const now = new Date();
  const settings = await tx.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { fixByDaysHigh: true, fixByDaysMedium: true, fixByDaysLow: true, reviewCadenceMonths: true } });
  await tx.threatModel.update({
    where: { id: model.id },
    data: { status: "APPROVED", approvedAt: now, nextReviewDate: toDate(nextReviewDate(now, settings.reviewCadenceMonths)), requestedReviewerIds: [] },
  });
  // The last approval stands while the next revision is drafted (start revision keeps both).
  await tx.threatModel.update({ where: { id: model.id }, data: { approvedVersion: model.version } });
  // "High: within 7 days…": the clock for every non-Critical threat starts at approval.
  const threats = await tx.threat.findMany({ where: { threatModelId: model.id, priority: { not: "CRITICAL" } }, select: { id: true, priority: true } });
  for (const priority of ["HIGH", "MEDIUM", "LOW"] as const) {
    const ids = threats.filter((t) => t.priority === priority).map((t) => t.id);
    if (ids.length) await tx.threat.updateMany({ where: { id: { in: ids } }, data: { dueDate: fixByDate(priority, now, settings) } });
  }
  // A mitigation nobody dated is due when the earliest threat it covers must be fixed.
  await tx.$executeRaw`
    UPDATE "Mitigation" mi SET "dueDate" = d.due
    FROM (
      SELECT tm."mitigationId", min(t."dueDate") AS due
      FROM "ThreatMitigation" tm JOIN "Threat" t ON t.id = tm."threatId"
      WHERE t."threatModelId" = ${model.id} AND t."dueDate" IS NOT NULL
      GROUP BY tm."mitigationId"
    ) d
    WHERE mi.id = d."mitigationId" AND mi."threatModelId" = ${model.id} AND mi."dueDate" IS NULL AND mi.status <> 'IMPLEMENTED'`;

  const approved = await findThreatModel(tx, ctx.organizationId, model.id);
  const snapshot: RevisionSnapshot = { format: 1, document: toDocument(approved!), approvals };
  const revision = await tx.revision.create({
    data: { organizationId: ctx.organizationId, threatModelId: model.id, version: model.version, lockVersion: model.lockVersion, snapshot: snapshot as unknown as Prisma.InputJsonObject, createdById: ctx.userId },
    select: { id: true },
  });
  await appendAuditEvent(tx, {
    ...actedBy(ctx),
    action: "threat-model.approved",
    targetType: "threat-model",
    targetId: model.id,
    summary: { version: model.version, lockVersion: model.lockVersion, revisionId: revision.id, from: "IN_REVIEW", to: "APPROVED", approvers: approvals.map((a) => a.capacity), completedBy },
  });
}

/** An approved model becomes the next version's draft; the approved revision stays readable. */
export async function startNewRevision(ctx: OrgContext, input: TStartRevision) {
  requirePermission(ctx, "model.edit");
  return transition(ctx, async (tx) => {
    const model = await lockModel(tx, ctx, input.modelId);
    const next = ensureAllowed(ctx, "start-revision", model);
    let version = nextVersion(model.version, input.step);
    // Never reuse a version an earlier revision was approved under.
    while (await tx.revision.findUnique({ where: { threatModelId_version: { threatModelId: model.id, version } }, select: { id: true } })) version = nextVersion(version, input.step);
    await withdrawDecisions(tx, model.id, `Superseded: revision ${version} started.`);
    await tx.threatModel.update({ where: { id: model.id }, data: { status: next, version, submittedAt: null, requestedReviewerIds: [], lockVersion: { increment: 1 } } });
    await appendAuditEvent(tx, { ...actedBy(ctx), action: "review.revision-started", targetType: "threat-model", targetId: model.id, summary: { fromVersion: model.version, toVersion: version, from: model.status, to: next } });
    return { version };
  });
}

export async function archiveModel(ctx: OrgContext, input: { modelId: string }) {
  requirePermission(ctx, "model.archive");
  return transition(ctx, async (tx) => {
    const model = await lockModel(tx, ctx, input.modelId);
    const next = ensureAllowed(ctx, "archive", model);
    await tx.threatModel.update({ where: { id: model.id }, data: { status: next, archivedAt: new Date(), statusBeforeArchive: model.status } });
    await appendAuditEvent(tx, { ...actedBy(ctx), action: "threat-model.archived", targetType: "threat-model", targetId: model.id, summary: { from: model.status, to: next } });
    return { status: next };
  });
}

export async function restoreModel(ctx: OrgContext, input: { modelId: string }) {
  requirePermission(ctx, "model.archive");
  return transition(ctx, async (tx) => {
    const model = await lockModel(tx, ctx, input.modelId);
    const next = ensureAllowed(ctx, "restore", model);
    await tx.threatModel.update({ where: { id: model.id }, data: { status: next, archivedAt: null, statusBeforeArchive: null } });
    await appendAuditEvent(tx, { ...actedBy(ctx), action: "threat-model.restored", targetType: "threat-model", targetId: model.id, summary: { from: model.status, to: next } });
    return { status: next };
  });
}

/**
 * A security lead's sign-off on a residual risk proposed for acceptance, or its rejection.
 * Accepting may set a new review date, which is how an accepted risk is renewed. The decision is
 * conditional on the state the lead saw, so two leads deciding at once cannot both win. Accepting
 * can remove a model's last blocker, so it runs under the model's row lock (taken before the
 * risk's row, in the order edits take them) and completes a sign-off both leads have given.
 */
export async function decideAcceptance(ctx: OrgContext, input: TDecideAcceptance) {
  requirePermission(ctx, "risk.accept");
  return db().$transaction(async (tx) => {
    const found = await tx.residualRiskAcceptance.findFirst({ where: { id: input.acceptanceId, organizationId: ctx.organizationId }, select: { threatModelId: true } });
    if (!found) throw new NotFoundError("That residual risk");
    const model = await lockModel(tx, ctx, found.threatModelId);
    const acceptance = await tx.residualRiskAcceptance.findFirst({
      where: { id: input.acceptanceId, organizationId: ctx.organizationId },
      select: { id: true, status: true, reviewDate: true, threatTitle: true, threatModelId: true, proposedById: true, updatedAt: true },
    });
    if (!acceptance) throw new NotFoundError("That residual risk");
    if (input.seenUpdatedAt && acceptance.updatedAt.toISOString() !== new Date(input.seenUpdatedAt).toISOString()) {
      throw new ConflictError("This residual risk was changed after you opened it. Reload to read the current wording, then decide.");
    }
    if (model.status === "ARCHIVED") throw new ConflictError("The threat model is archived: restore it before signing off its risks.");
    const today = calendar.today();
    const reviewDate = input.reviewDate ?? ymd(acceptance.reviewDate);
    if (input.decision === "ACCEPTED") {
      if (reviewDate < today) throw new InvalidInputError("The review date has passed: choose a new review date to accept (or renew) this risk.", { reviewDate: ["Choose a date from today on."] });
      // Proposed risks are accepted; accepted ones (in force or expired) may be renewed with a new date.
      if (acceptance.status === "REJECTED") throw new ConflictError("This residual risk was rejected. It can be proposed again by changing it in the editor.");
      if (acceptance.status === "ACCEPTED" && !input.reviewDate) throw new ConflictError("This residual risk is already accepted. To renew it, choose a new review date.");
    } else if (acceptance.status !== "PROPOSED") {
      throw new ConflictError("Only a proposed residual risk can be rejected.");
    }
    // Conditional on the row as read: of two decisions at once, the second finds it changed.
    const updated = await tx.residualRiskAcceptance.updateMany({
      where: { id: acceptance.id, status: acceptance.status, updatedAt: acceptance.updatedAt },
      data: { status: input.decision, decidedById: ctx.userId, decidedAt: new Date(), decisionComment: input.comment, reviewDate: toDate(reviewDate) },
    });
    if (updated.count !== 1) throw new ConflictError("Someone decided on this residual risk at the same time. Reload to see their decision.");
    const renewed = acceptance.status === "ACCEPTED";
    await appendAuditEvent(tx, {
      ...actedBy(ctx),
      action: input.decision === "REJECTED" ? "risk.rejected" : renewed ? "risk.renewed" : "risk.accepted",
      targetType: "residual-risk",
      targetId: acceptance.id,
      summary: { modelId: acceptance.threatModelId, threat: acceptance.threatTitle, from: acceptance.status, to: input.decision, reviewDate, previousReviewDate: ymd(acceptance.reviewDate) },
    });
    await notify(tx, {
      organizationId: ctx.organizationId,
      userIds: [acceptance.proposedById],
      kind: "review-decision",
      title: `Residual risk “${acceptance.threatTitle}” ${input.decision === "REJECTED" ? "was rejected" : renewed ? `was renewed until ${reviewDate}` : `was accepted until ${reviewDate}`}`,
      link: reviewLink(ctx, acceptance.threatModelId),
      exceptUserId: ctx.userId,
    });
    if (input.decision === "ACCEPTED") {
      // Renewing (or accepting) is what a reminder about this risk asked of the lead.
      await markActedOn(tx, ctx, { kinds: ["acceptance-expiring", "acceptance-expired"], link: acceptanceLink(ctx, acceptance.threatModelId, acceptance.id) });
      if (model.status === "IN_REVIEW") await completeSignOffIfReady(tx, ctx, model, "risk.accepted");
    }
    return { status: input.decision };
  });
}

// ─── Reading ─────────────────────────────────────────────────────────────────────────────

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

export type AcceptanceView = {
  id: string;
  threatId: string | null;
  threatTitle: string;
  reason: string;
  riskOwner: string;
  reviewDate: string;
  state: AcceptanceState;
  proposedBy: string;
  updatedAt: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionComment: string;
};

/** Everything the review page shows: decisions, blockers, risks, revisions and what changed since the last approval. */
export async function getReview(ctx: OrgContext, modelId: string) {
  requirePermission(ctx, "model.read");
  const model = await findThreatModel(db(), ctx.organizationId, modelId);
  if (!model) throw new NotFoundError("That threat model");
  const today = calendar.today();
  const [decisions, acceptances, revisions, requested, blockers] = await Promise.all([
    db().approval.findMany({ where: { threatModelId: model.id, organizationId: ctx.organizationId }, orderBy: { createdAt: "desc" }, include: { reviewer: { select: { id: true, name: true } } } }),
    db().residualRiskAcceptance.findMany({
      where: { threatModelId: model.id, organizationId: ctx.organizationId },
      orderBy: { createdAt: "asc" },
      include: { proposedBy: { select: { name: true } }, decidedBy: { select: { name: true } } },
    }),
    // Only the approvals of each snapshot: the documents themselves can be large.
    db().$queryRaw<{ id: string; version: string; createdAt: Date; approvals: RevisionSnapshot["approvals"] | null }[]>`
      SELECT id, version, "createdAt", snapshot->'approvals' AS approvals FROM "Revision"
      WHERE "threatModelId" = ${model.id} AND "organizationId" = ${ctx.organizationId}
      ORDER BY "createdAt" DESC, id DESC`,
    model.requestedReviewerIds.length ? db().user.findMany({ where: { id: { in: model.requestedReviewerIds } }, select: { id: true, name: true } }) : Promise.resolve([]),
    db().$transaction((tx) => blockersOf(tx, ctx, model.id, today)),
  ]);
  const live = decisions.filter((d) => !d.withdrawnAt && d.lockVersion === model.lockVersion);
  // The baseline is the last approval before the model's current state: for an approved model,
  // the revision before this one (what this approval changed); otherwise the latest approval.
  const baselineRevision = model.status === "APPROVED" && revisions[0]?.version === model.version ? revisions[1] : revisions[0];
  const lastApproved = baselineRevision ? await getRevisionDocument(ctx, model.id, baselineRevision.id) : null;
  const current = toDocument(model);
  const diff: RevisionDiff | null = lastApproved ? diffDocuments(lastApproved.document, current) : null;
  return {
    model,
    today,
    decisions: decisions.map((d): ReviewDecisionView => ({ id: d.id, reviewer: d.reviewer, capacity: d.capacity, decision: d.decision, comment: d.comment, lockVersion: d.lockVersion, createdAt: d.createdAt, withdrawnAt: d.withdrawnAt, withdrawnReason: d.withdrawnReason })),
    approval: approvalState(live.map((d) => ({ reviewerId: d.reviewerId, capacity: d.capacity, decision: d.decision, withdrawn: false }))),
    signOff: signOffState(live.map((d) => ({ reviewerId: d.reviewerId, capacity: d.capacity, decision: d.decision, withdrawn: false })), blockers),
    myDecision: live.find((d) => d.reviewerId === ctx.userId)?.decision ?? null,
    blockers,
    acceptances: acceptances.map((a): AcceptanceView => ({
      id: a.id,
      threatId: a.threatId,
      threatTitle: a.threatTitle,
      reason: a.reason,
      riskOwner: a.riskOwner,
      reviewDate: ymd(a.reviewDate),
      state: acceptanceState({ status: a.status, reviewDate: ymd(a.reviewDate) }, today),
      proposedBy: a.proposedBy.name,
      updatedAt: a.updatedAt.toISOString(),
      decidedBy: a.decidedBy?.name ?? null,
      decidedAt: a.decidedAt,
      decisionComment: a.decisionComment,
    })),
    revisions: revisions.map((r) => ({
      id: r.id,
      version: r.version,
      approvedAt: r.createdAt,
      approvers: (r.approvals ?? []).map((a) => ({ name: a.reviewerName, capacity: a.capacity, at: new Date(a.at) })),
    })),
    lastApproved: lastApproved ? { id: lastApproved.id, version: lastApproved.version } : null,
    diff,
    requestedReviewers: requested,
  };
}
export type ReviewData = Awaited<ReturnType<typeof getReview>>;

/** One approved revision's snapshot, or NotFoundError when it is not this organization's model's. */
export async function getRevisionDocument(ctx: OrgContext, modelId: string, revisionId: string) {
  requirePermission(ctx, "model.read");
  const revision = await db().revision.findFirst({
    where: { id: revisionId, threatModelId: modelId, organizationId: ctx.organizationId },
    select: { id: true, version: true, createdAt: true, snapshot: true, createdBy: { select: { name: true } } },
  });
  if (!revision) throw new NotFoundError("That revision");
  const snapshot = revision.snapshot as unknown as RevisionSnapshot;
  return { id: revision.id, version: revision.version, approvedAt: revision.createdAt, approvedBy: revision.createdBy.name, document: snapshot.document, approvals: snapshot.approvals };
}

/**
 * Compares two states of a model section by section: two approved revisions, or a revision and
 * the current draft (`"current"`).
 */
export async function compareRevisions(ctx: OrgContext, modelId: string, fromId: string, toId: string | "current") {
  requirePermission(ctx, "model.read");
  const from = await getRevisionDocument(ctx, modelId, fromId);
  let to: { label: string; document: ThreatModelDocument };
  if (toId === "current") {
    const model = await findThreatModel(db(), ctx.organizationId, modelId);
    if (!model) throw new NotFoundError("That threat model");
    to = { label: `current ${model.status === "APPROVED" ? "approved" : "draft"} (${model.version})`, document: toDocument(model) };
  } else {
    const revision = await getRevisionDocument(ctx, modelId, toId);
    to = { label: `revision ${revision.version}`, document: revision.document };
  }
  return { fromLabel: `revision ${from.version}`, toLabel: to.label, diff: diffDocuments(from.document, to.document) };
}
