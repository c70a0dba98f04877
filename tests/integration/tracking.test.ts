import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import type { OrgContext } from "@/lib/auth/context";
import { metaFromHeaders } from "@/lib/auth/request-meta";
import { db } from "@/lib/db/client";
import { appendAuditEvent, listAuditEvents, verifyAuditChain } from "@/lib/data/audit";
import { getEditorState } from "@/lib/data/model-editor/get-editor-state";
import { saveMitigationTracking } from "@/lib/data/model-editor/save-mitigation-tracking";
import { saveModelSection } from "@/lib/data/model-editor/save-model-section";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import { decideReview } from "@/lib/data/review/decide-review";
import { getReviewPage } from "@/lib/data/review/get-review-page";
import { submitForReview } from "@/lib/data/review/submit-for-review";
import { startNewRevision } from "@/lib/data/revisions/start-new-revision";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import { ForbiddenError, NotFoundError, SafeError } from "@/lib/errors";
import { ZSaveSection, type TSaveSection } from "@/lib/validation/model-editor";
import { ZDecideReview, ZStartRevision, ZSubmitForReview } from "@/lib/validation/review";
import { ZTrackingEdit } from "@/lib/validation/tracking";
import { createOrg, expectSafeError, richDocument, snapshotOrg, type TestOrg } from "./helpers";

// ─── Building blocks ──────────────────────────────────────────────────────────────────────

async function insertModel(org: TestOrg, doc: ThreatModelDocument) {
  return db().$transaction((tx) => insertThreatModelDocument(tx, { organizationId: org.id, createdById: org.users.CONTRIBUTOR.id }, doc));
}

function modelRow(id: string) {
  return db().threatModel.findUniqueOrThrow({ where: { id } });
}

async function approve(org: TestOrg, modelId: string) {
  await submitForReview(org.ctx.CONTRIBUTOR, ZSubmitForReview.parse({ modelId }));
  const { lockVersion } = await modelRow(modelId);
  await decideReview(org.ctx.TECH_LEAD, ZDecideReview.parse({ modelId, lockVersion, decision: "APPROVED" }));
  expect(await decideReview(org.ctx.SECURITY_LEAD, ZDecideReview.parse({ modelId, lockVersion, decision: "APPROVED" }))).toEqual({
    status: "APPROVED",
    approved: true,
  });
}

async function approvedModel(org: TestOrg, doc: ThreatModelDocument = richDocument(`Tracked ${org.slug}`, "DRAFT")) {
  const model = await insertModel(org, doc);
  await approve(org, model.id);
  return model;
}

async function mitigationNamed(modelId: string, title: string) {
  return db().mitigation.findFirstOrThrow({ where: { threatModelId: modelId, title } });
}

function track(ctx: OrgContext, input: unknown) {
  return saveMitigationTracking(ctx, ZTrackingEdit.parse(input));
}

function save(ctx: OrgContext, input: TSaveSection) {
  return saveModelSection(ctx, ZSaveSection.parse(input));
}

function liveApprovals(threatModelId: string) {
  return db().approval.count({ where: { threatModelId, withdrawnAt: null } });
}

function editEvents(organizationId: string, targetId: string) {
  return db().auditEvent.findMany({ where: { organizationId, targetId, action: "threat-model.edited" }, orderBy: { seq: "asc" } });
}

// ─── Tracking after approval ──────────────────────────────────────────────────────────────

