import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getEditorState } from "@/lib/data/model-editor/get-editor-state";
import { saveModelSection } from "@/lib/data/model-editor/save-model-section";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import { toDocument } from "@/lib/data/threat-models/to-document";
import { findThreatModel } from "@/lib/data/threat-models/find-threat-model";
import { newEntity, newFlow, newProcess, newStore, newBoundaryBox } from "@/lib/domain/diagram/new-items";
import { InvalidInputError, NotFoundError, VersionConflictError } from "@/lib/errors";
import { ZSaveSection, type TSaveSection } from "@/lib/validation/model-editor";
import { getDashboard } from "@/lib/data/dashboard/get-dashboard";
import { documentCoverage } from "@/lib/domain/diagram/coverage";
import { createOrg, richDocument, snapshotOrg, type TestOrg } from "./helpers";

async function draftModel(org: TestOrg, title = "Diagrammed") {
  return db().$transaction((tx) =>
    insertThreatModelDocument(tx, { organizationId: org.id, createdById: org.users.CONTRIBUTOR.id }, richDocument(title, "DRAFT")),
  );
}

function save(org: TestOrg, input: TSaveSection, role: keyof TestOrg["ctx"] = "CONTRIBUTOR") {
  return saveModelSection(org.ctx[role], ZSaveSection.parse(input));
}

/** A small diagram: a user signs in through the web app, which keeps sessions in a store. */
function overview(extra: { assetIds?: string[]; trustBoundaryId?: string | null } = {}) {
  return {
    key: "d1",
    name: "Overview",
    elements: [
      newEntity({ id: "user", name: "User", actor: "human", position: { x: 0, y: 0 } }),
      newProcess({ id: "web", name: "Web app", position: { x: 200, y: 0 }, assetIds: extra.assetIds }),
      newStore({ id: "sessions", name: "Sessions", holdsCredentials: true, position: { x: 400, y: 0 } }),
    ],
    flows: [
      newFlow({ id: "login", from: "user", to: "web", label: "credentials", protocol: "HTTPS", encrypted: true }),
      newFlow({ id: "store-session", from: "web", to: "sessions", label: "session", protocol: "TCP" }),
    ],
    boundaries: [newBoundaryBox({ id: "dmz", name: "Internet", x: -50, y: -50, width: 150, height: 150, trustBoundaryId: extra.trustBoundaryId ?? null })],
  };
}

