import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { storedSectionData, type EditorState } from "@/lib/data/model-editor/editor-state";
import { getEditorState } from "@/lib/data/model-editor/get-editor-state";
import { saveModelSection } from "@/lib/data/model-editor/save-model-section";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import { VersionConflictError } from "@/lib/errors";
import { ZSaveSection, type TSaveSection, type TSectionSave } from "@/lib/validation/model-editor";
import { createOrg, richDocument, snapshotOrg, type TestOrg } from "./helpers";

async function draftModel(org: TestOrg) {
  return db().$transaction((tx) =>
    insertThreatModelDocument(tx, { organizationId: org.id, createdById: org.users.CONTRIBUTOR.id }, richDocument("Merged model", "DRAFT")),
  );
}

function save(org: TestOrg, input: TSaveSection, role: keyof TestOrg["ctx"] = "CONTRIBUTOR") {
  return saveModelSection(org.ctx[role], ZSaveSection.parse(input));
}

/** A save as the editor sends it: the section as the author has it, and what it held when they started (the base). */
function editorSave(state: EditorState, section: TSectionSave, edit: (data: never) => unknown): TSaveSection {
  const base = storedSectionData(state, section);
  return {
    modelId: state.id,
    lockVersion: state.lockVersion,
    base: base as TSaveSection["base"],
    save: { ...section, data: edit(structuredClone(base) as never) } as TSectionSave,
  };
}

const fieldsOf = (id: string) => db().threatModel.findUniqueOrThrow({ where: { id } });
type Fields = EditorState["fields"];
type Threat = EditorState["threats"][number];
const FIELDS = { section: "fields", data: {} } as TSectionSave;
const SPOOFING = { section: "threats", category: "SPOOFING", data: [] } as TSectionSave;
type Role = keyof TestOrg["ctx"];

/** An organization with a draft model, and the editor state everyone starts from. */
async function sharedDraft(label: string) {
  const org = await createOrg(label);
  const model = await draftModel(org);
  return { org, model, started: await getEditorState(org.ctx.CONTRIBUTOR, model.id) };
}

/** Saves these fields changed from the state the author started with. */
function saveFields(org: TestOrg, started: EditorState, change: Partial<Fields>, role?: Role) {
  return save(
    org,
    editorSave(started, FIELDS, (f: Fields) => ({ ...f, ...change })),
    role,
  );
}

/** Saves the Spoofing threats as the author edited them from the state they started with. */
function saveSpoofing(org: TestOrg, started: EditorState, edit: (rows: Threat[]) => unknown, role?: Role) {
  return save(org, editorSave(started, SPOOFING, edit), role);
}