describe("mitigation tracking on an approved model", () => {
  it("saves a tracking edit, audits it, and leaves the model approved, its approvals live and its version alone", async () => {
    const org = await createOrg("trk-save");
    const model = await approvedModel(org);
    const before = await modelRow(model.id);
    const keyRotation = await mitigationNamed(model.id, "Key rotation");

    const result = await track(org.ctx.CONTRIBUTOR, {
      modelId: model.id,
      mitigationId: keyRotation.id,
      base: { status: "PLANNED", taskRef: "T-2", ownerId: null },
      value: { status: "IMPLEMENTED", taskRef: "SEC-7", ownerId: org.users.TECH_LEAD.id },
    });
    expect(result).toMatchObject({ saved: true, changed: ["status", "taskRef", "ownerId"], status: "APPROVED", lockVersion: before.lockVersion });
    expect(await mitigationNamed(model.id, "Key rotation")).toMatchObject({
      status: "IMPLEMENTED",
      taskRef: "SEC-7",
      ownerId: org.users.TECH_LEAD.id,
      title: "Key rotation",
    });

    const after = await modelRow(model.id);
    expect(after).toMatchObject({ status: "APPROVED", lockVersion: before.lockVersion, approvedAt: before.approvedAt });
    expect(await liveApprovals(model.id)).toBe(2);
    const review = await getReviewPage(org.ctx.VIEWER, model.id);
    expect(review.approval.complete).toBe(true);

    const events = await editEvents(org.id, model.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: org.users.CONTRIBUTOR.id });
    expect(events[0]!.summary).toMatchObject({
      section: "mitigations",
      tracking: true,
      mitigation: "Key rotation",
      changes: {
        status: { before: "PLANNED", after: "IMPLEMENTED" },
        taskRef: { before: "T-2", after: "SEC-7" },
        ownerId: { before: "", after: org.users.TECH_LEAD.id },
      },
    });
    expect(await db().auditEvent.count({ where: { organizationId: org.id, targetId: model.id, action: "review.approvals-withdrawn" } })).toBe(0);
  });

  it("refuses an edit of the analysis with a clear message and changes nothing", async () => {
    const org = await createOrg("trk-locked");
    const model = await approvedModel(org);
    const state = await modelRow(model.id);
    const rows = await db().mitigation.findMany({ where: { threatModelId: model.id }, orderBy: { position: "asc" } });
    const snapshot = await snapshotOrg(org.id);

    const overview = await expectSafeError(
      save(org.ctx.CONTRIBUTOR, { modelId: model.id, lockVersion: state.lockVersion, save: { section: "fields", data: { overview: "Rewritten" } } }),
      SafeError,
      "locked",
    );
    expect(overview.message).toMatch(/approved: its analysis is locked until a new revision is started/);
    // Renaming a mitigation through the editor is analysis, even with its tracking unchanged.
    const renamed = rows.map((m, i) => ({
      key: m.id,
      id: m.id,
      title: i === 0 ? "Renamed" : m.title,
      description: m.description,
      status: m.status,
      taskRef: m.taskRef,
      implementedIn: m.implementedIn,
      ownerId: m.ownerId,
      dueDate: m.dueDate?.toISOString().slice(0, 10) ?? null,
    }));
    await expectSafeError(
      save(org.ctx.CONTRIBUTOR, { modelId: model.id, lockVersion: state.lockVersion, save: { section: "mitigations", data: renamed } }),
      SafeError,
      "locked",
    );
    // The tracking path takes tracking fields only.
    expect(() => ZTrackingEdit.parse({ modelId: model.id, mitigationId: rows[0]!.id, base: { title: rows[0]!.title }, value: { title: "Renamed" } })).toThrow(
      ZodError,
    );

    expect(await snapshotOrg(org.id)).toEqual(snapshot);
  });

  it("a field someone else changed meanwhile is a conflict that writes nothing; a repeated value writes nothing either", async () => {
    const org = await createOrg("trk-conflict");
    const model = await approvedModel(org);
    const m = await mitigationNamed(model.id, "Key rotation");
    await track(org.ctx.SECURITY_LEAD, { modelId: model.id, mitigationId: m.id, base: { taskRef: "T-2" }, value: { taskRef: "SEC-1" } });
    const snapshot = await snapshotOrg(org.id);

    const stale = await track(org.ctx.CONTRIBUTOR, {
      modelId: model.id,
      mitigationId: m.id,
      base: { taskRef: "T-2", status: "PLANNED" },
      value: { taskRef: "SEC-2", status: "IN_PROGRESS" },
    });
    expect(stale).toMatchObject({ saved: false, conflicts: ["taskRef"], values: { taskRef: "SEC-1", status: "PLANNED" } });
    // Both sides set the same value: nothing to save, nothing recorded.
    expect(await track(org.ctx.CONTRIBUTOR, { modelId: model.id, mitigationId: m.id, base: { taskRef: "T-2" }, value: { taskRef: "SEC-1" } })).toMatchObject({
      saved: true,
      changed: [],
    });
    expect(await snapshotOrg(org.id)).toEqual(snapshot);
  });

  it("is for editors of this organization's models, and an archived model's tracking is locked", async () => {
    const org = await createOrg("trk-who");
    const other = await createOrg("trk-other");
    const model = await approvedModel(org);
    const m = await mitigationNamed(model.id, "Key rotation");
    const edit = { modelId: model.id, mitigationId: m.id, base: { status: "PLANNED" }, value: { status: "IN_PROGRESS" } };
    const snapshot = await snapshotOrg(org.id);
    await expectSafeError(track(org.ctx.VIEWER, edit), ForbiddenError, "forbidden");
    await expectSafeError(track(other.ctx.OWNER, edit), NotFoundError, "not-found");
    const theirs = await approvedModel(other);
    await expectSafeError(track(org.ctx.OWNER, { ...edit, modelId: theirs.id }), NotFoundError, "not-found");
    await expectSafeError(track(org.ctx.OWNER, { ...edit, mitigationId: (await mitigationNamed(theirs.id, "Key rotation")).id }), NotFoundError, "not-found");
    await expectSafeError(track(org.ctx.OWNER, { ...edit, base: { ownerId: null }, value: { ownerId: other.users.OWNER.id } }), SafeError, "invalid");
    expect(await snapshotOrg(org.id)).toEqual(snapshot);

    await db().threatModel.update({ where: { id: model.id }, data: { status: "ARCHIVED", statusBeforeArchive: "APPROVED" } });
    const archived = await snapshotOrg(org.id);
    const refused = await expectSafeError(track(org.ctx.OWNER, edit), SafeError, "locked");
    expect(refused.message).toMatch(/archived/);
    expect(await snapshotOrg(org.id)).toEqual(archived);
  });

  it("marking a Critical threat's only implemented mitigation as not implemented keeps the approval; the threat blocks the next approval again", async () => {
    const org = await createOrg("trk-gate");
    const doc = richDocument(`Gate ${org.slug}`, "DRAFT");
    doc.threats.push({
      category: "ELEVATION_OF_PRIVILEGE",
      title: "Admin takeover",
      description: "",
      attackVectors: [],
      likelihood: "HIGH",
      impact: "CRITICAL",
      priority: "CRITICAL",
      mitigationKeys: ["m1"],
    });
    const model = await approvedModel(org, doc);
    expect((await getReviewPage(org.ctx.VIEWER, model.id)).blockers).toEqual([]);
    const rateLimiting = await mitigationNamed(model.id, "Rate limiting");

    await track(org.ctx.CONTRIBUTOR, { modelId: model.id, mitigationId: rateLimiting.id, base: { status: "IMPLEMENTED" }, value: { status: "IN_PROGRESS" } });
    const review = await getReviewPage(org.ctx.VIEWER, model.id);
    expect(review.model.status).toBe("APPROVED");
    expect(review.approval.complete).toBe(true);
    expect(review.blockers.map((b) => b.title)).toEqual(["Admin takeover"]);
  });

  it("after Start revision, the comparison with the approved revision lists the tracking edit as tracking and an analysis edit as analysis", async () => {
    const org = await createOrg("trk-diff");
    const model = await approvedModel(org);
    const m = await mitigationNamed(model.id, "Key rotation");
    await track(org.ctx.CONTRIBUTOR, { modelId: model.id, mitigationId: m.id, base: { status: "PLANNED" }, value: { status: "IMPLEMENTED" } });
    await startNewRevision(org.ctx.CONTRIBUTOR, ZStartRevision.parse({ modelId: model.id }));
    const draft = await modelRow(model.id);
    await save(org.ctx.CONTRIBUTOR, { modelId: model.id, lockVersion: draft.lockVersion, save: { section: "fields", data: { overview: "Second revision" } } });

    const { diff } = await getReviewPage(org.ctx.VIEWER, model.id);
    const mitigations = diff!.sections.find((s) => s.section === "mitigations")!;
    expect(mitigations.rows).toEqual([
      {
        key: "key rotation",
        label: "Key rotation",
        kind: "changed",
        tracking: true,
        changes: [{ field: "status", label: "Status", before: "Planned", after: "Implemented", tracking: true }],
      },
    ]);
    const front = diff!.sections.find((s) => s.section === "front-matter")!;
    expect(front.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "version" }),
        { field: "overview", label: "Overview", before: "Overview", after: "Second revision" },
      ]),
    );
    expect(front.fields.every((f) => !f.tracking)).toBe(true);
  });
});

