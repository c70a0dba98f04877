import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { emptyDocument, type ThreatModelDocument } from "@/lib/domain/model-document";
import { THREAT_MODEL_STATUSES } from "@/lib/domain/threat-model";
import { fixByDate } from "@/lib/domain/sla";
import { saveModelSection } from "@/lib/data/model-editor/save-model-section";
import { ANALYSIS_EDITABLE_STATUSES } from "@/lib/domain/tracking";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import { listTransferTargets, transferThreat } from "@/lib/data/threat-transfer";
import { ForbiddenError, InvalidInputError, NotFoundError, SafeError, VersionConflictError } from "@/lib/errors";
import { LIMITS, ZSaveSection, type TTransferThreat } from "@/lib/validation/model-editor";
import { createOrg, expectSafeError, richDocument, snapshotOrg, type TestOrg } from "./helpers";

async function insertModel(org: TestOrg, doc: ThreatModelDocument) {
  return db().$transaction((tx) => insertThreatModelDocument(tx, { organizationId: org.id, createdById: org.users.CONTRIBUTOR.id }, doc));
}

/** The rich document (two threats, two mitigations, a residual risk on "token forgery"), as a draft whose Key rotation has an owner. */
async function sourceModel(org: TestOrg, title = "Source") {
  const doc = richDocument(title, "DRAFT");
  doc.mitigations = doc.mitigations.map((m) => (m.key === "m2" ? { ...m, ownerId: org.users.TECH_LEAD.id } : m));
  return insertModel(org, doc);
}

/** A draft that already has one tampering threat and one mitigation of its own. */
async function targetModel(org: TestOrg, title = "Target", extra: Partial<ThreatModelDocument> = {}) {
  return insertModel(org, {
    ...emptyDocument(title),
    threats: [
      {
        category: "TAMPERING",
        title: "Existing tampering",
        description: "",
        attackVectors: [],
        likelihood: "LOW",
        impact: "LOW",
        priority: "LOW",
        mitigationKeys: ["w"],
      },
    ],
    mitigations: [{ key: "w", title: "WAF rules", description: "", status: "PLANNED", taskRef: "", implementedIn: "", dueDate: null }],
    ...extra,
  });
}

async function threatOf(modelId: string, titleEnd: string) {
  return db().threat.findFirstOrThrow({
    where: { threatModelId: modelId, title: { endsWith: titleEnd } },
    include: { mitigations: { include: { mitigation: true } } },
  });
}

async function lockVersionOf(id: string) {
  return (await db().threatModel.findUniqueOrThrow({ where: { id }, select: { lockVersion: true } })).lockVersion;
}

async function rowCounts(modelId: string) {
  const where = { threatModelId: modelId };
  const [threats, mitigations, links, acceptances, linkedAcceptances] = await Promise.all([
    db().threat.count({ where }),
    db().mitigation.count({ where }),
    db().threatMitigation.count({ where: { threat: where } }),
    db().residualRiskAcceptance.count({ where }),
    db().residualRiskAcceptance.count({ where: { ...where, threatId: { not: null } } }),
  ]);
  return { threats, mitigations, links, acceptances, linkedAcceptances, lockVersion: await lockVersionOf(modelId) };
}

function transfer(org: TestOrg, input: TTransferThreat, role: keyof TestOrg["ctx"] = "CONTRIBUTOR") {
  return transferThreat(org.ctx[role], input);
}