describe("diagrams in the model editor's data layer", () => {
  it("saves a diagram with the model's version, records it in the audit trail and reads it back", async () => {
    const org = await createOrg("diagram-save");
    const model = await draftModel(org);
    const state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    const result = await save(org, { modelId: model.id, lockVersion: state.lockVersion, save: { section: "diagrams", data: [overview()] } });
    expect(result.lockVersion).toBe(state.lockVersion + 1);
    expect(result.idsByKey.d1).toBeTruthy();
    const rows = await db().diagram.findMany({ where: { threatModelId: model.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ organizationId: org.id, name: "Overview" });
    const after = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    expect(after.diagrams[0]!.elements.map((e) => e.id)).toEqual(["user", "web", "sessions"]);
    expect(after.diagrams[0]!.flows.map((f) => [f.from, f.to])).toEqual([
      ["user", "web"],
      ["web", "sessions"],
    ]);
    const event = await db().auditEvent.findFirst({ where: { targetId: model.id, action: "threat-model.edited" }, orderBy: { seq: "desc" } });
    expect(event?.summary).toMatchObject({ section: "diagrams", created: 1 });
    expect((await db().threatModel.findUniqueOrThrow({ where: { id: model.id } })).revisionEditorIds).toContain(org.users.CONTRIBUTOR.id);

    // Saving the same diagram again changes nothing: no version, no event.
    const again = await save(org, {
      modelId: model.id,
      lockVersion: result.lockVersion,
      save: { section: "diagrams", data: [{ ...overview(), id: result.idsByKey.d1 }] },
    });
    expect(again.lockVersion).toBe(result.lockVersion);
  });

  it("refuses a stale version, another organization's model, and a viewer, writing nothing", async () => {
    const org = await createOrg("diagram-guard");
    const other = await createOrg("diagram-other");
    const model = await draftModel(org);
    const state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    await save(org, { modelId: model.id, lockVersion: state.lockVersion, save: { section: "fields", data: { overview: "moved on" } } });
    const before = await snapshotOrg(org.id);
    await expect(save(org, { modelId: model.id, lockVersion: state.lockVersion, save: { section: "diagrams", data: [overview()] } })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    await expect(
      save(other, { modelId: model.id, lockVersion: state.lockVersion + 1, save: { section: "diagrams", data: [overview()] } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      save(org, { modelId: model.id, lockVersion: state.lockVersion + 1, save: { section: "diagrams", data: [overview()] } }, "VIEWER"),
    ).rejects.toThrow();
    expect(await snapshotOrg(org.id)).toEqual(before);
  });

  it("refuses an element linked to another organization's asset or a boundary linked to its trust boundary", async () => {
    const org = await createOrg("diagram-links");
    const other = await createOrg("diagram-links-other");
    const model = await draftModel(org);
    const foreign = await draftModel(other, "Foreign");
    const foreignAsset = (await db().asset.findFirstOrThrow({ where: { threatModelId: foreign.id } })).id;
    const foreignBoundary = (await db().trustBoundary.findFirstOrThrow({ where: { threatModelId: foreign.id } })).id;
    const state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    const before = await snapshotOrg(org.id);
    const attempt = (d: ReturnType<typeof overview>) =>
      save(org, { modelId: model.id, lockVersion: state.lockVersion, save: { section: "diagrams", data: [d] } });
    await expect(attempt(overview({ assetIds: [foreignAsset] }))).rejects.toThrow(/linked to an asset that is not part of this threat model/);
    await expect(attempt(overview({ trustBoundaryId: foreignBoundary }))).rejects.toThrow(/trust boundary that is not part of this threat model/);
    expect(await snapshotOrg(org.id)).toEqual(before);

    // The model's own asset and trust boundary are fine.
    const ownAsset = state.assets[0]!.id;
    const ownBoundary = state.trustBoundaries[0]!.id;
    await attempt(overview({ assetIds: [ownAsset], trustBoundaryId: ownBoundary }));
    const stored = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    expect(stored.diagrams[0]!.elements.find((e) => e.id === "web")!.assetIds).toEqual([ownAsset]);
    expect(stored.diagrams[0]!.boundaries[0]!.trustBoundaryId).toBe(ownBoundary);
  });

  it.each([
    [
      "a flow without an end",
      (d: ReturnType<typeof overview>) => ({ ...d, flows: [...d.flows, newFlow({ id: "dangling", from: "user", to: "" })] }),
      /has no end/,
    ],
    [
      "a flow to an element of no diagram",
      (d: ReturnType<typeof overview>) => ({ ...d, flows: [...d.flows, newFlow({ id: "lost", from: "user", to: "ghost" })] }),
      /not an element/,
    ],
    ["two items with one id", (d: ReturnType<typeof overview>) => ({ ...d, flows: [...d.flows, newFlow({ id: "user", from: "user", to: "web" })] }), /same id/],
    [
      "out of scope without a reason",
      (d: ReturnType<typeof overview>) => ({ ...d, elements: d.elements.map((e) => (e.id === "user" ? { ...e, outOfScope: true } : e)) }),
      /out of scope without a reason/,
    ],
    [
      "more elements than a diagram holds",
      (d: ReturnType<typeof overview>) => ({ ...d, elements: Array.from({ length: 501 }, (_, i) => newEntity({ id: `e${i}`, name: `E${i}` })), flows: [] }),
      /at most 500/,
    ],
  ])("refuses %s with a message and writes nothing", async (_label, change, message) => {
    const org = await createOrg("diagram-bad");
    const model = await draftModel(org);
    const state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    const before = await snapshotOrg(org.id);
    const error = await save(org, { modelId: model.id, lockVersion: state.lockVersion, save: { section: "diagrams", data: [change(overview())] } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(message);
    expect(await snapshotOrg(org.id)).toEqual(before);
  });

  it("refuses coordinates that are not finite numbers before anything is written", () => {
    const bad = { ...overview(), elements: [newEntity({ id: "x", name: "X", position: { x: Number.POSITIVE_INFINITY, y: 0 } })], flows: [] };
    const parsed = ZSaveSection.safeParse({ modelId: "m1", lockVersion: 1, save: { section: "diagrams", data: [bad] } });
    expect(parsed.success).toBe(false);
  });

  it("attaches threats to diagram items and records dismissals; deleting an item detaches both", async () => {
    const org = await createOrg("diagram-threats");
    const model = await draftModel(org);
    let state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    let { lockVersion } = await save(org, { modelId: model.id, lockVersion: state.lockVersion, save: { section: "diagrams", data: [overview()] } });
    state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    const tampering = state.threats.filter((t) => t.category === "TAMPERING");
    const rows = tampering.map(({ priority: _p, dueDate: _d, ...t }, i) => (i === 0 ? { ...t, elementIds: ["store-session", "ghost"] } : t));
    ({ lockVersion } = await save(org, { modelId: model.id, lockVersion, save: { section: "threats", category: "TAMPERING", data: rows } }));
    const attached = await db().threat.findUniqueOrThrow({ where: { id: tampering[0]!.id } });
    // An id that is on no diagram is not kept.
    expect(attached.elementIds).toEqual(["store-session"]);

    ({ lockVersion } = await save(org, {
      modelId: model.id,
      lockVersion,
      save: {
        section: "dismissals",
        data: [
          { key: "x1", elementId: "sessions", category: "REPUDIATION", reason: "The store only keeps opaque tokens; actions are logged by the web app." },
          { key: "x2", elementId: "ghost", category: "TAMPERING", reason: "No such element" },
        ],
      },
    }));
    expect(await db().suggestionDismissal.findMany({ where: { threatModelId: model.id }, select: { elementId: true, category: true } })).toEqual([
      { elementId: "sessions", category: "REPUDIATION" },
    ]);
    // A dismissal needs a reason a reviewer can read.
    expect(() =>
      ZSaveSection.parse({
        modelId: model.id,
        lockVersion,
        save: { section: "dismissals", data: [{ key: "y", elementId: "sessions", category: "SPOOFING", reason: "  " }] },
      }),
    ).toThrow(/Why it does not apply is required/);

    // The flow and the store go: the threat stays in the model, on nothing; the dismissal goes.
    const diagramId = (await db().diagram.findFirstOrThrow({ where: { threatModelId: model.id } })).id;
    const smaller = overview();
    await save(org, {
      modelId: model.id,
      lockVersion,
      save: {
        section: "diagrams",
        data: [
          { ...smaller, id: diagramId, elements: smaller.elements.filter((e) => e.id !== "sessions"), flows: smaller.flows.filter((f) => f.id === "login") },
        ],
      },
    });
    expect((await db().threat.findUniqueOrThrow({ where: { id: tampering[0]!.id } })).elementIds).toEqual([]);
    expect(await db().suggestionDismissal.count({ where: { threatModelId: model.id } })).toBe(0);
  });

  it("keeps diagrams, attachments and dismissals in the document a copy, an export and a revision snapshot are made from", async () => {
    const org = await createOrg("diagram-document");
    const model = await draftModel(org);
    const state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    const asset = state.assets[0]!;
    const boundary = state.trustBoundaries[0]!;
    let { lockVersion } = await save(org, {
      modelId: model.id,
      lockVersion: state.lockVersion,
      save: { section: "diagrams", data: [overview({ assetIds: [asset.id], trustBoundaryId: boundary.id })] },
    });
    const spoofing = state.threats.filter((t) => t.category === "SPOOFING").map(({ priority: _p, dueDate: _d, ...t }) => ({ ...t, elementIds: ["user"] }));
    ({ lockVersion } = await save(org, { modelId: model.id, lockVersion, save: { section: "threats", category: "SPOOFING", data: spoofing } }));
    await save(org, {
      modelId: model.id,
      lockVersion,
      save: { section: "dismissals", data: [{ key: "x", elementId: "login", category: "DENIAL_OF_SERVICE", reason: "Rate-limited upstream." }] },
    });

    const doc = toDocument((await findThreatModel(db(), org.id, model.id))!);
    expect(doc.diagrams).toHaveLength(1);
    const assetKey = doc.assets.find((a) => a.name === asset.name)!.key;
    const boundaryKey = doc.trustBoundaries.find((b) => b.name === boundary.name)!.key;
    expect(assetKey).toBeTruthy();
    expect(doc.diagrams![0]!.elements.find((e) => e.id === "web")!.assetIds).toEqual([assetKey]);
    expect(doc.diagrams![0]!.boundaries[0]!.trustBoundaryId).toBe(boundaryKey);
    expect(doc.threats.filter((t) => t.elementIds?.includes("user"))).toHaveLength(spoofing.length);
    expect(doc.suggestionDismissals).toEqual([{ elementId: "login", category: "DENIAL_OF_SERVICE", reason: "Rate-limited upstream." }]);

    // A copy in the same organization is linked to its own rows, not the original's.
    const copy = await db().$transaction((tx) => insertThreatModelDocument(tx, { organizationId: org.id, createdById: org.users.CONTRIBUTOR.id }, doc));
    const copied = await getEditorState(org.ctx.CONTRIBUTOR, copy.id);
    const copiedAsset = copied.assets.find((a) => a.name === asset.name)!.id;
    expect(copiedAsset).not.toBe(asset.id);
    expect(copied.diagrams[0]!.elements.find((e) => e.id === "web")!.assetIds).toEqual([copiedAsset]);
    expect(copied.diagrams[0]!.boundaries[0]!.trustBoundaryId).toBe(copied.trustBoundaries.find((b) => b.name === boundary.name)!.id);
    expect(copied.threats.filter((t) => t.elementIds.includes("user"))).toHaveLength(spoofing.length);
    expect(copied.dismissals.map((x) => x.elementId)).toEqual(["login"]);
  });

  it("stores each model's coverage as the domain computes it, and the dashboard adds the models up", async () => {
    const org = await createOrg("diagram-coverage");
    const model = await draftModel(org);
    const plain = await draftModel(org, "No diagram");
    const state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    let { lockVersion } = await save(org, { modelId: model.id, lockVersion: state.lockVersion, save: { section: "diagrams", data: [overview()] } });
    const stored = async () => db().threatModel.findUniqueOrThrow({ where: { id: model.id }, select: { coverageApplicable: true, coverageCovered: true } });
    const expected = async () => documentCoverage(toDocument((await findThreatModel(db(), org.id, model.id))!));
    const first = await expected();
    expect(first.applicable).toBeGreaterThan(0);
    expect(await stored()).toEqual({ coverageApplicable: first.applicable, coverageCovered: 0 });

    ({ lockVersion } = await save(org, {
      modelId: model.id,
      lockVersion,
      save: { section: "dismissals", data: [{ key: "x", elementId: "user", category: "REPUDIATION", reason: "Sign-ins are logged." }] },
    }));
    const spoofing = state.threats.filter((t) => t.category === "SPOOFING").map(({ priority: _p, dueDate: _d, ...t }) => ({ ...t, elementIds: ["user"] }));
    await save(org, { modelId: model.id, lockVersion, save: { section: "threats", category: "SPOOFING", data: spoofing } });
    const second = await expected();
    expect(second.covered).toBe(2);
    expect(await stored()).toEqual({ coverageApplicable: second.applicable, coverageCovered: 2 });

    const dashboard = await getDashboard(org.ctx.VIEWER, {});
    expect(dashboard.diagramCoverage).toEqual({
      models: 1,
      applicable: second.applicable,
      covered: 2,
      percent: Math.floor(200 / second.applicable),
    });
    // Another organization's dashboard counts none of it.
    const other = await createOrg("diagram-coverage-other");
    expect((await getDashboard(other.ctx.VIEWER, {})).diagramCoverage).toEqual({ models: 0, applicable: 0, covered: 0, percent: null });
    expect(plain.id).toBeTruthy();
  });
});