// ─── Saves that change nothing ────────────────────────────────────────────────────────────

describe("a save that changes nothing", () => {
  it("writes no audit event, keeps the version and withdraws no approval", async () => {
    const org = await createOrg("noop");
    const model = await insertModel(org, richDocument(`No-op ${org.slug}`, "DRAFT"));
    await submitForReview(org.ctx.CONTRIBUTOR, ZSubmitForReview.parse({ modelId: model.id }));
    const { lockVersion } = await modelRow(model.id);
    await decideReview(org.ctx.TECH_LEAD, ZDecideReview.parse({ modelId: model.id, lockVersion, decision: "APPROVED" }));
    const snapshot = await snapshotOrg(org.id);

    const editor = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    const boundaries = await db().trustBoundary.findMany({ where: { threatModelId: model.id }, orderBy: { position: "asc" } });
    const saves: TSaveSection["save"][] = [
      { section: "fields", data: editor.fields },
      { section: "trustBoundaries", data: boundaries.map((b) => ({ key: b.id, id: b.id, name: b.name, description: b.description, crossing: b.crossing })) },
      { section: "strideAssessment", data: { category: "SPOOFING", residualRisk: "LOW", justification: "Rate limited" } },
      { section: "strideAssessment", data: { category: "TAMPERING", residualRisk: null, justification: "" } },
    ];
    for (const s of saves) {
      expect({ section: s.section, result: await save(org.ctx.CONTRIBUTOR, { modelId: model.id, lockVersion, save: s }) }).toEqual({
        section: s.section,
        result: { lockVersion, idsByKey: {}, status: "IN_REVIEW", withdrawnApprovals: 0, othersWrote: false, section: undefined },
      });
    }
    // The same with a base (the editor's per-field merge): unchanged fields merge to nothing to write.
    expect(
      await save(org.ctx.CONTRIBUTOR, { modelId: model.id, lockVersion, base: editor.fields, save: { section: "fields", data: editor.fields } }),
    ).toMatchObject({
      lockVersion,
      withdrawnApprovals: 0,
      othersWrote: false,
    });
    expect(await snapshotOrg(org.id)).toEqual(snapshot);
    expect(await liveApprovals(model.id)).toBe(1);

    // A real change after them is still one event, on the same version.
    await save(org.ctx.CONTRIBUTOR, { modelId: model.id, lockVersion, save: { section: "fields", data: { ...editor.fields, overview: "Changed" } } });
    expect((await editEvents(org.id, model.id)).map((e) => e.summary)).toEqual([expect.objectContaining({ section: "fields", changed: ["overview"] })]);
  });
});

