import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { getEditorState } from "@/lib/data/model-editor/get-editor-state";
import { saveModelSection } from "@/lib/data/model-editor/save-model-section";
import { decideAcceptance } from "@/lib/data/acceptances/decide-acceptance";
import { decideReview } from "@/lib/data/review/decide-review";
import { getReviewPage } from "@/lib/data/review/get-review-page";
import { submitForReview } from "@/lib/data/review/submit-for-review";
import { compareRevisions } from "@/lib/data/revisions/compare-revisions";
import { getRevisionDocument } from "@/lib/data/revisions/get-revision-document";
import { type RevisionSnapshot } from "@/lib/data/revisions/revision-snapshot";
import { startNewRevision } from "@/lib/data/revisions/start-new-revision";
import { archiveModel } from "@/lib/data/threat-models/archive-model";
import { restoreModel } from "@/lib/data/threat-models/restore-model";
import { findThreatModel } from "@/lib/data/threat-models/find-threat-model";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import { toDocument } from "@/lib/data/threat-models/to-document";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, SafeError, VersionConflictError } from "@/lib/errors";
import { ZSaveSection, type TSaveSection } from "@/lib/validation/model-editor";
import { ZDecideAcceptance, ZDecideReview, ZModelOnly, ZStartRevision, ZSubmitForReview } from "@/lib/validation/review";
import { addMember, auditActions, createOrg, expectSafeError, richDocument, snapshotOrg, type TestOrg } from "./helpers";

// ─── Building blocks ──────────────────────────────────────────────────────────────────────

/** A Draft model written by `createdById` (the Contributor unless a test names another author). */
async function draftModel(org: TestOrg, options: { title?: string; createdById?: string } = {}) {
  const title = options.title ?? `Review ${org.slug}`;
  return db().$transaction((tx) =>
    insertThreatModelDocument(tx, { organizationId: org.id, createdById: options.createdById ?? org.users.CONTRIBUTOR.id }, richDocument(title, "DRAFT")),
  );
}

function submit(ctx: OrgContext, modelId: string, reviewerIds?: string[]) {
  return submitForReview(ctx, ZSubmitForReview.parse({ modelId, ...(reviewerIds ? { reviewerIds } : {}) }));
}

function decide(ctx: OrgContext, modelId: string, lockVersion: number, decision: "APPROVED" | "CHANGES_REQUESTED" = "APPROVED", comment?: string) {
  return decideReview(ctx, ZDecideReview.parse({ modelId, lockVersion, decision, ...(comment === undefined ? {} : { comment }) }));
}

function save(ctx: OrgContext, input: TSaveSection) {
  return saveModelSection(ctx, ZSaveSection.parse(input));
}

function editOverview(ctx: OrgContext, modelId: string, lockVersion: number, overview: string) {
  return save(ctx, { modelId, lockVersion, save: { section: "fields", data: { overview } } });
}

function modelRow(id: string) {
  return db().threatModel.findUniqueOrThrow({ where: { id } });
}

async function currentDocument(organizationId: string, id: string) {
  const model = await findThreatModel(db(), organizationId, id);
  expect(model).not.toBeNull();
  return toDocument(model!);
}

function liveApprovals(threatModelId: string) {
  return db().approval.findMany({ where: { threatModelId, withdrawnAt: null }, orderBy: { createdAt: "asc" } });
}

/** Submitted by the author, then approved by the tech lead and the security lead. */
async function approvedModel(org: TestOrg, title?: string) {
  const model = await draftModel(org, { title });
  await submit(org.ctx.CONTRIBUTOR, model.id);
  const { lockVersion } = await modelRow(model.id);
  await decide(org.ctx.TECH_LEAD, model.id, lockVersion);
  const result = await decide(org.ctx.SECURITY_LEAD, model.id, lockVersion);
  expect(result).toEqual({ status: "APPROVED", approved: true });
  return model;
}

/**
 * Everything of an organization that the review workflow can touch: the shared snapshot plus
 * decisions, revisions, notifications and comments, which it leaves out.
 */
async function snapshotReview(organizationId: string) {
  const where = { organizationId };
  const [base, approvals, revisions, notifications, comments] = await Promise.all([
    snapshotOrg(organizationId),
    db().approval.findMany({ where, orderBy: { id: "asc" } }),
    db().revision.findMany({ where, orderBy: { id: "asc" } }),
    db().notification.findMany({ where, orderBy: { id: "asc" } }),
    db().comment.findMany({ where, orderBy: { id: "asc" } }),
  ]);
  return { ...base, approvals, revisions, notifications, comments };
}

/** A calendar day `days` from today (UTC), as YYYY-MM-DD. */
function dayFromToday(days: number) {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}