describe("copying and moving a threat to another model", () => {
  it("a copy keeps the source as it is and adds one threat with its mitigations at the end of its category in the target", async () => {
    const org = await createOrg("copy");
    const other = await createOrg("copy-other");
    const source = await sourceModel(org);
    const target = await targetModel(org);
    const threat = await threatOf(source.id, "token forgery");
    const sourceBefore = await rowCounts(source.id);
    const otherBefore = await snapshotOrg(other.id);

    const result = await transfer(org, { threatId: threat.id, sourceLockVersion: 1, targetModelId: target.id, mode: "copy" });

    expect(result).toEqual({ targetModelId: target.id, newThreatId: expect.any(String), sourceLockVersion: 1 });
    expect(await rowCounts(source.id)).toEqual(sourceBefore);
    expect(await db().threat.count({ where: { id: threat.id, threatModelId: source.id } })).toBe(1);

    const copies = await db().threat.findMany({
      where: { threatModelId: target.id, category: "TAMPERING" },
      orderBy: { position: "asc" },
      include: { mitigations: { include: { mitigation: true } } },
    });
    expect(copies.map((t) => t.title)).toEqual(["Existing tampering", threat.title]);
    const copy = copies[1]!;
    expect(copy.id).toBe(result.newThreatId);
    expect(copy.position).toBeGreaterThan(copies[0]!.position);
    expect(copy).toMatchObject({
      description: threat.description,
      attackVectors: threat.attackVectors,
      likelihood: "LOW",
      impact: "CRITICAL",
      priorityOverrideReason: null,
    });
    // Low likelihood × critical impact is High by the matrix, whatever the source row said.
    expect(copy.priority).toBe("HIGH");
    const settings = await db().organization.findUniqueOrThrow({
      where: { id: org.id },
      select: { fixByDaysHigh: true, fixByDaysMedium: true, fixByDaysLow: true },
    });
    expect(copy.dueDate?.toISOString().slice(0, 10)).toBe(fixByDate("HIGH", new Date(), settings)!.toISOString().slice(0, 10));

    const targetMitigations = await db().mitigation.findMany({ where: { threatModelId: target.id }, orderBy: { position: "asc" } });
    expect(targetMitigations.map((m) => m.title)).toEqual(["WAF rules", "Rate limiting", "Key rotation"]);
    const sourceMitigations = threat.mitigations.map((l) => l.mitigation);
    for (const title of ["Rate limiting", "Key rotation"]) {
      const original = sourceMitigations.find((m) => m.title === title)!;
      const copied = targetMitigations.find((m) => m.title === title)!;
      expect(copied.id).not.toBe(original.id);
      expect(copied).toMatchObject({
        description: original.description,
        status: original.status,
        taskRef: original.taskRef,
        implementedIn: original.implementedIn,
        ownerId: original.ownerId,
        dueDate: original.dueDate,
        organizationId: org.id,
      });
    }
    expect(targetMitigations.find((m) => m.title === "Key rotation")!.ownerId).toBe(org.users.TECH_LEAD.id);
    expect(copy.mitigations.map((l) => l.mitigation.title).sort()).toEqual(["Key rotation", "Rate limiting"]);
    expect(await lockVersionOf(target.id)).toBe(2);
    expect(await snapshotOrg(other.id)).toEqual(otherBefore);
  });

  it("links the target's own mitigation of the same title instead of copying it", async () => {
    const org = await createOrg("reuse");
    const source = await sourceModel(org);
    const target = await targetModel(org, "Target with rate limiting", {
      mitigations: [
        { key: "w", title: "WAF rules", description: "", status: "PLANNED", taskRef: "", implementedIn: "", dueDate: null },
        { key: "r", title: "Rate limiting", description: "Target's own", status: "IN_PROGRESS", taskRef: "T-9", implementedIn: "", dueDate: null },
      ],
    });
    const own = await db().mitigation.findFirstOrThrow({ where: { threatModelId: target.id, title: "Rate limiting" } });
    const threat = await threatOf(source.id, "token forgery");

    const { newThreatId } = await transfer(org, { threatId: threat.id, sourceLockVersion: 1, targetModelId: target.id, mode: "copy" });

    expect(await db().mitigation.count({ where: { threatModelId: target.id, title: "Rate limiting" } })).toBe(1);
    expect(await db().mitigation.findUniqueOrThrow({ where: { id: own.id } })).toMatchObject({
      description: "Target's own",
      status: "IN_PROGRESS",
      taskRef: "T-9",
    });
    expect(await db().mitigation.count({ where: { threatModelId: target.id } })).toBe(3);
    const links = await db().threatMitigation.findMany({ where: { threatId: newThreatId }, include: { mitigation: true } });
    expect(links.map((l) => l.mitigation.title).sort()).toEqual(["Key rotation", "Rate limiting"]);
    expect(links.find((l) => l.mitigation.title === "Rate limiting")!.mitigationId).toBe(own.id);
    expect(links.every((l) => l.mitigation.threatModelId === target.id)).toBe(true);
  });

  it("a move takes the threat out of the source, bumps both versions and keeps the source's mitigations and risk proposals", async () => {
    const org = await createOrg("move");
    const source = await sourceModel(org);
    const target = await targetModel(org);
    const threat = await threatOf(source.id, "token forgery");
    const acceptance = await db().residualRiskAcceptance.findFirstOrThrow({ where: { threatModelId: source.id } });
    expect(acceptance.threatId).toBe(threat.id);

    const result = await transfer(org, { threatId: threat.id, sourceLockVersion: 1, targetModelId: target.id, mode: "move" });

    expect(result).toEqual({ targetModelId: target.id, newThreatId: expect.any(String), sourceLockVersion: 2 });
    expect(await db().threat.count({ where: { id: threat.id } })).toBe(0);
    expect(await db().threat.count({ where: { threatModelId: source.id } })).toBe(1);
    expect(await db().mitigation.count({ where: { threatModelId: source.id } })).toBe(2);
    expect(await db().residualRiskAcceptance.findUniqueOrThrow({ where: { id: acceptance.id } })).toMatchObject({
      threatId: null,
      threatTitle: threat.title,
      threatModelId: source.id,
    });
    const moved = await db().threat.findUniqueOrThrow({ where: { id: result.newThreatId } });
    expect(moved).toMatchObject({ threatModelId: target.id, title: threat.title, category: "TAMPERING" });
    expect(await lockVersionOf(source.id)).toBe(2);
    expect(await lockVersionOf(target.id)).toBe(2);

    // The editor adopts the returned version: its next save is not a conflict.
    const next = await saveModelSection(
      org.ctx.CONTRIBUTOR,
      ZSaveSection.parse({ modelId: source.id, lockVersion: result.sourceLockVersion, save: { section: "fields", data: { overview: "After the move" } } }),
    );
    expect(next.lockVersion).toBe(3);
  });

  it("refuses a move based on a stale version of the source and changes nothing", async () => {
    const org = await createOrg("stale");
    const source = await sourceModel(org);
    const target = await targetModel(org);
    const threat = await threatOf(source.id, "credential stuffing");
    await saveModelSection(
      org.ctx.SECURITY_LEAD,
      ZSaveSection.parse({ modelId: source.id, lockVersion: 1, save: { section: "fields", data: { overview: "Someone else's edit" } } }),
    );
    const sourceBefore = await rowCounts(source.id);
    const targetBefore = await rowCounts(target.id);
    const before = await snapshotOrg(org.id);

    const error = await expectSafeError(
      transfer(org, { threatId: threat.id, sourceLockVersion: 1, targetModelId: target.id, mode: "move" }),
      VersionConflictError,
      "conflict",
    );

    expect((error as VersionConflictError).currentLockVersion).toBe(2);
    expect(await rowCounts(source.id)).toEqual(sourceBefore);
    expect(await rowCounts(target.id)).toEqual(targetBefore);
    expect(sourceBefore).toMatchObject({ threats: 2, mitigations: 2, lockVersion: 2 });
    expect(targetBefore).toMatchObject({ threats: 1, mitigations: 1, lockVersion: 1 });
    expect(await snapshotOrg(org.id)).toEqual(before);
  });

  it("treats another organization's model or threat as not found and writes nothing in either", async () => {
    const org = await createOrg("tenant");
    const other = await createOrg("tenant-other");
    const source = await sourceModel(org);
    const foreignTarget = await targetModel(other, "Foreign target");
    const foreignSource = await sourceModel(other, "Foreign source");
    const ownTarget = await targetModel(org);
    const threat = await threatOf(source.id, "token forgery");
    const foreignThreat = await threatOf(foreignSource.id, "token forgery");
    const beforeOrg = await snapshotOrg(org.id);
    const beforeOther = await snapshotOrg(other.id);

    for (const mode of ["copy", "move"] as const) {
      await expectSafeError(transfer(org, { threatId: threat.id, sourceLockVersion: 1, targetModelId: foreignTarget.id, mode }), NotFoundError, "not-found");
      await expectSafeError(transfer(org, { threatId: foreignThreat.id, sourceLockVersion: 1, targetModelId: ownTarget.id, mode }), NotFoundError, "not-found");
    }
    expect(await snapshotOrg(org.id)).toEqual(beforeOrg);
    expect(await snapshotOrg(other.id)).toEqual(beforeOther);
  });

  it("refuses a target or a source that is not editable, and a transfer to the threat's own model", async () => {
    const org = await createOrg("locked");
    const source = await sourceModel(org);
    const approved = await targetModel(org, "Approved target", { status: "APPROVED" });
    const approvedSource = await insertModel(org, richDocument("Approved source", "APPROVED"));
    const target = await targetModel(org);
    const threat = await threatOf(source.id, "token forgery");
    const lockedThreat = await threatOf(approvedSource.id, "token forgery");
    const before = await snapshotOrg(org.id);

    for (const mode of ["copy", "move"] as const) {
      const refused = await expectSafeError(
        transfer(org, { threatId: threat.id, sourceLockVersion: 1, targetModelId: approved.id, mode }),
        SafeError,
        "locked",
      );
      expect(refused.message).toMatch(/no longer open for editing/);
      await expectSafeError(transfer(org, { threatId: lockedThreat.id, sourceLockVersion: 1, targetModelId: target.id, mode }), SafeError, "locked");
      await expectSafeError(transfer(org, { threatId: threat.id, sourceLockVersion: 1, targetModelId: source.id, mode }), InvalidInputError, "invalid");
    }
    expect(await rowCounts(approved.id)).toMatchObject({ threats: 1, mitigations: 1, lockVersion: 1 });
    expect(await snapshotOrg(org.id)).toEqual(before);
  });

  it("counts as an edit of each model it changes for the review: requested changes being answered take it back to Draft", async () => {
    const org = await createOrg("review");
    const source = await insertModel(org, richDocument("Changes requested source", "CHANGES_REQUESTED"));
    const target = await targetModel(org, "Changes requested target", { status: "CHANGES_REQUESTED" });
    const untouched = await targetModel(org, "Changes requested bystander", { status: "CHANGES_REQUESTED" });
    const threat = await threatOf(source.id, "token forgery");

    await transfer(org, { threatId: threat.id, sourceLockVersion: 1, targetModelId: target.id, mode: "copy" });
    expect((await db().threatModel.findUniqueOrThrow({ where: { id: target.id } })).status).toBe("DRAFT");
    expect((await db().threatModel.findUniqueOrThrow({ where: { id: source.id } })).status).toBe("CHANGES_REQUESTED");

    await transfer(org, { threatId: threat.id, sourceLockVersion: 1, targetModelId: target.id, mode: "move" });
    expect((await db().threatModel.findUniqueOrThrow({ where: { id: source.id } })).status).toBe("DRAFT");
    expect((await db().threatModel.findUniqueOrThrow({ where: { id: untouched.id } })).status).toBe("CHANGES_REQUESTED");
  });

  it("refuses a viewer, who may not edit", async () => {
    const org = await createOrg("viewer");
    const source = await sourceModel(org);
    const target = await targetModel(org);
    const threat = await threatOf(source.id, "token forgery");
    const before = await snapshotOrg(org.id);
    for (const mode of ["copy", "move"] as const) {
      await expectSafeError(
        transfer(org, { threatId: threat.id, sourceLockVersion: 1, targetModelId: target.id, mode }, "VIEWER"),
        ForbiddenError,
        "forbidden",
      );
    }
    await expectSafeError(listTransferTargets(org.ctx.VIEWER, source.id), ForbiddenError, "forbidden");
    expect(await snapshotOrg(org.id)).toEqual(before);
  });

  it("records who copied and who moved what, from where to where, in the audit trail", async () => {
    const org = await createOrg("audit");
    const source = await sourceModel(org, "Audit source");
    const target = await targetModel(org, "Audit target");
    const stuffing = await threatOf(source.id, "credential stuffing");
    const forgery = await threatOf(source.id, "token forgery");

    const copied = await transfer(org, { threatId: stuffing.id, sourceLockVersion: 1, targetModelId: target.id, mode: "copy" });
    const moved = await transfer(org, { threatId: forgery.id, sourceLockVersion: 1, targetModelId: target.id, mode: "move" }, "TECH_LEAD");

    const events = await db().auditEvent.findMany({
      where: { organizationId: org.id, action: { in: ["threat.copied", "threat.moved"] } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.action, e.actorId, e.targetType, e.targetId])).toEqual([
      ["threat.copied", org.users.CONTRIBUTOR.id, "threat-model", target.id],
      ["threat.moved", org.users.TECH_LEAD.id, "threat-model", target.id],
    ]);
    expect(events[0]!.summary).toMatchObject({
      title: stuffing.title,
      sourceModelId: source.id,
      sourceModelTitle: "Audit source",
      targetModelId: target.id,
      targetModelTitle: "Audit target",
      sourceThreatId: stuffing.id,
      newThreatId: copied.newThreatId,
      mitigationsCreated: 1,
      mitigationsReused: 0,
    });
    // The second transfer finds "Rate limiting" already copied by the first, and reuses it.
    expect(events[1]!.summary).toMatchObject({
      title: forgery.title,
      sourceModelId: source.id,
      targetModelId: target.id,
      newThreatId: moved.newThreatId,
      mitigationsCreated: 1,
      mitigationsReused: 1,
      residualRisksUnlinked: 1,
      sourceLockVersion: 2,
      targetLockVersion: 3,
    });
  });

  it("two moves in opposite directions at once do not deadlock: one wins, the other is a conflict", async () => {
    const org = await createOrg("cross");
    const a = await sourceModel(org, "Model A");
    const b = await sourceModel(org, "Model B");
    const fromA = await threatOf(a.id, "credential stuffing");
    const fromB = await threatOf(b.id, "credential stuffing");

    // Hold model A, so both moves are under way before either can finish: the move from A
    // queues for A first, then the move from B claims B and queues for A as its target. Were
    // the models claimed in the order each transfer names them, releasing A would deadlock.
    let release!: () => void;
    let holding!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = new Promise<void>((resolve) => (holding = resolve));
    const blocker = db().$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "ThreatModel" WHERE id = ${a.id} FOR UPDATE`;
        holding();
        await released;
      },
      { timeout: 20_000 },
    );
    await held;
    const pause = () => new Promise((resolve) => setTimeout(resolve, 400));
    const settle = <T>(promise: Promise<T>) => Promise.allSettled([promise]).then(([result]) => result!);
    const moveFromA = settle(transfer(org, { threatId: fromA.id, sourceLockVersion: 1, targetModelId: b.id, mode: "move" }));
    await pause();
    const moveFromB = settle(transfer(org, { threatId: fromB.id, sourceLockVersion: 1, targetModelId: a.id, mode: "move" }, "SECURITY_LEAD"));
    await pause();
    release();
    await blocker;
    const results = [await moveFromA, await moveFromB];
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(VersionConflictError);
    const total = (await db().threat.count({ where: { threatModelId: a.id } })) + (await db().threat.count({ where: { threatModelId: b.id } }));
    expect(total).toBe(4);
  });

  it("refuses a target that already holds the most threats a model may have", async () => {
    const org = await createOrg("full");
    const source = await sourceModel(org);
    const full = await targetModel(org, "Full target");
    await db().threat.createMany({
      data: Array.from({ length: LIMITS.threatsPerModel - 1 }, (_, i) => ({
        organizationId: org.id,
        threatModelId: full.id,
        category: "SPOOFING" as const,
        title: `Filler ${i}`,
        likelihood: "LOW" as const,
        impact: "LOW" as const,
        priority: "LOW" as const,
        position: i,
      })),
    });
    const threat = await threatOf(source.id, "token forgery");
    const before = await snapshotOrg(org.id);
    await expectSafeError(transfer(org, { threatId: threat.id, sourceLockVersion: 1, targetModelId: full.id, mode: "copy" }), InvalidInputError, "invalid");
    expect(await snapshotOrg(org.id)).toEqual(before);
  });

  it("offers the organization's other editable models as targets, and nothing of another organization", async () => {
    const org = await createOrg("targets");
    const other = await createOrg("targets-other");
    const source = await sourceModel(org, "Picker source");
    const byStatus = new Map<string, string>();
    for (const status of THREAT_MODEL_STATUSES) byStatus.set(status, (await targetModel(org, `Picker ${status}`, { status })).id);
    await targetModel(other, "Foreign draft");

    const targets = await listTransferTargets(org.ctx.CONTRIBUTOR, source.id);

    const editable = THREAT_MODEL_STATUSES.filter((s) => ANALYSIS_EDITABLE_STATUSES.includes(s));
    expect(editable.length).toBeGreaterThan(0);
    // Ordered by title, for the picker.
    const expected = editable
      .map((status) => ({ id: byStatus.get(status), title: `Picker ${status}`, version: "0.1.0" }))
      .sort((x, y) => (x.title < y.title ? -1 : 1));
    expect(targets).toEqual(expected);
  });
});
