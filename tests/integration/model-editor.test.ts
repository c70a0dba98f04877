import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getEditorState } from "@/lib/data/model-editor/get-editor-state";
import { saveModelSection } from "@/lib/data/model-editor/save-model-section";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import { ForbiddenError, InvalidInputError, NotFoundError, SafeError, VersionConflictError } from "@/lib/errors";
import { ZSaveSection, type TSaveSection } from "@/lib/validation/model-editor";
import { createOrg, richDocument, snapshotOrg, type TestOrg } from "./helpers";

async function draftModel(org: TestOrg, title = "Draft under edit") {
  return db().$transaction((tx) =>
    insertThreatModelDocument(tx, { organizationId: org.id, createdById: org.users.CONTRIBUTOR.id }, { ...richDocument(title, "DRAFT") }),
  );
}

function save(org: TestOrg, input: TSaveSection, role: keyof TestOrg["ctx"] = "CONTRIBUTOR") {
  return saveModelSection(org.ctx[role], ZSaveSection.parse(input));
}

async function lockVersionOf(id: string) {
  return (await db().threatModel.findUniqueOrThrow({ where: { id }, select: { lockVersion: true } })).lockVersion;
}

describe("the model editor's data layer", () => {
  it("saves a section, bumps the version by one and records an audit event", async () => {
    const org = await createOrg("edit");
    const model = await draftModel(org);
    const result = await save(org, { modelId: model.id, lockVersion: 1, save: { section: "fields", data: { overview: "New overview", scopeOut: "Refunds" } } });
    expect(result.lockVersion).toBe(2);
    const row = await db().threatModel.findUniqueOrThrow({ where: { id: model.id } });
    expect(row).toMatchObject({ overview: "New overview", scopeOut: "Refunds", lockVersion: 2 });
    const events = await db().auditEvent.findMany({ where: { organizationId: org.id, action: "threat-model.edited", targetId: model.id } });
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toMatchObject({
      section: "fields",
      lockVersion: 2,
      changes: { overview: { before: "Overview", after: "New overview" }, scopeOut: { before: "Out of scope", after: "Refunds" } },
    });
  });

  it("of two concurrent writes with the same version, exactly one succeeds and the other gets a conflict", async () => {
    const org = await createOrg("race");
    const model = await draftModel(org);
    const results = await Promise.allSettled([
      save(org, { modelId: model.id, lockVersion: 1, save: { section: "fields", data: { overview: "Alice" } } }),
      save(org, { modelId: model.id, lockVersion: 1, save: { section: "fields", data: { overview: "Bob" } } }, "SECURITY_LEAD"),
    ]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(VersionConflictError);
    expect((rejected[0]!.reason as VersionConflictError).currentLockVersion).toBe(2);
    expect(await lockVersionOf(model.id)).toBe(2);
    const winner = fulfilled[0] === results[0] ? "Alice" : "Bob";
    expect((await db().threatModel.findUniqueOrThrow({ where: { id: model.id } })).overview).toBe(winner);
    expect(await db().auditEvent.count({ where: { targetId: model.id, action: "threat-model.edited" } })).toBe(1);
  });

  it("refuses a stale version and changes nothing", async () => {
    const org = await createOrg("stale");
    const model = await draftModel(org);
    await save(org, { modelId: model.id, lockVersion: 1, save: { section: "fields", data: { overview: "first" } } });
    const before = await snapshotOrg(org.id);
    await expect(save(org, { modelId: model.id, lockVersion: 1, save: { section: "fields", data: { overview: "stale" } } })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    expect(await snapshotOrg(org.id)).toEqual(before);
  });

  it("creates, updates, reorders and removes rows, keeping ids and reporting new ones by key", async () => {
    const org = await createOrg("rows");
    const model = await draftModel(org);
    const state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    const [first, ...rest] = state.trustBoundaries;
    expect(first).toBeDefined();
    const result = await save(org, {
      modelId: model.id,
      lockVersion: state.lockVersion,
      save: {
        section: "trustBoundaries",
        data: [
          { key: "new-1", name: "Browser → CDN", description: "", crossing: "Static assets" },
          { ...first!, name: `${first!.name} (renamed)` },
        ],
      },
    });
    const rows = await db().trustBoundary.findMany({ where: { threatModelId: model.id }, orderBy: { position: "asc" } });
    expect(rows.map((r) => r.name)).toEqual(["Browser → CDN", `${first!.name} (renamed)`]);
    expect(rows[1]!.id).toBe(first!.id);
    expect(result.idsByKey["new-1"]).toBe(rows[0]!.id);
    for (const removed of rest) expect(await db().trustBoundary.count({ where: { id: removed.id } })).toBe(0);
  });

  it("computes priority from likelihood × impact, keeps an override only with its reason, and sets fix-by dates", async () => {
    const org = await createOrg("prio");
    const model = await draftModel(org);
    const state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    const data = [
      { key: "a", category: "SPOOFING" as const, title: "Computed", likelihood: "MEDIUM" as const, impact: "HIGH" as const },
      {
        key: "b",
        category: "SPOOFING" as const,
        title: "Overridden",
        likelihood: "LOW" as const,
        impact: "LOW" as const,
        priorityOverride: "HIGH" as const,
        priorityOverrideReason: "Regulator asked",
      },
      { key: "c", category: "SPOOFING" as const, title: "Critical impact", likelihood: "LOW" as const, impact: "CRITICAL" as const },
    ];
    await save(org, { modelId: model.id, lockVersion: state.lockVersion, save: { section: "threats", category: "SPOOFING", data } });
    const threats = await db().threat.findMany({ where: { threatModelId: model.id, category: "SPOOFING" }, orderBy: { position: "asc" } });
    expect(threats.map((t) => [t.title, t.priority, t.priorityOverrideReason])).toEqual([
      ["Computed", "HIGH", null],
      ["Overridden", "HIGH", "Regulator asked"],
      ["Critical impact", "HIGH", null],
    ]);
    const today = new Date();
    const in7 = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 7));
    expect(threats[0]!.dueDate?.toISOString().slice(0, 10)).toBe(in7.toISOString().slice(0, 10));
    // An override without a reason is refused by the shared schema.
    expect(ZSaveSection.safeParse({ section: "threats", category: "SPOOFING", data: [{ ...data[1], priorityOverrideReason: "" }] }).success).toBe(false);
    // The rows of other categories were not touched.
    expect(await db().threat.count({ where: { threatModelId: model.id, category: { not: "SPOOFING" } } })).toBe(
      richDocument("x").threats.filter((t) => t.category !== "SPOOFING").length,
    );
  });

  it("one mitigation links to several threats and scenarios; its status is stored once", async () => {
    const org = await createOrg("links");
    const model = await draftModel(org);
    let state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    const mitigation = state.mitigations[0]!;
    const tampering = state.threats.filter((t) => t.category === "TAMPERING");
    const linked = tampering.map((t) => ({ ...t, mitigationIds: [mitigation.id] }));
    await save(org, { modelId: model.id, lockVersion: state.lockVersion, save: { section: "threats", category: "TAMPERING", data: linked } });
    state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    await save(org, {
      modelId: model.id,
      lockVersion: state.lockVersion,
      save: { section: "mitigations", data: state.mitigations.map((m) => (m.id === mitigation.id ? { ...m, status: "IMPLEMENTED" as const } : m)) },
    });
    expect(await db().threatMitigation.count({ where: { mitigationId: mitigation.id } })).toBeGreaterThanOrEqual(tampering.length);
    expect((await db().mitigation.findUniqueOrThrow({ where: { id: mitigation.id } })).status).toBe("IMPLEMENTED");
  });

  it("refuses links to another model's or another organization's mitigation, and rows of another model", async () => {
    const org = await createOrg("a");
    const other = await createOrg("b");
    const model = await draftModel(org);
    const sibling = await draftModel(org, "Sibling");
    const foreign = await draftModel(other, "Foreign");
    const state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    const siblingMitigation = (await getEditorState(org.ctx.CONTRIBUTOR, sibling.id)).mitigations[0]!;
    const foreignState = await getEditorState(other.ctx.CONTRIBUTOR, foreign.id);
    const spoofing = state.threats.filter((t) => t.category === "SPOOFING");
    const beforeA = await snapshotOrg(org.id);
    const beforeB = await snapshotOrg(other.id);

    for (const mitigationId of [siblingMitigation.id, foreignState.mitigations[0]!.id]) {
      await expect(
        save(org, {
          modelId: model.id,
          lockVersion: state.lockVersion,
          save: { section: "threats", category: "SPOOFING", data: spoofing.map((t) => ({ ...t, mitigationIds: [mitigationId] })) },
        }),
      ).rejects.toBeInstanceOf(InvalidInputError);
    }
    // Updating another organization's row through this model.
    await expect(
      save(org, { modelId: model.id, lockVersion: state.lockVersion, save: { section: "assets", data: [{ ...foreignState.assets[0]!, name: "hijacked" }] } }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    // Editing another organization's model at all.
    await expect(
      save(org, { modelId: foreign.id, lockVersion: foreignState.lockVersion, save: { section: "fields", data: { overview: "hijacked" } } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(getEditorState(org.ctx.CONTRIBUTOR, foreign.id)).rejects.toBeInstanceOf(NotFoundError);

    expect(await snapshotOrg(org.id)).toEqual(beforeA);
    expect(await snapshotOrg(other.id)).toEqual(beforeB);
  });

  it("refuses, in every row section, a row id of another model's or another organization's row, and writes nothing", async () => {
    const org = await createOrg("rows");
    const other = await createOrg("rows-other");
    const model = await draftModel(org);
    const sibling = await getEditorState(org.ctx.CONTRIBUTOR, (await draftModel(org, "Sibling")).id);
    const foreign = await getEditorState(other.ctx.CONTRIBUTOR, (await draftModel(other, "Foreign")).id);
    const state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    const beforeA = await snapshotOrg(org.id);
    const beforeB = await snapshotOrg(other.id);
    const spoofing = (s: typeof state) => s.threats.filter((t) => t.category === "SPOOFING");
    const saves = (s: typeof state): TSaveSection["save"][] => [
      { section: "trustBoundaries", data: s.trustBoundaries },
      { section: "assets", data: s.assets },
      { section: "threats", category: "SPOOFING", data: spoofing(s).map((t) => ({ ...t, mitigationIds: [] })) },
      { section: "mitigations", data: s.mitigations },
      { section: "scenarios", data: s.scenarios.map((r) => ({ ...r, mitigationIds: [] })) },
      { section: "controls", data: s.controls },
      { section: "invariants", data: s.invariants.map((r) => ({ ...r, article: r.article + 10 })) },
      { section: "residualRisks", data: s.residualRisks.map((r) => ({ ...r, threatId: null })) },
    ];
    for (const elsewhere of [sibling, foreign]) {
      for (const section of saves(elsewhere)) {
        const error = await save(org, { modelId: model.id, lockVersion: state.lockVersion, save: section }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, section.section).toBeInstanceOf(InvalidInputError);
        expect((error as InvalidInputError).message, section.section).toMatch(/not part of this threat model/);
      }
    }
    expect(await snapshotOrg(org.id)).toEqual(beforeA);
    expect(await snapshotOrg(other.id)).toEqual(beforeB);
  });

  it("a viewer cannot edit, and an approved or in-review model is locked", async () => {
    const org = await createOrg("locks");
    const model = await draftModel(org);
    const before = await snapshotOrg(org.id);
    await expect(save(org, { modelId: model.id, lockVersion: 1, save: { section: "fields", data: { overview: "viewer" } } }, "VIEWER")).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await snapshotOrg(org.id)).toEqual(before);
    const approved = await db().$transaction((tx) =>
      insertThreatModelDocument(tx, { organizationId: org.id, createdById: org.users.OWNER.id }, richDocument("Approved", "APPROVED")),
    );
    const snapshot = await snapshotOrg(org.id);
    const refusal = await save(org, { modelId: approved.id, lockVersion: 1, save: { section: "fields", data: { overview: "late edit" } } }).catch(
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(SafeError);
    expect((refusal as SafeError).code).toBe("locked");
    expect(await snapshotOrg(org.id)).toEqual(snapshot);
  });

  it("enforces the field limits and a unique article number, changing nothing", async () => {
    const org = await createOrg("limits");
    const model = await draftModel(org);
    expect(ZSaveSection.safeParse({ section: "fields", data: { title: "x".repeat(201) } }).success).toBe(false);
    expect(ZSaveSection.safeParse({ section: "fields", data: { overview: "x".repeat(20_001) } }).success).toBe(false);
    expect(
      ZSaveSection.safeParse({
        section: "threats",
        category: "SPOOFING",
        data: [{ key: "k", category: "SPOOFING", title: "", likelihood: "HIGH", impact: "HIGH" }],
      }).success,
    ).toBe(false);
    expect(ZSaveSection.safeParse({ section: "threats", category: "PHISHING", data: [] }).success).toBe(false);
    expect(
      ZSaveSection.safeParse({
        section: "threats",
        category: "SPOOFING",
        data: [{ key: "k", category: "SPOOFING", title: "t", likelihood: "EXTREME", impact: "HIGH" }],
      }).success,
    ).toBe(false);
    const tooMany = Array.from({ length: 501 }, (_, i) => ({ key: `k${i}`, category: "SPOOFING", title: `t${i}`, likelihood: "LOW", impact: "LOW" }));
    expect(ZSaveSection.safeParse({ section: "threats", category: "SPOOFING", data: tooMany }).success).toBe(false);

    const before = await snapshotOrg(org.id);
    await expect(
      save(org, {
        modelId: model.id,
        lockVersion: 1,
        save: {
          section: "invariants",
          data: [
            { key: "x", article: 3, topic: "A", condition: "c", requirement: "r" },
            { key: "y", article: 3, topic: "B", condition: "c", requirement: "r" },
          ],
        },
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(await snapshotOrg(org.id)).toEqual(before);
  });

  it("swaps two invariants' article numbers in one save", async () => {
    const org = await createOrg("swap");
    const model = await draftModel(org);
    let state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    await save(org, {
      modelId: model.id,
      lockVersion: state.lockVersion,
      save: {
        section: "invariants",
        data: [
          { key: "1", article: 1, topic: "One", condition: "c", requirement: "r" },
          { key: "2", article: 2, topic: "Two", condition: "c", requirement: "r" },
        ],
      },
    });
    state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    const swapped = state.invariants.map((i) => ({ ...i, article: i.article === 1 ? 2 : 1 }));
    await save(org, { modelId: model.id, lockVersion: state.lockVersion, save: { section: "invariants", data: swapped } });
    const rows = await db().securityInvariant.findMany({ where: { threatModelId: model.id }, orderBy: { article: "asc" } });
    expect(rows.map((r) => `${r.article}:${r.topic}`)).toEqual(["1:Two", "2:One"]);
  });
});
