import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";
import { today } from "@/lib/domain/calendar";
import { nextReviewDate, signOffState } from "@/lib/domain/review";
import { fixByDate } from "@/lib/domain/sla";
import { ConflictError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { actedBy, recordAuditEvent } from "../audit";
import { notify } from "../notifications";
import type { RevisionSnapshot } from "../revisions/revision-snapshot";
import { findThreatModel } from "../threat-models/find-threat-model";
import { toDocument } from "../threat-models/to-document";
import { blockersOf } from "./blockers";
import { reviewLink, type LockedModel } from "./model-lock";

const toDate = (day: string) => new Date(`${day}T00:00:00.000Z`);

/**
 * The one place a model in review becomes Approved: called, under the model's row lock, by every
 * change that can complete the sign-off — a lead's approval, and a security lead accepting (or
 * renewing) a residual risk, which can remove the last blocker without touching the model. Edits
 * do not call it: they withdraw the approvals given so far. `completedBy` names the change, for
 * the audit trail. A version approved before is refused when a lead's approval completes the
 * sign-off (they can fix the version); a risk decision leaves the model in review instead, so the
 * acceptance itself still stands.
 */
export async function completeSignOffIfReady(tx: Tx, ctx: OrgContext, model: LockedModel, completedBy: "review.approved" | "risk.accepted") {
  const live = await tx.approval.findMany({
    where: { threatModelId: model.id, lockVersion: model.lockVersion, withdrawnAt: null },
    orderBy: { createdAt: "asc" },
    include: { reviewer: { select: { name: true } } },
  });
  const blockers = await blockersOf(tx, ctx, model.id, today());
  const signOff = signOffState(
    live.map((a) => ({ reviewerId: a.reviewerId, capacity: a.capacity, decision: a.decision, withdrawn: false })),
    blockers,
  );
  if (!signOff.complete) return signOff;
  if (completedBy === "risk.accepted" && (await versionApprovedBefore(tx, model))) return { ...signOff, complete: false };

  const approvals = live.filter((a) => a.decision === "APPROVED");
  await approveModel(
    tx,
    ctx,
    model,
    approvals.map((a) => ({
      reviewerId: a.reviewerId,
      reviewerName: a.reviewer.name,
      capacity: a.capacity,
      at: a.createdAt.toISOString(),
      comment: a.comment,
    })),
    completedBy,
  );
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
  const existing = await tx.revision.findUnique({
    where: { threatModelId_version: { threatModelId: model.id, version: model.version } },
    select: { id: true },
  });
  return existing !== null;
}

/** The last step of a dual approval, inside its transaction. */
async function approveModel(
  tx: Tx,
  ctx: OrgContext,
  model: LockedModel,
  approvals: RevisionSnapshot["approvals"],
  completedBy: "review.approved" | "risk.accepted",
) {
  if (await versionApprovedBefore(tx, model))
    throw new ConflictError(
      `Version ${model.version} of this model was approved before. Give this revision a new version number in the front matter, then ask for approval again.`,
    );

  const now = new Date();
  const settings = await tx.organization.findUniqueOrThrow({
    where: { id: ctx.organizationId },
    select: { fixByDaysHigh: true, fixByDaysMedium: true, fixByDaysLow: true, reviewCadenceMonths: true },
  });
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
    data: {
      organizationId: ctx.organizationId,
      threatModelId: model.id,
      version: model.version,
      lockVersion: model.lockVersion,
      snapshot: snapshot as unknown as Prisma.InputJsonObject,
      createdById: ctx.userId,
    },
    select: { id: true },
  });
  await recordAuditEvent(
    tx,
    actedBy(ctx),
    "threat-model.approved",
    { type: "threat-model", id: model.id },
    {
      version: model.version,
      lockVersion: model.lockVersion,
      revisionId: revision.id,
      from: "IN_REVIEW",
      to: "APPROVED",
      approvers: approvals.map((a) => a.capacity),
      completedBy,
    },
  );
}