describe("saving a section merged with what others saved", () => {
  it("keeps both people's edits of different fields of the same section, with no conflict", async () => {
    const { org, model, started: both } = await sharedDraft("merge-fields");
    // Both started from the same version; one edits the data-flow notes, the other the diagram reference.
    const first = await saveFields(org, both, { dataFlow: "Webhooks arrive signed" });
    expect(first.othersWrote).toBe(false);
    const second = await saveFields(org, both, { systemDiagramRef: "C4: checkout v2" }, "SECURITY_LEAD");
    expect(second.othersWrote).toBe(true);
    expect(second.lockVersion).toBe(both.lockVersion + 2);
    expect(second.section).toMatchObject({ dataFlow: "Webhooks arrive signed", systemDiagramRef: "C4: checkout v2" });
    expect(await fieldsOf(model.id)).toMatchObject({
      dataFlow: "Webhooks arrive signed",
      systemDiagramRef: "C4: checkout v2",
      overview: "Overview",
      lockVersion: both.lockVersion + 2,
    });
    // The second save's audit event records only what it changed.
    const events = await db().auditEvent.findMany({ where: { targetId: model.id, action: "threat-model.edited" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => Object.keys((e.summary as { changes: object }).changes))).toEqual([["dataFlow"], ["systemDiagramRef"]]);
  });

  it("never reverts a field the author did not touch, even when their copy of it is stale", async () => {
    const { org, model, started: stale } = await sharedDraft("merge-untouched");
    await saveFields(org, stale, { overview: "Their overview" }, "SECURITY_LEAD");
    // The stale author sends the whole section, overview still as it was when they loaded it.
    await saveFields(org, stale, { scopeOut: "Refunds" });
    expect(await fieldsOf(model.id)).toMatchObject({ overview: "Their overview", scopeOut: "Refunds" });
  });

  it("refuses a field both changed, names it, and writes nothing", async () => {
    const { org, started: both } = await sharedDraft("merge-same");
    await saveFields(org, both, { dataFlow: "Theirs" }, "SECURITY_LEAD");
    const before = await snapshotOrg(org.id);
    const refusal = await saveFields(org, both, { dataFlow: "Mine", systemDiagramRef: "mine too" }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(VersionConflictError);
    expect((refusal as VersionConflictError).conflicts).toEqual([expect.objectContaining({ field: "dataFlow", theirs: "Theirs", mine: "Mine" })]);
    expect((refusal as VersionConflictError).currentLockVersion).toBe(both.lockVersion + 1);
    expect(await snapshotOrg(org.id)).toEqual(before);
  });

  it("treats a base that differs from what is stored as a conflict, even at the current version", async () => {
    const { org, started: state } = await sharedDraft("merge-base");
    const input = editorSave(state, FIELDS, (f: Fields) => ({ ...f, overview: "Mine" }));
    const before = await snapshotOrg(org.id);
    await expect(save(org, { ...input, base: { ...(input.base as object), overview: "Not what is stored" } })).rejects.toBeInstanceOf(VersionConflictError);
    expect(await snapshotOrg(org.id)).toEqual(before);
  });

  it("two saves of different fields racing on the same version both land", async () => {
    const { org, model, started: both } = await sharedDraft("merge-race");
    await Promise.all([saveFields(org, both, { dataFlow: "Alice" }), saveFields(org, both, { systemDiagramRef: "Bob" }, "SECURITY_LEAD")]);
    expect(await fieldsOf(model.id)).toMatchObject({ dataFlow: "Alice", systemDiagramRef: "Bob", lockVersion: both.lockVersion + 2 });
  });

  it("merges rows: different threats, different fields of one threat, and rows added on both sides", async () => {
    const { org, model, started } = await sharedDraft("merge-rows");
    await saveSpoofing(org, started, (rows) => [...rows, { key: "k2", category: "SPOOFING", title: "Session fixation", likelihood: "LOW", impact: "HIGH" }]);
    const state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    const [one, two] = state.threats.filter((t) => t.category === "SPOOFING");

    // Alice renames the first threat and raises the second's likelihood; Bob describes the second and adds a threat.
    await saveSpoofing(org, state, (rows) =>
      rows.map((t) => (t.id === one!.id ? { ...t, title: "Credential stuffing at scale" } : { ...t, likelihood: "HIGH" })),
    );
    const bob = await saveSpoofing(
      org,
      state,
      (rows) => [
        ...rows.map((t) => (t.id === two!.id ? { ...t, description: "Attacker plants a session id" } : t)),
        { key: "k3", category: "SPOOFING", title: "Phishing", likelihood: "MEDIUM", impact: "MEDIUM" },
      ],
      "SECURITY_LEAD",
    );
    const stored = await db().threat.findMany({ where: { threatModelId: model.id, category: "SPOOFING" }, orderBy: { position: "asc" } });
    expect(stored.map((t) => [t.title, t.description, t.likelihood])).toEqual([
      ["Credential stuffing at scale", one!.description, one!.likelihood],
      ["Session fixation", "Attacker plants a session id", "HIGH"],
      ["Phishing", "", "MEDIUM"],
    ]);
    // The answer carries the stored section, new rows with their ids.
    expect((bob.section as { id?: string; title: string }[]).map((t) => [t.title, Boolean(t.id)])).toEqual([
      ["Credential stuffing at scale", true],
      ["Session fixation", true],
      ["Phishing", true],
    ]);
    // The mitigation links of the first threat, untouched by both, are still there.
    expect(await db().threatMitigation.count({ where: { threatId: one!.id } })).toBe(one!.mitigationIds.length);
  });

  it("refuses the same field of the same threat changed on both sides, and a removal of a row the other changed", async () => {
    const { org, started: state } = await sharedDraft("merge-row-same");
    await saveSpoofing(org, state, (rows) => rows.map((t) => ({ ...t, title: "Theirs" })), "SECURITY_LEAD");
    const before = await snapshotOrg(org.id);
    const sameField = await saveSpoofing(org, state, (rows) => rows.map((t) => ({ ...t, title: "Mine" }))).catch((e: unknown) => e);
    expect((sameField as VersionConflictError).conflicts).toEqual([expect.objectContaining({ field: "title", theirs: "Theirs", mine: "Mine" })]);
    const removal = await saveSpoofing(org, state, () => []).catch((e: unknown) => e);
    expect((removal as VersionConflictError).conflicts).toEqual([expect.objectContaining({ field: null, mine: null })]);
    expect(await snapshotOrg(org.id)).toEqual(before);
  });
});
