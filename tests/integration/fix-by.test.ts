import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { OrgContext } from "@/lib/auth/context";
import { ModelView } from "@/components/threat-models/model-view";
import { db } from "@/lib/db/client";
import { exportThreatModel } from "@/lib/data/exports";
import { getEditorState } from "@/lib/data/model-editor/get-editor-state";
import { saveModelSection } from "@/lib/data/model-editor/save-model-section";
import { operatorExportModel } from "@/lib/data/operator";
import { getOrganizationSettings } from "@/lib/data/organizations/get-organization-settings";
import { decideReview } from "@/lib/data/review/decide-review";
import { submitForReview } from "@/lib/data/review/submit-for-review";
import { startNewRevision } from "@/lib/data/revisions/start-new-revision";
import { getThreatModel } from "@/lib/data/threat-models/get-threat-model";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import { ZSaveSection } from "@/lib/validation/model-editor";
import { ZDecideReview, ZStartRevision, ZSubmitForReview } from "@/lib/validation/review";
import { createOrg, richDocument, type TestOrg } from "./helpers";

const ymd = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const dayFromToday = (days: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
};

/** An organization whose fix-by rule differs from the template's 7 / 30 / 14 days. */
async function orgWithOwnFixBy(label: string) {
  const org = await createOrg(label);
  await db().organization.update({ where: { id: org.id }, data: { fixByDaysHigh: 5, fixByDaysMedium: 20, fixByDaysLow: 10 } });
  return org;
}

/** A draft with a High spoofing threat (Medium × High) and a Medium tampering one (Medium × Medium). */
async function draftModel(org: TestOrg, title: string) {
  const doc = richDocument(title, "DRAFT");
  const levels = [
    { likelihood: "MEDIUM", impact: "HIGH", priority: "HIGH" },
    { likelihood: "MEDIUM", impact: "MEDIUM", priority: "MEDIUM" },
  ] as const;
  doc.threats = doc.threats.map((t, i) => ({ ...t, ...levels[i]! }));
  return db().$transaction((tx) => insertThreatModelDocument(tx, { organizationId: org.id, createdById: org.users.CONTRIBUTOR.id }, doc));
}

async function approve(org: TestOrg, modelId: string) {
  await submitForReview(org.ctx.CONTRIBUTOR, ZSubmitForReview.parse({ modelId }));
  const { lockVersion } = await db().threatModel.findUniqueOrThrow({ where: { id: modelId } });
  await decideReview(org.ctx.TECH_LEAD, ZDecideReview.parse({ modelId, lockVersion, decision: "APPROVED" }));
  expect(await decideReview(org.ctx.SECURITY_LEAD, ZDecideReview.parse({ modelId, lockVersion, decision: "APPROVED" }))).toMatchObject({ approved: true });
}

/** The threats are sent as loosely as a browser sends them: the shared schema reads them. */
function save(ctx: OrgContext, input: unknown) {
  return saveModelSection(ctx, ZSaveSection.parse(input));
}

function threatsOf(modelId: string) {
  return db().threat.findMany({ where: { threatModelId: modelId }, orderBy: [{ category: "asc" }, { position: "asc" }] });
}

/** The threats of one STRIDE category as the editor sends them back, with `change` applied to each. */
async function threatSection(
  ctx: OrgContext,
  modelId: string,
  category: "SPOOFING" | "TAMPERING",
  change: (t: Record<string, unknown>) => Record<string, unknown> = (t) => t,
) {
  const state = await getEditorState(ctx, modelId);
  const data = state.threats.filter((t) => t.category === category).map(({ priority: _priority, dueDate: _dueDate, ...t }) => change(t));
  return { lockVersion: state.lockVersion, data };
}