// ─── IP addresses ─────────────────────────────────────────────────────────────────────────

describe("the audit trail's IP addresses", () => {
  it("records an IPv4 client reported as an IPv6-mapped address as 127.0.0.1, and lists older such rows the same way", async () => {
    const org = await createOrg("ip");
    // The connection's address, as the server's preload stamps it (a client's X-Forwarded-For is not believed).
    const meta = metaFromHeaders(new Headers({ [PEER_ADDRESS_HEADER]: "::ffff:127.0.0.1", "user-agent": "vitest" }));
    expect(meta.ip).toBe("127.0.0.1");
    const ctx = { ...org.ctx.OWNER, meta };
    const model = await insertModel(org, richDocument(`IP ${org.slug}`, "DRAFT"));
    await save(ctx, { modelId: model.id, lockVersion: 1, save: { section: "fields", data: { overview: "From a mapped address" } } });
    const [recorded] = await editEvents(org.id, model.id);
    expect(recorded!.ip).toBe("127.0.0.1");

    // An event recorded before addresses were normalized keeps its stored value (the chain covers it).
    await db().$transaction((tx) =>
      appendAuditEvent(tx, {
        organizationId: org.id,
        actorId: org.users.OWNER.id,
        actorLabel: org.users.OWNER.email,
        action: "organization.settings-updated",
        targetType: "organization",
        targetId: org.id,
        meta: { requestId: "old", ip: "::ffff:127.0.0.1", userAgent: null },
      }),
    );
    expect((await db().auditEvent.findFirstOrThrow({ where: { organizationId: org.id, requestId: "old" } })).ip).toBe("::ffff:127.0.0.1");
    const listed = await listAuditEvents(org.ctx.OWNER, {});
    expect(listed.items.filter((e) => e.action === "organization.settings-updated" || e.targetId === model.id).map((e) => e.ip)).toEqual([
      "127.0.0.1",
      "127.0.0.1",
    ]);
    expect((await verifyAuditChain(org.id)).ok).toBe(true);
  });
});