/** `months` calendar months after a YYYY-MM-DD day; a day the target month lacks becomes its last day. */
function monthsAfter(day: string, months: number) {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

const ymd = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const utcDate = (day: string) => new Date(`${day}T00:00:00.000Z`);

async function notificationsTo(organizationId: string, kind: string) {
  const rows = await db().notification.findMany({ where: { organizationId, kind }, select: { userId: true, title: true, link: true } });
  return rows.sort((a, b) => a.userId.localeCompare(b.userId));
}

/**
 * A model whose Tampering threat is Critical (likelihood High × impact Critical, through the
 * editor's own priority rule) and mitigated only by the Planned "Key rotation"; submitted.
 */
async function criticalModel(org: TestOrg, title: string) {
  const model = await draftModel(org, { title });
  const state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
  const planned = state.mitigations.find((m) => m.status === "PLANNED")!;
  expect(planned).toBeDefined();
  const tampering = state.threats.filter((t) => t.category === "TAMPERING");
  expect(tampering).toHaveLength(1);
  await save(org.ctx.CONTRIBUTOR, {
    modelId: model.id,
    lockVersion: state.lockVersion,
    save: {
      section: "threats",
      category: "TAMPERING",
      data: tampering.map((t) => ({ ...t, likelihood: "HIGH" as const, impact: "CRITICAL" as const, mitigationIds: [planned.id] })),
    },
  });
  const threat = await db().threat.findUniqueOrThrow({ where: { id: tampering[0]!.id } });
  expect(threat.priority).toBe("CRITICAL");
  await submit(org.ctx.CONTRIBUTOR, model.id);
  const acceptance = await db().residualRiskAcceptance.findFirstOrThrow({ where: { threatModelId: model.id, threatId: threat.id } });
  const { lockVersion } = await modelRow(model.id);
  return { id: model.id, threatId: threat.id, mitigationId: planned.id, acceptanceId: acceptance.id, lockVersion };
}

// ─── The workflow ─────────────────────────────────────────────────────────────────────────

describe("the review workflow's data layer", () => {
  it("submit, then the tech lead's and the security lead's approval: the model is approved, dated and snapshotted", async () => {
    const org = await createOrg("rv-happy");
    const bystander = await createOrg("rv-happy-b");
    await draftModel(bystander);
    const bystanderBefore = await snapshotReview(bystander.id);
    // Settings of this organization, so the fix-by dates provably come from them.
    await db().organization.update({ where: { id: org.id }, data: { fixByDaysHigh: 5, fixByDaysMedium: 20, fixByDaysLow: 10 } });
    const model = await draftModel(org);

    expect(await submit(org.ctx.CONTRIBUTOR, model.id)).toEqual({ status: "IN_REVIEW" });
    const submitted = await modelRow(model.id);
    expect(submitted.status).toBe("IN_REVIEW");
    expect(submitted.submittedAt).toBeInstanceOf(Date);
    expect(await auditActions(org.id)).toContain("review.submitted");
    const asked = await notificationsTo(org.id, "review-requested");
    expect(asked.map((n) => n.userId).sort()).toEqual([org.users.SECURITY_LEAD.id, org.users.TECH_LEAD.id].sort());
    expect(asked.every((n) => n.link === `/${org.slug}/models/${model.id}/review`)).toBe(true);
    expect(await db().notification.count({ where: { organizationId: org.id, userId: org.users.CONTRIBUTOR.id } })).toBe(0);

    const lockVersion = submitted.lockVersion;
    expect(await decide(org.ctx.TECH_LEAD, model.id, lockVersion)).toEqual({ status: "IN_REVIEW", approved: false });
    expect((await modelRow(model.id)).status).toBe("IN_REVIEW");
    expect(await db().revision.count({ where: { threatModelId: model.id } })).toBe(0);

    const approvalDay = new Date().toISOString().slice(0, 10);
    expect(await decide(org.ctx.SECURITY_LEAD, model.id, lockVersion, "APPROVED", "Looks right")).toEqual({ status: "APPROVED", approved: true });
    const approved = await modelRow(model.id);
    expect(approved.status).toBe("APPROVED");
    expect(approved.approvedAt).toBeInstanceOf(Date);
    expect(ymd(approved.approvedAt)).toBe(approvalDay);
    expect(ymd(approved.nextReviewDate)).toBe(monthsAfter(approvalDay, 3));

    const threats = await db().threat.findMany({ where: { threatModelId: model.id }, orderBy: { position: "asc" } });
    expect(threats.map((t) => [t.priority, ymd(t.dueDate)])).toEqual([
      ["HIGH", dayFromToday(5)],
      ["MEDIUM", dayFromToday(20)],
    ]);

    const revisions = await db().revision.findMany({ where: { threatModelId: model.id } });
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ organizationId: org.id, version: "1.0.0", lockVersion, createdById: org.users.SECURITY_LEAD.id });
    const snapshot = revisions[0]!.snapshot as unknown as RevisionSnapshot;
    expect(snapshot.document).toEqual(await currentDocument(org.id, model.id));
    expect(snapshot.document.status).toBe("APPROVED");
    expect(snapshot.approvals.map((a) => [a.reviewerId, a.capacity])).toEqual([
      [org.users.TECH_LEAD.id, "TECH_LEAD"],
      [org.users.SECURITY_LEAD.id, "SECURITY"],
    ]);

    const actions = await auditActions(org.id);
    expect(actions.filter((a) => a === "review.approved")).toHaveLength(2);
    expect(actions.filter((a) => a === "threat-model.approved")).toHaveLength(1);
    expect(actions.indexOf("threat-model.approved")).toBeGreaterThan(actions.lastIndexOf("review.approved"));
    // The author hears of both decisions, one of them the approval.
    const decisions = await db().notification.findMany({ where: { organizationId: org.id, userId: org.users.CONTRIBUTOR.id, kind: "review-decision" } });
    expect(decisions).toHaveLength(2);
    expect(decisions.filter((n) => n.title.includes("is approved"))).toHaveLength(1);

    expect(await snapshotReview(bystander.id)).toEqual(bystanderBefore);
  });

  it("needs both capacities: two security leads do not approve, and an author who is a security lead cannot approve their own model", async () => {
    const org = await createOrg("rv-dual");
    const secondSecurityLead = await addMember(org, "SECURITY_LEAD", "security-two");
    const model = await draftModel(org);
    await submit(org.ctx.CONTRIBUTOR, model.id);
    const { lockVersion } = await modelRow(model.id);
    expect(await decide(org.ctx.SECURITY_LEAD, model.id, lockVersion)).toEqual({ status: "IN_REVIEW", approved: false });
    expect(await decide(secondSecurityLead, model.id, lockVersion)).toEqual({ status: "IN_REVIEW", approved: false });
    expect((await modelRow(model.id)).status).toBe("IN_REVIEW");
    expect((await liveApprovals(model.id)).map((a) => a.capacity)).toEqual(["SECURITY", "SECURITY"]);
    expect(await db().revision.count({ where: { threatModelId: model.id } })).toBe(0);
    expect(await auditActions(org.id)).not.toContain("threat-model.approved");

    // A model the security lead wrote.
    const own = await draftModel(org, { title: "Written by security", createdById: org.users.SECURITY_LEAD.id });
    await submit(org.ctx.SECURITY_LEAD, own.id);
    const ownLockVersion = (await modelRow(own.id)).lockVersion;
    const before = await snapshotReview(org.id);
    const refusal = await expectSafeError(decide(org.ctx.SECURITY_LEAD, own.id, ownLockVersion), ForbiddenError, "forbidden");
    expect(refusal.message).toMatch(/you wrote/);
    const after = await snapshotReview(org.id);
    const { auditEvents: eventsBefore, ...restBefore } = before;
    const { auditEvents: eventsAfter, ...restAfter } = after;
    expect(restAfter).toEqual(restBefore);
    expect(eventsAfter.slice(0, eventsBefore.length)).toEqual(eventsBefore);
    const added = eventsAfter.slice(eventsBefore.length);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ action: "access.denied", actorId: org.users.SECURITY_LEAD.id });
    expect((await modelRow(own.id)).status).toBe("IN_REVIEW");
  });

  it("a lead records their approval while a Critical threat is uncovered; the model is approved only once both approved and the blocker is gone", async () => {
    const org = await createOrg("rv-gate");
    const critical = await criticalModel(org, "Gate by mitigation");

    const review = await getReviewPage(org.ctx.VIEWER, critical.id);
    expect(review.blockers.map((b) => b.threatId)).toEqual([critical.threatId]);
    expect(review.blockers[0]!.reason).toMatch(/Planned/);
    expect(review.signOff).toEqual({ approvedBy: [], missing: ["SECURITY", "TECH_LEAD"], blockers: 1, complete: false });

    // The tech lead's approval is recorded although the gate is closed.
    expect(await decide(org.ctx.TECH_LEAD, critical.id, critical.lockVersion)).toEqual({ status: "IN_REVIEW", approved: false });
    expect((await liveApprovals(critical.id)).map((a) => [a.reviewerId, a.capacity, a.decision])).toEqual([[org.users.TECH_LEAD.id, "TECH_LEAD", "APPROVED"]]);
    expect((await getReviewPage(org.ctx.VIEWER, critical.id)).signOff).toEqual({
      approvedBy: ["TECH_LEAD"],
      missing: ["SECURITY"],
      blockers: 1,
      complete: false,
    });
    // The author hears what is still needed.
    const told = await db().notification.findMany({ where: { organizationId: org.id, userId: org.users.CONTRIBUTOR.id, kind: "review-decision" } });
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toMatch(/approval as Security/);
    expect(told[0]!.title).toMatch(/1 blocker/);

    // An accepted residual risk whose review date has passed does not count.
    await db().residualRiskAcceptance.update({
      where: { id: critical.acceptanceId },
      data: { status: "ACCEPTED", reviewDate: utcDate(dayFromToday(-1)), decidedById: org.users.SECURITY_LEAD.id, decidedAt: new Date() },
    });
    expect((await getReviewPage(org.ctx.VIEWER, critical.id)).blockers.map((b) => b.threatId)).toEqual([critical.threatId]);

    // The security lead approves too: both are in, the blocker keeps the model in review.
    expect(await decide(org.ctx.SECURITY_LEAD, critical.id, critical.lockVersion)).toEqual({ status: "IN_REVIEW", approved: false });
    expect((await liveApprovals(critical.id)).map((a) => a.capacity)).toEqual(["TECH_LEAD", "SECURITY"]);
    expect((await modelRow(critical.id)).status).toBe("IN_REVIEW");
    expect(await db().revision.count({ where: { threatModelId: critical.id } })).toBe(0);
    expect(await auditActions(org.id)).not.toContain("threat-model.approved");
    expect((await getReviewPage(org.ctx.VIEWER, critical.id)).signOff).toEqual({
      approvedBy: ["SECURITY", "TECH_LEAD"],
      missing: [],
      blockers: 1,
      complete: false,
    });
  });

  it("accepting the last blocker's residual risk approves a model both leads have approved", async () => {
    const org = await createOrg("rv-gate-risk");
    const critical = await criticalModel(org, "Gate by accepted risk");
    await decide(org.ctx.TECH_LEAD, critical.id, critical.lockVersion);
    await decide(org.ctx.SECURITY_LEAD, critical.id, critical.lockVersion);
    expect((await modelRow(critical.id)).status).toBe("IN_REVIEW");

    expect(
      await decideAcceptance(
        org.ctx.SECURITY_LEAD,
        ZDecideAcceptance.parse({ acceptanceId: critical.acceptanceId, decision: "ACCEPTED", reviewDate: dayFromToday(60) }),
      ),
    ).toEqual({ status: "ACCEPTED" });
    const approved = await modelRow(critical.id);
    expect(approved.status).toBe("APPROVED");
    expect(approved.approvedAt).toBeInstanceOf(Date);
    expect(approved.lockVersion).toBe(critical.lockVersion);
    const revisions = await db().revision.findMany({ where: { threatModelId: critical.id } });
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.lockVersion).toBe(critical.lockVersion);
    const snapshot = revisions[0]!.snapshot as unknown as RevisionSnapshot;
    expect(snapshot.approvals.map((a) => [a.reviewerId, a.capacity])).toEqual([
      [org.users.TECH_LEAD.id, "TECH_LEAD"],
      [org.users.SECURITY_LEAD.id, "SECURITY"],
    ]);
    expect(snapshot.document.residualRisks).toHaveLength(1);
    const actions = await auditActions(org.id);
    expect(actions.filter((a) => a === "threat-model.approved")).toHaveLength(1);
    expect(actions.indexOf("threat-model.approved")).toBeGreaterThan(actions.lastIndexOf("risk.accepted"));
    const approvedEvent = await db().auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "threat-model.approved" } });
    expect(approvedEvent.summary).toMatchObject({ approvers: ["TECH_LEAD", "SECURITY"], completedBy: "risk.accepted" });
    const told = await db().notification.findMany({ where: { organizationId: org.id, userId: org.users.CONTRIBUTOR.id, title: { contains: "is approved" } } });
    expect(told).toHaveLength(1);
    expect((await getReviewPage(org.ctx.VIEWER, critical.id)).signOff.complete).toBe(true);
  });

  it("with the blocker resolved before the second approval, that approval approves the model; one approval and an accepted risk do not", async () => {
    const org = await createOrg("rv-gate-order");
    const critical = await criticalModel(org, "Gate resolved first");
    await decide(org.ctx.TECH_LEAD, critical.id, critical.lockVersion);
    await decideAcceptance(
      org.ctx.SECURITY_LEAD,
      ZDecideAcceptance.parse({ acceptanceId: critical.acceptanceId, decision: "ACCEPTED", reviewDate: dayFromToday(60) }),
    );
    // One capacity is still missing: accepting the risk does not approve the model.
    expect((await modelRow(critical.id)).status).toBe("IN_REVIEW");
    expect(await db().revision.count({ where: { threatModelId: critical.id } })).toBe(0);
    expect((await getReviewPage(org.ctx.VIEWER, critical.id)).signOff).toEqual({
      approvedBy: ["TECH_LEAD"],
      missing: ["SECURITY"],
      blockers: 0,
      complete: false,
    });

    expect(await decide(org.ctx.SECURITY_LEAD, critical.id, critical.lockVersion)).toEqual({ status: "APPROVED", approved: true });
    expect(await db().revision.count({ where: { threatModelId: critical.id } })).toBe(1);
    // A Critical threat has no fix-by grace period: it had to be handled before approval.
    expect((await db().threat.findUniqueOrThrow({ where: { id: critical.threatId } })).dueDate).toBeNull();

    // An implemented mitigation clears the gate as well.
    const mitigated = await criticalModel(org, "Gate by mitigation later");
    await decide(org.ctx.SECURITY_LEAD, mitigated.id, mitigated.lockVersion);
    await db().mitigation.update({ where: { id: mitigated.mitigationId }, data: { status: "IMPLEMENTED" } });
    expect((await getReviewPage(org.ctx.VIEWER, mitigated.id)).blockers).toEqual([]);
    expect(await decide(org.ctx.TECH_LEAD, mitigated.id, mitigated.lockVersion)).toEqual({ status: "APPROVED", approved: true });
  });

  it("the review lists each approved revision with both approvers, in their capacities", async () => {
    const org = await createOrg("rv-approvers");
    const model = await approvedModel(org, "Named approvers");
    const review = await getReviewPage(org.ctx.VIEWER, model.id);
    expect(review.revisions).toHaveLength(1);
    expect(review.revisions[0]!.approvers).toEqual([
      { name: org.users.TECH_LEAD.name, capacity: "TECH_LEAD", at: expect.any(Date) },
      { name: org.users.SECURITY_LEAD.name, capacity: "SECURITY", at: expect.any(Date) },
    ]);
  });

  it("an edit in review withdraws the approvals given so far, and a decision on the old state is refused", async () => {
    const org = await createOrg("rv-withdraw");
    const model = await draftModel(org);
    await submit(org.ctx.CONTRIBUTOR, model.id);
    const oldLockVersion = (await modelRow(model.id)).lockVersion;
    await decide(org.ctx.TECH_LEAD, model.id, oldLockVersion);
    const [techApproval] = await liveApprovals(model.id);
    expect(techApproval).toBeDefined();

    const result = await editOverview(org.ctx.CONTRIBUTOR, model.id, oldLockVersion, "Changed during review");
    expect(result.withdrawnApprovals).toBe(1);
    expect(result.status).toBe("IN_REVIEW");
    expect(result.lockVersion).toBe(oldLockVersion + 1);
    const withdrawn = await db().approval.findUniqueOrThrow({ where: { id: techApproval!.id } });
    expect(withdrawn.withdrawnAt).toBeInstanceOf(Date);
    expect(withdrawn.withdrawnReason).toBeTruthy();
    expect(await liveApprovals(model.id)).toEqual([]);
    const row = await modelRow(model.id);
    expect(row).toMatchObject({ status: "IN_REVIEW", overview: "Changed during review", lockVersion: oldLockVersion + 1 });
    expect(await auditActions(org.id)).toContain("review.approvals-withdrawn");
    // The tech lead is asked to look again.
    const reasked = await db().notification.findMany({ where: { organizationId: org.id, userId: org.users.TECH_LEAD.id, kind: "review-requested" } });
    expect(reasked.some((n) => n.title.includes("changed after your approval"))).toBe(true);

    const before = await snapshotReview(org.id);
    await expectSafeError(decide(org.ctx.TECH_LEAD, model.id, oldLockVersion), ConflictError, "conflict");
    expect(await snapshotReview(org.id)).toEqual(before);

    expect(await decide(org.ctx.TECH_LEAD, model.id, row.lockVersion)).toEqual({ status: "IN_REVIEW", approved: false });
    const live = await liveApprovals(model.id);
    expect(live.map((a) => [a.reviewerId, a.lockVersion])).toEqual([[org.users.TECH_LEAD.id, row.lockVersion]]);
  });

  it("requesting changes needs a comment, tells the author, and the author's next edit takes the model back to Draft", async () => {
    const org = await createOrg("rv-changes");
    const model = await draftModel(org);
    await submit(org.ctx.CONTRIBUTOR, model.id);
    const { lockVersion } = await modelRow(model.id);

    expect(() => ZDecideReview.parse({ modelId: model.id, lockVersion, decision: "CHANGES_REQUESTED" })).toThrow(ZodError);
    expect(() => ZDecideReview.parse({ modelId: model.id, lockVersion, decision: "CHANGES_REQUESTED", comment: "   " })).toThrow(ZodError);

    expect(await decide(org.ctx.SECURITY_LEAD, model.id, lockVersion, "CHANGES_REQUESTED", "Add the session fixation threat")).toEqual({
      status: "CHANGES_REQUESTED",
      approved: false,
    });
    expect((await modelRow(model.id)).status).toBe("CHANGES_REQUESTED");
    expect(await auditActions(org.id)).toContain("review.changes-requested");
    const told = await notificationsTo(org.id, "changes-requested");
    expect(told.map((n) => n.userId)).toEqual([org.users.CONTRIBUTOR.id]);
    expect(told[0]!.title).toContain("Add the session fixation threat");

    const edited = await editOverview(org.ctx.CONTRIBUTOR, model.id, lockVersion, "Now covers session fixation");
    expect(edited.status).toBe("DRAFT");
    expect((await modelRow(model.id)).status).toBe("DRAFT");
    expect(await auditActions(org.id)).toContain("review.back-to-draft");
    expect(await liveApprovals(model.id)).toEqual([]);

    expect(await submit(org.ctx.CONTRIBUTOR, model.id)).toEqual({ status: "IN_REVIEW" });
    const resubmitted = await modelRow(model.id);
    expect(resubmitted.status).toBe("IN_REVIEW");
    expect((await auditActions(org.id)).filter((a) => a === "review.submitted")).toHaveLength(2);
  });

  it("two leads deciding at the same instant approve the model exactly once; one reviewer's double click records one decision", async () => {
    const org = await createOrg("rv-same-time");
    const model = await draftModel(org);
    await submit(org.ctx.CONTRIBUTOR, model.id);
    const { lockVersion } = await modelRow(model.id);
    const results = await Promise.all([decide(org.ctx.TECH_LEAD, model.id, lockVersion), decide(org.ctx.SECURITY_LEAD, model.id, lockVersion)]);
    expect(results.filter((r) => r.approved)).toHaveLength(1);
    expect((await liveApprovals(model.id)).map((a) => a.capacity).sort()).toEqual(["SECURITY", "TECH_LEAD"]);
    expect((await modelRow(model.id)).status).toBe("APPROVED");
    expect(await db().revision.count({ where: { threatModelId: model.id } })).toBe(1);
    expect((await auditActions(org.id)).filter((a) => a === "threat-model.approved")).toHaveLength(1);

    const twice = await draftModel(org, { title: "Double click" });
    await submit(org.ctx.CONTRIBUTOR, twice.id);
    const twiceLockVersion = (await modelRow(twice.id)).lockVersion;
    const settled = await Promise.allSettled([decide(org.ctx.TECH_LEAD, twice.id, twiceLockVersion), decide(org.ctx.TECH_LEAD, twice.id, twiceLockVersion)]);
    expect(settled.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = settled.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(ConflictError);
    expect(await db().approval.count({ where: { threatModelId: twice.id } })).toBe(1);
    expect((await auditActions(org.id)).filter((a) => a === "review.approved")).toHaveLength(3);
  });

  it("an edit racing the final approval never leaves an approved model that differs from its snapshot", async () => {
    const org = await createOrg("rv-race");
    const outcomes: string[] = [];
    for (let round = 0; round < 8; round++) {
      const model = await draftModel(org, { title: `Race ${round}` });
      await submit(org.ctx.CONTRIBUTOR, model.id);
      const { lockVersion } = await modelRow(model.id);
      await decide(org.ctx.TECH_LEAD, model.id, lockVersion);
      const [approval, edit] = await Promise.allSettled([
        decide(org.ctx.SECURITY_LEAD, model.id, lockVersion),
        editOverview(org.ctx.CONTRIBUTOR, model.id, lockVersion, `Edited in round ${round}`),
      ]);
      const row = await modelRow(model.id);
      const revisions = await db().revision.findMany({ where: { threatModelId: model.id } });
      if (row.status === "APPROVED") {
        outcomes.push("approved");
        expect(approval.status).toBe("fulfilled");
        expect(edit.status).toBe("rejected");
        const reason = (edit as PromiseRejectedResult).reason as unknown;
        expect(reason instanceof VersionConflictError || (reason instanceof SafeError && reason.code === "locked")).toBe(true);
        expect(row.overview).toBe("Overview");
        expect(revisions).toHaveLength(1);
        expect((revisions[0]!.snapshot as unknown as RevisionSnapshot).document).toEqual(await currentDocument(org.id, model.id));
      } else {
        outcomes.push("edited");
        expect(row.status).toBe("IN_REVIEW");
        expect(revisions).toHaveLength(0);
        expect(edit.status).toBe("fulfilled");
        expect(row.overview).toBe(`Edited in round ${round}`);
        if (approval.status === "rejected") {
          expect(approval.reason).toBeInstanceOf(ConflictError);
        } else {
          const securityDecisions = await db().approval.findMany({ where: { threatModelId: model.id, reviewerId: org.users.SECURITY_LEAD.id } });
          expect(securityDecisions.every((a) => a.withdrawnAt !== null)).toBe(true);
        }
        // Whatever happened, nothing approved is left on the old state of the model.
        expect(await liveApprovals(model.id)).toEqual([]);
      }
    }
    expect(outcomes).toHaveLength(8);
  });

  it("another organization's models and risks are not found, and roles without the permission are forbidden", async () => {
    const org = await createOrg("rv-out-a");
    const other = await createOrg("rv-out-b");
    const theirs = await draftModel(other, { title: "Theirs in review" });
    await submit(other.ctx.CONTRIBUTOR, theirs.id);
    const theirDraft = await draftModel(other, { title: "Theirs in draft" });
    const theirAcceptance = await db().residualRiskAcceptance.findFirstOrThrow({ where: { threatModelId: theirs.id } });
    const theirLockVersion = (await modelRow(theirs.id)).lockVersion;
    const ours = await draftModel(org);

    const beforeA = await snapshotReview(org.id);
    const beforeB = await snapshotReview(other.id);
    await expectSafeError(decide(org.ctx.SECURITY_LEAD, theirs.id, theirLockVersion), NotFoundError, "not-found");
    await expectSafeError(decide(org.ctx.TECH_LEAD, theirs.id, theirLockVersion, "CHANGES_REQUESTED", "Not yours"), NotFoundError, "not-found");
    await expectSafeError(submit(org.ctx.CONTRIBUTOR, theirDraft.id), NotFoundError, "not-found");
    await expectSafeError(archiveModel(org.ctx.SECURITY_LEAD, ZModelOnly.parse({ modelId: theirs.id })), NotFoundError, "not-found");
    await expectSafeError(restoreModel(org.ctx.SECURITY_LEAD, ZModelOnly.parse({ modelId: theirs.id })), NotFoundError, "not-found");
    await expectSafeError(startNewRevision(org.ctx.CONTRIBUTOR, ZStartRevision.parse({ modelId: theirs.id })), NotFoundError, "not-found");
    await expectSafeError(
      decideAcceptance(org.ctx.SECURITY_LEAD, ZDecideAcceptance.parse({ acceptanceId: theirAcceptance.id, decision: "ACCEPTED" })),
      NotFoundError,
      "not-found",
    );
    await expectSafeError(getReviewPage(org.ctx.OWNER, theirs.id), NotFoundError, "not-found");
    // Naming another organization's member as a reviewer is refused too.
    await expectSafeError(submit(org.ctx.CONTRIBUTOR, ours.id, [other.users.SECURITY_LEAD.id]), InvalidInputError, "invalid");

    await expectSafeError(decide(org.ctx.CONTRIBUTOR, ours.id, 1), ForbiddenError, "forbidden");
    await expectSafeError(decide(org.ctx.OWNER, ours.id, 1), ForbiddenError, "forbidden");
    await expectSafeError(submit(org.ctx.VIEWER, ours.id), ForbiddenError, "forbidden");
    await expectSafeError(
      decideAcceptance(org.ctx.CONTRIBUTOR, ZDecideAcceptance.parse({ acceptanceId: theirAcceptance.id, decision: "ACCEPTED" })),
      ForbiddenError,
      "forbidden",
    );

    expect(await snapshotReview(org.id)).toEqual(beforeA);
    expect(await snapshotReview(other.id)).toEqual(beforeB);
  });

  it("a new revision starts only from an approved model, bumps its version, and the approved revision stays readable and comparable", async () => {
    const org = await createOrg("rv-revision");
    const model = await draftModel(org);
    const before = await snapshotReview(org.id);
    await expectSafeError(startNewRevision(org.ctx.CONTRIBUTOR, ZStartRevision.parse({ modelId: model.id })), ConflictError, "conflict");
    expect(await snapshotReview(org.id)).toEqual(before);
    await submit(org.ctx.CONTRIBUTOR, model.id);
    const inReview = await snapshotReview(org.id);
    await expectSafeError(startNewRevision(org.ctx.CONTRIBUTOR, ZStartRevision.parse({ modelId: model.id })), ConflictError, "conflict");
    expect(await snapshotReview(org.id)).toEqual(inReview);

    const { lockVersion } = await modelRow(model.id);
    await decide(org.ctx.TECH_LEAD, model.id, lockVersion);
    await decide(org.ctx.SECURITY_LEAD, model.id, lockVersion);
    const [rev1] = await db().revision.findMany({ where: { threatModelId: model.id } });
    const approvedDocument = await currentDocument(org.id, model.id);

    expect(await startNewRevision(org.ctx.CONTRIBUTOR, ZStartRevision.parse({ modelId: model.id }))).toEqual({ version: "1.1.0" });
    const restarted = await modelRow(model.id);
    expect(restarted).toMatchObject({ status: "DRAFT", version: "1.1.0", lockVersion: lockVersion + 1, submittedAt: null });
    expect(await liveApprovals(model.id)).toEqual([]);
    expect(await auditActions(org.id)).toContain("review.revision-started");

    const major = await approvedModel(org, "Major step");
    expect(await startNewRevision(org.ctx.TECH_LEAD, ZStartRevision.parse({ modelId: major.id, step: "major" }))).toEqual({ version: "2.0.0" });
    expect(await modelRow(major.id)).toMatchObject({ status: "DRAFT", version: "2.0.0" });

    const stored = await getRevisionDocument(org.ctx.VIEWER, model.id, rev1!.id);
    expect(stored.version).toBe("1.0.0");
    expect(stored.document).toEqual(approvedDocument);
    // A revision is only found under its own model.
    await expectSafeError(getRevisionDocument(org.ctx.VIEWER, major.id, rev1!.id), NotFoundError, "not-found");

    const edited = await editOverview(org.ctx.CONTRIBUTOR, model.id, restarted.lockVersion, "Second revision overview");
    expect(edited.status).toBe("DRAFT");
    await submit(org.ctx.CONTRIBUTOR, model.id);
    await decide(org.ctx.TECH_LEAD, model.id, edited.lockVersion);
    expect(await decide(org.ctx.SECURITY_LEAD, model.id, edited.lockVersion)).toEqual({ status: "APPROVED", approved: true });
    const rev2 = await db().revision.findFirstOrThrow({ where: { threatModelId: model.id, version: "1.1.0" } });
    expect(await db().revision.count({ where: { threatModelId: model.id } })).toBe(2);

    const comparison = await compareRevisions(org.ctx.VIEWER, model.id, rev1!.id, rev2.id);
    expect(comparison.fromLabel).toContain("1.0.0");
    expect(comparison.toLabel).toContain("1.1.0");
    expect(comparison.diff.changed).toBe(true);
    const fieldChanges = comparison.diff.sections.flatMap((s) => s.fields);
    expect(fieldChanges).toContainEqual(expect.objectContaining({ field: "overview", before: "Overview", after: "Second revision overview" }));
    // Nothing else of the content changed.
    expect(comparison.diff.counts).toMatchObject({ added: 0, removed: 0 });
    expect(comparison.diff.sections.flatMap((s) => s.rows)).toEqual([]);
    // The first revision is still what it was.
    expect((await getRevisionDocument(org.ctx.VIEWER, model.id, rev1!.id)).document).toEqual(approvedDocument);
  });

  it("archiving keeps the status to restore, is for owners, admins and security leads only, and locks editing", async () => {
    const org = await createOrg("rv-archive");
    const model = await draftModel(org);
    await submit(org.ctx.CONTRIBUTOR, model.id);

    const before = await snapshotReview(org.id);
    await expectSafeError(archiveModel(org.ctx.CONTRIBUTOR, ZModelOnly.parse({ modelId: model.id })), ForbiddenError, "forbidden");
    await expectSafeError(archiveModel(org.ctx.TECH_LEAD, ZModelOnly.parse({ modelId: model.id })), ForbiddenError, "forbidden");
    expect(await snapshotReview(org.id)).toEqual(before);

    expect(await archiveModel(org.ctx.SECURITY_LEAD, ZModelOnly.parse({ modelId: model.id }))).toEqual({ status: "ARCHIVED" });
    const archived = await modelRow(model.id);
    expect(archived).toMatchObject({ status: "ARCHIVED", statusBeforeArchive: "IN_REVIEW" });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(await auditActions(org.id)).toContain("threat-model.archived");

    const whileArchived = await snapshotReview(org.id);
    await expectSafeError(editOverview(org.ctx.CONTRIBUTOR, model.id, archived.lockVersion, "Too late"), SafeError, "locked");
    await expectSafeError(archiveModel(org.ctx.ADMIN, ZModelOnly.parse({ modelId: model.id })), ConflictError, "conflict");
    await expectSafeError(submit(org.ctx.CONTRIBUTOR, model.id), ConflictError, "conflict");
    await expectSafeError(restoreModel(org.ctx.CONTRIBUTOR, ZModelOnly.parse({ modelId: model.id })), ForbiddenError, "forbidden");
    expect(await snapshotReview(org.id)).toEqual(whileArchived);

    expect(await restoreModel(org.ctx.ADMIN, ZModelOnly.parse({ modelId: model.id }))).toEqual({ status: "IN_REVIEW" });
    const restored = await modelRow(model.id);
    expect(restored).toMatchObject({ status: "IN_REVIEW", statusBeforeArchive: null, archivedAt: null });
    expect(await auditActions(org.id)).toContain("threat-model.restored");
    // Back in review, it can be edited (and decided on) again.
    expect((await editOverview(org.ctx.CONTRIBUTOR, model.id, restored.lockVersion, "After restoring")).status).toBe("IN_REVIEW");
  });

  it("a security lead accepts, rejects and renews residual risks; others cannot, and a passed review date reads as expired", async () => {
    const org = await createOrg("rv-risk");
    const model = await draftModel(org);
    const proposed = await db().residualRiskAcceptance.findFirstOrThrow({ where: { threatModelId: model.id } });
    expect(proposed).toMatchObject({ status: "PROPOSED", proposedById: org.users.CONTRIBUTOR.id });
    const newProposal = (threatTitle: string, reviewDate = dayFromToday(90)) =>
      db().residualRiskAcceptance.create({
        data: {
          organizationId: org.id,
          threatModelId: model.id,
          threatTitle,
          reason: "Compensating controls",
          riskOwner: "CISO",
          reviewDate: utcDate(reviewDate),
          proposedById: org.users.CONTRIBUTOR.id,
        },
      });

    // Only a security lead signs off.
    const beforeForbidden = await snapshotReview(org.id);
    for (const ctx of [org.ctx.TECH_LEAD, org.ctx.OWNER, org.ctx.CONTRIBUTOR]) {
      await expectSafeError(decideAcceptance(ctx, ZDecideAcceptance.parse({ acceptanceId: proposed.id, decision: "ACCEPTED" })), ForbiddenError, "forbidden");
    }
    expect(await snapshotReview(org.id)).toEqual(beforeForbidden);

    expect(
      await decideAcceptance(org.ctx.SECURITY_LEAD, ZDecideAcceptance.parse({ acceptanceId: proposed.id, decision: "ACCEPTED", comment: "Fine until March" })),
    ).toEqual({ status: "ACCEPTED" });
    const accepted = await db().residualRiskAcceptance.findUniqueOrThrow({ where: { id: proposed.id } });
    expect(accepted).toMatchObject({ status: "ACCEPTED", decidedById: org.users.SECURITY_LEAD.id, decisionComment: "Fine until March" });
    expect(accepted.decidedAt).toBeInstanceOf(Date);
    expect(ymd(accepted.reviewDate)).toBe(ymd(proposed.reviewDate));
    expect(await auditActions(org.id)).toContain("risk.accepted");
    const told = await db().notification.findMany({ where: { organizationId: org.id, userId: org.users.CONTRIBUTOR.id, kind: "review-decision" } });
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toContain("was accepted");

    // Rejecting needs a comment.
    const toReject = await newProposal("Clickjacking on settings");
    expect(() => ZDecideAcceptance.parse({ acceptanceId: toReject.id, decision: "REJECTED" })).toThrow(ZodError);
    expect(
      await decideAcceptance(org.ctx.SECURITY_LEAD, ZDecideAcceptance.parse({ acceptanceId: toReject.id, decision: "REJECTED", comment: "Fix it instead" })),
    ).toEqual({ status: "REJECTED" });
    expect(await db().residualRiskAcceptance.findUniqueOrThrow({ where: { id: toReject.id } })).toMatchObject({
      status: "REJECTED",
      decisionComment: "Fix it instead",
      decidedById: org.users.SECURITY_LEAD.id,
    });
    expect(await auditActions(org.id)).toContain("risk.rejected");

    // A review date in the past cannot be accepted, given or stored.
    const stale = await newProposal("Verbose errors", dayFromToday(-3));
    const beforePast = await snapshotReview(org.id);
    await expectSafeError(
      decideAcceptance(org.ctx.SECURITY_LEAD, ZDecideAcceptance.parse({ acceptanceId: stale.id, decision: "ACCEPTED" })),
      InvalidInputError,
      "invalid",
    );
    expect(await snapshotReview(org.id)).toEqual(beforePast);
    const fresh = await newProposal("Open redirect");
    const beforeGivenPast = await snapshotReview(org.id);
    await expectSafeError(
      decideAcceptance(org.ctx.SECURITY_LEAD, ZDecideAcceptance.parse({ acceptanceId: fresh.id, decision: "ACCEPTED", reviewDate: dayFromToday(-1) })),
      InvalidInputError,
      "invalid",
    );
    expect(await snapshotReview(org.id)).toEqual(beforeGivenPast);

    // Renewing an accepted risk with a new review date.
    const renewTo = dayFromToday(180);
    expect(
      await decideAcceptance(org.ctx.SECURITY_LEAD, ZDecideAcceptance.parse({ acceptanceId: proposed.id, decision: "ACCEPTED", reviewDate: renewTo })),
    ).toEqual({ status: "ACCEPTED" });
    const renewed = await db().residualRiskAcceptance.findUniqueOrThrow({ where: { id: proposed.id } });
    expect(renewed.status).toBe("ACCEPTED");
    expect(ymd(renewed.reviewDate)).toBe(renewTo);
    expect(await auditActions(org.id)).toContain("risk.renewed");
    const renewal = await db().auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "risk.renewed", targetId: proposed.id } });
    expect(renewal.summary).toMatchObject({ reviewDate: renewTo, previousReviewDate: ymd(proposed.reviewDate) });

    // The review date passes: the acceptance reads as expired.
    await db().residualRiskAcceptance.update({ where: { id: proposed.id }, data: { reviewDate: utcDate(dayFromToday(-1)) } });
    const review = await getReviewPage(org.ctx.VIEWER, model.id);
    const states = Object.fromEntries(review.acceptances.map((a) => [a.id, a.state]));
    expect(states).toMatchObject({ [proposed.id]: "expired", [toReject.id]: "rejected", [stale.id]: "proposed", [fresh.id]: "proposed" });
  });
});