describe("the fix-by clock", () => {
  it("approve → start revision → edit the threats: the due dates approval set stay as they are", async () => {
    const org = await orgWithOwnFixBy("clock");
    const model = await draftModel(org, "Clock");
    // The draft was written three weeks before it was approved.
    await db().threat.updateMany({ where: { threatModelId: model.id }, data: { createdAt: new Date(Date.now() - 21 * 86_400_000) } });
    await approve(org, model.id);
    const approved = await threatsOf(model.id);
    expect(approved.map((t) => [t.priority, ymd(t.dueDate)])).toEqual([
      ["HIGH", dayFromToday(5)],
      ["MEDIUM", dayFromToday(20)],
    ]);

    await startNewRevision(org.ctx.CONTRIBUTOR, ZStartRevision.parse({ modelId: model.id, step: "minor" }));
    const spoofing = await threatSection(org.ctx.CONTRIBUTOR, model.id, "SPOOFING", (t) => ({ ...t, description: `${t.description} (revised)` }));
    await save(org.ctx.CONTRIBUTOR, {
      modelId: model.id,
      lockVersion: spoofing.lockVersion,
      save: { section: "threats", category: "SPOOFING", data: spoofing.data },
    });

    const edited = await threatsOf(model.id);
    expect(edited.find((t) => t.category === "SPOOFING")!.description).toMatch(/\(revised\)$/);
    expect(edited.map((t) => [t.id, t.priority, ymd(t.dueDate)])).toEqual(approved.map((t) => [t.id, t.priority, ymd(t.dueDate)]));
  });

  it("a priority changed in the next revision counts from the approval, and a threat it adds from its own creation", async () => {
    const org = await orgWithOwnFixBy("clock-change");
    const model = await draftModel(org, "Clock change");
    await db().threat.updateMany({ where: { threatModelId: model.id }, data: { createdAt: new Date(Date.now() - 21 * 86_400_000) } });
    await approve(org, model.id);
    await startNewRevision(org.ctx.CONTRIBUTOR, ZStartRevision.parse({ modelId: model.id, step: "minor" }));

    // The Medium tampering threat is raised to High by hand; a new Low one is added beside it.
    const tampering = await threatSection(org.ctx.CONTRIBUTOR, model.id, "TAMPERING", (t) => ({
      ...t,
      priorityOverride: "HIGH",
      priorityOverrideReason: "Seen in the wild",
    }));
    const added = { key: "new", category: "TAMPERING", title: "Replayed webhook", likelihood: "LOW", impact: "MEDIUM" };
    await save(org.ctx.CONTRIBUTOR, {
      modelId: model.id,
      lockVersion: tampering.lockVersion,
      save: { section: "threats", category: "TAMPERING", data: [...tampering.data, added] },
    });

    const threats = await threatsOf(model.id);
    expect(threats.map((t) => [t.title.replace(/^Clock change: /, ""), t.priority, ymd(t.dueDate)])).toEqual([
      ["credential stuffing", "HIGH", dayFromToday(5)],
      ["token forgery", "HIGH", dayFromToday(5)],
      ["Replayed webhook", "LOW", dayFromToday(10)],
    ]);
  });
});

describe("the fix-by rule in words", () => {
  it("the Markdown export states the organization's own days, for the current model, a revision and the operator's export", async () => {
    const org = await orgWithOwnFixBy("fixby-md");
    const model = await draftModel(org, "Fix-by export");
    const current = await exportThreatModel(org.ctx.VIEWER, { id: model.id, format: "md" });
    expect(current.body).toContain("| High | 1 | Within 5 days of discovery |");
    expect(current.body).toContain("| Medium | 1 | Within 20 days of discovery |");
    expect(current.body).toContain("| Low | 0 | Next sprint (10 days) |");
    expect(current.body).not.toContain("Within 7 days");

    await approve(org, model.id);
    const revision = await db().revision.findFirstOrThrow({ where: { threatModelId: model.id } });
    const approved = await exportThreatModel(org.ctx.VIEWER, { id: model.id, format: "md", revisionId: revision.id });
    expect(approved.body).toContain("| High | 1 | Within 5 days of discovery |");
    expect((await operatorExportModel({ id: model.id, format: "md" })).body).toContain("| High | 1 | Within 5 days of discovery |");
  });

  it("the read-only model view states the organization's own days", async () => {
    const org = await orgWithOwnFixBy("fixby-view");
    const model = await draftModel(org, "Fix-by view");
    const settings = await getOrganizationSettings(org.ctx.VIEWER);
    const html = renderToStaticMarkup(createElement(ModelView, { model: await getThreatModel(org.ctx.VIEWER, model.id), fixBy: settings }));
    expect(html).toContain("Within 5 days of discovery");
    expect(html).toContain("Within 20 days of discovery");
    expect(html).not.toContain("Within 7 days");
  });
});
