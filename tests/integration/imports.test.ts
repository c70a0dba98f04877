// Importing and exporting: the preview writes nothing, a commit writes every model or none, in
// the caller's organization only, with one audit event per model; exports stay inside their
// organization; an organization backup restores into a new organization document for document.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { exportThreatModel } from "@/lib/data/exports";
import { commitDocuments, commitImport, ImportRefusedError, previewImport } from "@/lib/data/imports";
import { operatorExportOrganization, operatorImportModels, operatorImportOrganization } from "@/lib/data/operator";
import { findThreatModel } from "@/lib/data/threat-models/find-threat-model";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import { toDocument } from "@/lib/data/threat-models/to-document";
import { db } from "@/lib/db/client";
import { decideAcceptance } from "@/lib/data/acceptances/decide-acceptance";
import { decideReview } from "@/lib/data/review/decide-review";
import { submitForReview } from "@/lib/data/review/submit-for-review";
import { parseThreatDeskJson } from "@/lib/domain/exchange/json";
import { dayLabel } from "@/lib/domain/exchange/sign-offs";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import { suggestPriority } from "@/lib/domain/priority";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { ZDecideAcceptance, ZDecideReview, ZSubmitForReview } from "@/lib/validation/review";
import { createOrg, expectSafeError, operator, orgsForSuite, richDocument, snapshotOrg, type TestOrg, uid } from "./helpers";

const fixtures = path.resolve(import.meta.dirname, "../fixtures");
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name), "utf8");

async function documentOf(organizationId: string, id: string) {
  const model = await findThreatModel(db(), organizationId, id);
  if (!model) throw new Error(`model ${id} not found in ${organizationId}`);
  return toDocument(model);
}

async function auditRows(organizationId: string, action: string) {
  return db().auditEvent.findMany({
    where: { organizationId, action },
    orderBy: { seq: "asc" },
    select: { targetId: true, actorId: true, actorLabel: true, summary: true },
  });
}

describe("previewImport and commitImport", () => {
  const [A, B] = orgsForSuite("import-a", "import-b");

  it("previews without writing anything", async () => {
    const before = await snapshotOrg(A.id);
    const preview = await previewImport(A.ctx.CONTRIBUTOR, { fileName: "models.json", content: fixture("threatdesk-json/models.json") });
    expect(preview.format).toBe("json");
    expect(preview.documents.map((d) => d.title)).toEqual(["Payments API", "Empty model"]);
    expect(await snapshotOrg(A.id)).toEqual(before);
  });

  it("refuses a Viewer, for the preview and the import", async () => {
    const before = await snapshotOrg(A.id);
    await expectSafeError(
      previewImport(A.ctx.VIEWER, { fileName: "models.json", content: fixture("threatdesk-json/models.json") }),
      ForbiddenError,
      "forbidden",
    );
    await expectSafeError(
      commitImport(A.ctx.VIEWER, { fileName: "models.json", content: fixture("threatdesk-json/models.json") }),
      ForbiddenError,
      "forbidden",
    );
    expect(await snapshotOrg(A.id)).toEqual(before);
  });

  it("writes every model of the file as a draft of the member's organization, one audit event each; the other organization is untouched", async () => {
    const otherBefore = await snapshotOrg(B.id);
    const value = JSON.parse(fixture("threatdesk-json/models.json"));
    // The security lead of A owns the first mitigation by email; the file's model owner is no member.
    value.models[0].mitigations[0].ownerEmail = A.users.SECURITY_LEAD.email.toUpperCase();
    const outcome = await commitImport(A.ctx.CONTRIBUTOR, { fileName: "models.json", content: JSON.stringify(value) });
    expect(outcome.models.map((m) => m.title)).toEqual(["Payments API", "Empty model"]);
    expect(outcome.warnings.map((w) => w.message)).toEqual(["“Payments API” is marked Approved in the file; it is imported as a Draft, to be reviewed here."]);

    const parsed = parseThreatDeskJson(value);
    if (!parsed.ok || parsed.kind !== "models") throw new Error("fixture");
    for (const [i, model] of outcome.models.entries()) {
      const doc = await documentOf(A.id, model.id);
      const expected = parsed.models[i]!.document;
      expect(doc).toEqual({
        ...expected,
        status: "DRAFT",
        // Optional fields the file leaves out are stored with their defaults.
        threats: expected.threats.map((t) => ({ priorityOverrideReason: null, residualRisk: null, residualRiskJustification: "", dueDate: null, ...t })),
        mitigations: expected.mitigations.map((m, j) => ({ ...m, ownerId: i === 0 && j === 0 ? A.users.SECURITY_LEAD.id : null })),
        // The file names the threat of the second residual risk by title only; stored, it points at its row.
        residualRisks: expected.residualRisks.map((r) => ({
          ...r,
          threatIndex: r.threatIndex ?? expected.threats.findIndex((t) => t.title === r.threatTitle),
        })),
        // A stored model always has its (here empty) diagrams and dismissals.
        diagrams: expected.diagrams ?? [],
        suggestionDismissals: expected.suggestionDismissals ?? [],
      });
      const row = await db().threatModel.findUniqueOrThrow({
        where: { id: model.id },
        select: { organizationId: true, ownerId: true, createdById: true, status: true },
      });
      expect(row).toEqual({ organizationId: A.id, ownerId: A.users.CONTRIBUTOR.id, createdById: A.users.CONTRIBUTOR.id, status: "DRAFT" });
    }

    const events = await auditRows(A.id, "threat-model.imported");
    expect(events.slice(-2).map((e) => e.targetId)).toEqual(outcome.models.map((m) => m.id));
    expect(events.at(-2)).toMatchObject({
      actorId: A.users.CONTRIBUTOR.id,
      summary: {
        title: "Payments API",
        format: "json",
        fileName: "models.json",
        counts: {
          threatsByCategory: { SPOOFING: 1, TAMPERING: 1, DENIAL_OF_SERVICE: 1 },
          mitigationsByStatus: { IMPLEMENTED: 1, IN_PROGRESS: 1 },
          scenarios: 1,
          residualRisks: 2,
        },
      },
    });
    expect(await snapshotOrg(B.id)).toEqual(otherBefore);
  });

  it("writes nothing when one model of several fails in the database", async () => {
    const before = await snapshotOrg(A.id);
    const good = richDocument(`Good ${uid()}`, "DRAFT");
    // Two invariants with one article number break a unique constraint of the second model.
    const bad = richDocument(`Bad ${uid()}`, "DRAFT");
    bad.securityInvariants = [bad.securityInvariants[0]!, { ...bad.securityInvariants[0]! }];
    const none = { ownerEmail: null, mitigationOwnerEmails: [] };
    const error = await expectSafeError(
      commitDocuments(A.ctx.CONTRIBUTOR, {
        format: "json",
        models: [
          { document: good, ...none },
          { document: bad, ...none },
        ],
      }),
      InvalidInputError,
      "invalid",
    );
    expect(error).toBeInstanceOf(ImportRefusedError);
    expect(error.message).toMatch(/nothing was imported/);
    expect(await snapshotOrg(A.id)).toEqual(before);
    expect(await db().threatModel.count({ where: { title: good.title } })).toBe(0);
  });

  it("refuses a broken file with its reason and writes nothing", async () => {
    const before = await snapshotOrg(A.id);
    const error = await expectSafeError(
      commitImport(A.ctx.CONTRIBUTOR, { fileName: "x.json", content: '{\n  "format": "threatdesk",\n  oops\n}' }),
      InvalidInputError,
      "invalid",
    );
    expect(error.message).toMatch(/^The JSON is not valid at line 3, column 3/);
    const value = JSON.parse(fixture("threatdesk-json/models.json"));
    value.models[1].threats = [{ category: "SPOOFING" }];
    const shape = (await expectSafeError(
      commitImport(A.ctx.CONTRIBUTOR, { fileName: "x.json", content: JSON.stringify(value) }),
      InvalidInputError,
      "invalid",
    )) as ImportRefusedError;
    expect(shape.details).toContain("models[1].threats[0].title: missing (expected string)");
    expect(await snapshotOrg(A.id)).toEqual(before);
  });

  it("imports Threat Dragon files", async () => {
    const outcome = await commitImport(A.ctx.SECURITY_LEAD, { fileName: "trust-boundaries.json", content: fixture("threat-dragon/trust-boundaries.json") });
    expect(outcome.format).toBe("threat-dragon");
    const doc = await documentOf(A.id, outcome.models[0]!.id);
    expect(doc.trustBoundaries.map((b) => b.crossing)).toEqual(["Admin HTTPS", "Audit writes"]);
    expect((await auditRows(A.id, "threat-model.imported")).at(-1)!.summary).toMatchObject({ format: "threat-dragon", title: "Internal admin tool" });
  });

  it("keeps a Threat Dragon file's diagrams, threats on their cells and not-applicable dismissals, and exports the same cells", async () => {
    const content = fixture("threat-dragon/diagrams.json");
    const outcome = await commitImport(A.ctx.SECURITY_LEAD, { fileName: "diagrams.json", content });
    const doc = await documentOf(A.id, outcome.models[0]!.id);
    expect(doc.diagrams!.map((d) => [d.name, d.elements.length, d.flows.length, d.boundaries.length])).toEqual([
      ["Checkout", 4, 3, 2],
      ["Administration", 2, 1, 0],
    ]);
    const api = doc.diagrams![0]!.elements.find((e) => e.name === "Checkout API")!;
    expect(api.id).toBe("6b1f0a52-3c1e-4a8e-9d0b-0c6f2b1e9a02");
    expect(doc.threats.find((t) => t.title === "Runs as root")!.elementIds).toEqual([api.id]);
    expect(doc.suggestionDismissals).toContainEqual({
      elementId: api.id,
      category: "ELEVATION_OF_PRIVILEGE",
      reason: "The API runs in a sandbox without root.",
    });
    const exported = JSON.parse((await exportThreatModel(A.ctx.VIEWER, { id: outcome.models[0]!.id, format: "threat-dragon" })).body);
    const ids = (file: { detail: { diagrams: { cells: { id: string; shape: string }[] }[] } }) =>
      file.detail.diagrams.map((d) =>
        d.cells
          .filter((c) => c.shape !== "td-text-block")
          .map((c) => `${c.shape} ${c.id}`)
          .sort(),
      );
    const original = JSON.parse(content);
    original.detail.diagrams[1].cells[0].id = doc.diagrams![1]!.elements[0]!.id;
    expect(ids(exported)).toEqual(ids(original));
  });

  describe("malformed input writes nothing", () => {
    const next = (() => {
      let state = 42;
      return () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    })();
    const cases: [string, string, string | Uint8Array][] = [
      ["a truncated ThreatDesk file", "models.json", fixture("threatdesk-json/models.json").slice(0, 1500)],
      ["a truncated Threat Dragon file", "td.json", fixture("threat-dragon/typical.json").slice(0, 900)],
      ["random bytes", "random.md", new Uint8Array(4096).map(() => Math.floor(next() * 256))],
      ["deeply nested JSON", "deep.json", `${"[".repeat(100_000)}${"]".repeat(100_000)}`],
      [
        "a deeply nested field",
        "deep.json",
        `{"format":"threatdesk","version":1,"exportedAt":"","models":[{"title":${'{"x":'.repeat(50_000)}1${"}".repeat(50_000)}}]}`,
      ],
      ["a Threat Dragon file with cells of the wrong type", "td.json", JSON.stringify({ summary: { title: "x" }, detail: { diagrams: [{ cells: "none" }] } })],
      [
        "a Markdown table of 100,000 threats",
        "huge.md",
        `# Huge\n\n## 5. STRIDE Threat Analysis\n\n### Spoofing (S) — Can an attacker impersonate something/someone?\n\n| Threat | Likelihood | Impact | Priority | Mitigation |\n|---|---|---|---|---|\n${Array.from({ length: 100_000 }, (_, i) => `| T${i} | H | H | High | M${i} |`).join("\n")}\n`,
      ],
    ];
    it.each(cases)(
      "%s",
      async (_label, fileName, content) => {
        const before = await snapshotOrg(B.id);
        await expectSafeError(commitImport(B.ctx.OWNER, { fileName, content }), InvalidInputError, "invalid");
        expect(await snapshotOrg(B.id)).toEqual(before);
      },
      60_000,
    );
  });
});

describe("exportThreatModel", () => {
  const [A, B] = orgsForSuite("export-a", "export-b");
  let modelId: string;
  beforeAll(async () => {
    const doc = richDocument("Authentication service", "APPROVED");
    doc.mitigations[0]!.ownerId = A.users.TECH_LEAD.id;
    modelId = (
      await db().$transaction((tx) => insertThreatModelDocument(tx, { organizationId: A.id, createdById: A.users.OWNER.id, ownerId: A.users.OWNER.id }, doc))
    ).id;
  });

  it("names the file after the title and version", async () => {
    const json = await exportThreatModel(A.ctx.VIEWER, { id: modelId, format: "json" });
    expect(json.fileName).toBe("authentication-service-1.0.0.threatdesk.json");
    expect(json.contentType).toBe("application/json; charset=utf-8");
    const dragon = await exportThreatModel(A.ctx.VIEWER, { id: modelId, format: "threat-dragon" });
    expect(dragon.fileName).toBe("authentication-service-1.0.0.threat-dragon.json");
    expect(JSON.parse(dragon.body).summary.title).toBe("Authentication service");
    const md = await exportThreatModel(A.ctx.VIEWER, { id: modelId, format: "md" });
    expect(md.fileName).toBe("authentication-service-1.0.0.md");
    expect(md.contentType).toBe("text/markdown; charset=utf-8");
  });

  it("is not found from another organization", async () => {
    await expectSafeError(exportThreatModel(B.ctx.OWNER, { id: modelId, format: "json" }), NotFoundError, "not-found");
    await expectSafeError(exportThreatModel(B.ctx.OWNER, { id: modelId, format: "md", revisionId: "nope" }), NotFoundError, "not-found");
  });

  it("exports JSON that imports into another organization equal, owners matched by email", async () => {
    const json = await exportThreatModel(A.ctx.VIEWER, { id: modelId, format: "json" });
    // The tech lead of A joins B: the owner by email is found there.
    const membership = await db().membership.create({
      data: { organizationId: B.id, userId: A.users.TECH_LEAD.id, role: "CONTRIBUTOR" },
      select: { id: true },
    });
    try {
      const outcome = await commitImport(B.ctx.OWNER, { fileName: json.fileName, content: json.body });
      const original = await documentOf(A.id, modelId);
      expect(await documentOf(B.id, outcome.models[0]!.id)).toEqual({ ...original, status: "DRAFT" });
    } finally {
      await db().membership.delete({ where: { id: membership.id } });
    }
  });
});

describe("organization backup: export-org → import-org", () => {
  const [A, B] = orgsForSuite("backup-a", "backup-b");
  let ids: string[];
  beforeAll(async () => {
    await db().organization.update({ where: { id: A.id }, data: { fixByDaysHigh: 5, reviewCadenceMonths: 6 } });
    const first = richDocument("Login", "APPROVED");
    first.mitigations[1]!.ownerId = A.users.SECURITY_LEAD.id;
    const second = richDocument("Payments", "DRAFT");
    ids = [];
    for (const [doc, owner] of [
      [first, A.users.TECH_LEAD.id],
      [second, null],
    ] as const) {
      ids.push(
        (await db().$transaction((tx) => insertThreatModelDocument(tx, { organizationId: A.id, createdById: A.users.OWNER.id, ownerId: owner }, doc))).id,
      );
    }
  });

  it("restores every model, member and setting into a new organization", async () => {
    const otherBefore = await snapshotOrg(B.id);
    const exported = await operatorExportOrganization({ slug: A.slug });
    expect(exported).toMatchObject({ organization: A.slug, members: 6, models: 2 });
    const slug = `restored-${uid()}`;
    const restored = await operatorImportOrganization(operator, { content: exported.body, slug });
    expect(restored.organization).toMatchObject({ slug, name: A.name, created: true });
    expect(restored.members.map((m) => m.outcome)).toEqual(Array(6).fill("existing user"));
    expect(restored.members.every((m) => m.password === undefined)).toBe(true);

    const organization = await db().organization.findUniqueOrThrow({ where: { slug }, select: { id: true, fixByDaysHigh: true, reviewCadenceMonths: true } });
    expect(organization).toMatchObject({ fixByDaysHigh: 5, reviewCadenceMonths: 6 });
    const roles = await db().membership.findMany({ where: { organizationId: organization.id }, select: { userId: true, role: true } });
    const originalRoles = await db().membership.findMany({ where: { organizationId: A.id }, select: { userId: true, role: true } });
    const byUser = (rows: { userId: string; role: string }[]) => Object.fromEntries(rows.map((r) => [r.userId, r.role]));
    expect(byUser(roles)).toEqual(byUser(originalRoles));

    // Same installation, so owners map to the same users; statuses are kept.
    expect(restored.models.map((m) => m.title)).toEqual(["Login", "Payments"]);
    for (const [i, model] of restored.models.entries()) {
      expect(await documentOf(organization.id, model.id)).toEqual(await documentOf(A.id, ids[i]!));
    }
    const owners = await db().threatModel.findMany({ where: { organizationId: organization.id }, orderBy: { createdAt: "asc" }, select: { ownerId: true } });
    expect(owners.map((o) => o.ownerId)).toEqual([A.users.TECH_LEAD.id, null]);
    const events = await auditRows(organization.id, "threat-model.imported");
    expect(events.map((e) => e.actorLabel)).toEqual([operator.actorLabel, operator.actorLabel]);
    expect((await auditRows(organization.id, "member.added")).length).toBe(5);
    expect(await snapshotOrg(B.id)).toEqual(otherBefore);
    expect(await snapshotOrg(A.id)).toMatchObject({ threatModels: expect.any(Array) });
  });

  it("creates users it does not know, each with a password shown once", async () => {
    const exported = await operatorExportOrganization({ slug: A.slug });
    const backup = JSON.parse(exported.body);
    const email = `new-${uid()}@example.test`;
    backup.members.push({ email, name: "New Person", role: "VIEWER" });
    const restored = await operatorImportOrganization(operator, { content: JSON.stringify(backup), slug: `restored-${uid()}` });
    const created = restored.members.find((m) => m.email === email)!;
    expect(created).toMatchObject({ outcome: "created", role: "VIEWER" });
    expect(created.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const { verifyCredentials } = await import("@/lib/data/accounts/verify-credentials");
    expect(await verifyCredentials(email, created.password!)).toMatchObject({ email });
  });

  it("refuses an organization that already has models, and writes nothing", async () => {
    const exported = await operatorExportOrganization({ slug: A.slug });
    const before = await snapshotOrg(B.id);
    const error = await expectSafeError(
      operatorImportOrganization(operator, { content: exported.body, slug: B.slug }).then(async () => {
        // B has no models yet: it is restored into. A second restore must then be refused.
        return operatorImportOrganization(operator, { content: exported.body, slug: B.slug });
      }),
      InvalidInputError,
      "invalid",
    );
    expect(error.message).toMatch(/already has 2 threat models/);
    const after = await snapshotOrg(B.id);
    expect(after.threatModels).toHaveLength(2);
    expect(after.memberships.length).toBeGreaterThanOrEqual(before.memberships.length);
  });

  it("refuses a single-model file", async () => {
    await expectSafeError(operatorImportOrganization(operator, { content: fixture("threatdesk-json/models.json") }), InvalidInputError, "invalid");
  });

  it("the CLI import: a dry run writes nothing; the import writes as the operator, recorded under the first owner", async () => {
    const before = await snapshotOrg(B.id);
    const dry = await operatorImportModels(operator, { slug: B.slug, fileName: "typical.json", content: fixture("threat-dragon/typical.json"), dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, format: "threat-dragon", ids: [] });
    expect(await snapshotOrg(B.id)).toEqual(before);
    const done = await operatorImportModels(operator, {
      slug: B.slug,
      fileName: "/tmp/typical.json",
      content: fixture("threat-dragon/typical.json"),
      dryRun: false,
    });
    expect(done.ids).toHaveLength(1);
    const row = await db().threatModel.findUniqueOrThrow({
      where: { id: done.ids[0]! },
      select: { organizationId: true, createdById: true, ownerId: true, status: true },
    });
    expect(row).toEqual({ organizationId: B.id, createdById: B.users.OWNER.id, ownerId: null, status: "DRAFT" });
    expect((await auditRows(B.id, "threat-model.imported")).at(-1)).toMatchObject({
      actorId: null,
      actorLabel: operator.actorLabel,
      summary: { fileName: "typical.json" },
    });
    await expectSafeError(
      operatorImportModels(operator, { slug: `nope-${uid()}`, fileName: "x.md", content: "# x", dryRun: true }),
      NotFoundError,
      "not-found",
    );
    void ConflictError;
  });
});

/** A model whose priorities follow the matrix, so a Markdown round trip adds no override reason. */
function trackedDocument(title: string, org: TestOrg): ThreatModelDocument {
  const doc = richDocument(title, "DRAFT");
  doc.threats = doc.threats.map((t) => ({ ...t, priority: suggestPriority(t.likelihood, t.impact) }));
  doc.mitigations[0] = { ...doc.mitigations[0]!, ownerId: org.users.TECH_LEAD.id, dueDate: "2027-01-15" };
  doc.mitigations[1] = { ...doc.mitigations[1]!, ownerId: org.users.SECURITY_LEAD.id };
  return doc;
}

async function insertDocument(org: TestOrg, doc: ThreatModelDocument) {
  return (
    await db().$transaction((tx) =>
      insertThreatModelDocument(tx, { organizationId: org.id, createdById: org.users.CONTRIBUTOR.id, ownerId: org.users.CONTRIBUTOR.id }, doc),
    )
  ).id;
}

describe("exports of an approved model say who signed off and who accepted its risks", () => {
  const [A] = orgsForSuite("signed-off");
  let modelId: string;
  let approvals: { capacity: string; reviewerId: string; createdAt: Date }[];
  let acceptance: { decidedAt: Date | null };
  beforeAll(async () => {
    modelId = await insertDocument(A, trackedDocument(`Signed off ${uid()}`, A));
    const proposed = await db().residualRiskAcceptance.findFirstOrThrow({ where: { threatModelId: modelId } });
    await decideAcceptance(A.ctx.SECURITY_LEAD, ZDecideAcceptance.parse({ acceptanceId: proposed.id, decision: "ACCEPTED" }));
    await submitForReview(A.ctx.CONTRIBUTOR, ZSubmitForReview.parse({ modelId }));
    const { lockVersion } = await db().threatModel.findUniqueOrThrow({ where: { id: modelId }, select: { lockVersion: true } });
    await decideReview(A.ctx.TECH_LEAD, ZDecideReview.parse({ modelId, lockVersion, decision: "APPROVED" }));
    expect(await decideReview(A.ctx.SECURITY_LEAD, ZDecideReview.parse({ modelId, lockVersion, decision: "APPROVED" }))).toMatchObject({ status: "APPROVED" });
    approvals = await db().approval.findMany({ where: { threatModelId: modelId, withdrawnAt: null }, orderBy: { createdAt: "asc" } });
    acceptance = await db().residualRiskAcceptance.findUniqueOrThrow({ where: { id: proposed.id } });
  });

  const at = (capacity: string) => approvals.find((a) => a.capacity === capacity)!.createdAt;

  function expectSignedOffMarkdown(body: string) {
    expect(body).toContain(`| Security | ${A.users.SECURITY_LEAD.name} | Approved | ${dayLabel(at("SECURITY"))} |`);
    expect(body).toContain(`| Tech lead | ${A.users.TECH_LEAD.name} | Approved | ${dayLabel(at("TECH_LEAD"))} |`);
    expect(body).not.toMatch(/pending/i);
    expect(body).toContain("**Document Status:** Approved");
    // The residual risk: who accepted it and when, beside the date it is accepted until.
    expect(body).toMatch(new RegExp(`\\| 2027-03-01 \\| Accepted by ${A.users.SECURITY_LEAD.name} on ${dayLabel(acceptance.decidedAt!)} \\|`));
  }

  function expectSignedOffJson(body: string) {
    const model = JSON.parse(body).models[0];
    expect(model.signOffs).toEqual([
      { capacity: "TECH_LEAD", name: A.users.TECH_LEAD.name, email: A.users.TECH_LEAD.email, decision: "APPROVED", at: at("TECH_LEAD").toISOString() },
      { capacity: "SECURITY", name: A.users.SECURITY_LEAD.name, email: A.users.SECURITY_LEAD.email, decision: "APPROVED", at: at("SECURITY").toISOString() },
    ]);
    expect(model.residualRisks[0]).toMatchObject({
      reviewDate: "2027-03-01",
      signOff: {
        status: "ACCEPTED",
        decidedBy: A.users.SECURITY_LEAD.name,
        decidedByEmail: A.users.SECURITY_LEAD.email,
        decidedAt: acceptance.decidedAt!.toISOString(),
      },
    });
  }

  it("in Markdown and JSON of the model", async () => {
    expectSignedOffMarkdown((await exportThreatModel(A.ctx.VIEWER, { id: modelId, format: "md" })).body);
    expectSignedOffJson((await exportThreatModel(A.ctx.VIEWER, { id: modelId, format: "json" })).body);
  });

  it("in Markdown and JSON of the approved revision", async () => {
    const revision = await db().revision.findFirstOrThrow({ where: { threatModelId: modelId }, select: { id: true } });
    const md = await exportThreatModel(A.ctx.VIEWER, { id: modelId, format: "md", revisionId: revision.id });
    expectSignedOffMarkdown(md.body);
    expectSignedOffJson((await exportThreatModel(A.ctx.VIEWER, { id: modelId, format: "json", revisionId: revision.id })).body);
  });

  it("an import of the JSON says the decisions are not carried over: its risk is proposed again, nobody has approved", async () => {
    const B = await createOrg("signed-off-b");
    const json = await exportThreatModel(A.ctx.VIEWER, { id: modelId, format: "json" });
    const preview = await previewImport(B.ctx.CONTRIBUTOR, { fileName: json.fileName, content: json.body });
    expect(preview.warnings.map((w) => w.message)).toContainEqual(
      expect.stringContaining("records 2 review decisions and 1 residual-risk sign-off; they are not imported"),
    );
    const outcome = await commitImport(B.ctx.CONTRIBUTOR, { fileName: json.fileName, content: json.body });
    const acceptances = await db().residualRiskAcceptance.findMany({
      where: { threatModelId: outcome.models[0]!.id },
      select: { status: true, decidedById: true },
    });
    expect(acceptances).toEqual([{ status: "PROPOSED", decidedById: null }]);
    expect(await db().approval.count({ where: { threatModelId: outcome.models[0]!.id } })).toBe(0);
  });
});

describe("mitigation owners and due dates through Markdown", () => {
  const [A, B] = orgsForSuite("owners-a", "owners-b");
  let modelId: string;
  let original: ThreatModelDocument;
  beforeAll(async () => {
    modelId = await insertDocument(A, trackedDocument(`Owned ${uid()}`, A));
    original = await documentOf(A.id, modelId);
  });

  it("writes Owner (the member's email) and Due date columns", async () => {
    const md = await exportThreatModel(A.ctx.VIEWER, { id: modelId, format: "md" });
    expect(md.body).toContain("| Mitigation | Status | Task ID | Implemented in | Owner | Due date | Notes |");
    expect(md.body).toContain(`| Rate limiting | ✅ Implemented | T-1 | v1 | ${A.users.TECH_LEAD.email} | 2027-01-15 |`);
    expect(md.body).toContain(`| Key rotation | 📋 Planned | T-2 |   | ${A.users.SECURITY_LEAD.email} | 2027-02-01 |`);
  });

  it("imported into the same organization, keeps every owner and due date", async () => {
    const md = await exportThreatModel(A.ctx.VIEWER, { id: modelId, format: "md" });
    const preview = await previewImport(A.ctx.CONTRIBUTOR, { fileName: md.fileName, content: md.body });
    expect(preview.warnings.filter((w) => /owner/i.test(w.message))).toEqual([]);
    const outcome = await commitImport(A.ctx.CONTRIBUTOR, { fileName: md.fileName, content: md.body });
    const copy = await documentOf(A.id, outcome.models[0]!.id);
    expect(copy).toEqual({ ...original, title: copy.title, status: "DRAFT" });
    expect(copy.mitigations.map((m) => [m.ownerId, m.dueDate])).toEqual([
      [A.users.TECH_LEAD.id, "2027-01-15"],
      [A.users.SECURITY_LEAD.id, "2027-02-01"],
    ]);
  });

  it("imported into another organization, warns row by row for each owner who is not a member there, and keeps those who are", async () => {
    const md = await exportThreatModel(A.ctx.VIEWER, { id: modelId, format: "md" });
    const lines = md.body.split("\n");
    const lineOf = (email: string) => lines.findIndex((l) => l.includes(`| ${email} |`)) + 1;
    // A's tech lead is also a member of B; A's security lead is not.
    const membership = await db().membership.create({
      data: { organizationId: B.id, userId: A.users.TECH_LEAD.id, role: "CONTRIBUTOR" },
      select: { id: true },
    });
    try {
      const before = await snapshotOrg(B.id);
      const preview = await previewImport(B.ctx.CONTRIBUTOR, { fileName: md.fileName, content: md.body });
      expect(await snapshotOrg(B.id)).toEqual(before);
      const ownerWarnings = preview.warnings.filter((w) => /owner/i.test(w.message));
      expect(ownerWarnings).toEqual([
        {
          document: 0,
          line: lineOf(A.users.SECURITY_LEAD.email),
          message: `The owner “${A.users.SECURITY_LEAD.email}” of the mitigation “Key rotation” is not a member of this organization; the mitigation is imported without an owner.`,
        },
      ]);
      const outcome = await commitImport(B.ctx.CONTRIBUTOR, { fileName: md.fileName, content: md.body });
      expect(outcome.warnings).toContainEqual(ownerWarnings[0]);
      const copy = await documentOf(B.id, outcome.models[0]!.id);
      expect(copy.mitigations.map((m) => [m.title, m.ownerId, m.dueDate])).toEqual([
        ["Rate limiting", A.users.TECH_LEAD.id, "2027-01-15"],
        ["Key rotation", null, "2027-02-01"],
      ]);
    } finally {
      await db().membership.delete({ where: { id: membership.id } });
    }
    // Without the tech lead in B, both rows are warned about, each with its own line.
    const preview = await previewImport(B.ctx.CONTRIBUTOR, { fileName: md.fileName, content: md.body });
    expect(preview.warnings.filter((w) => /owner/i.test(w.message)).map((w) => w.line)).toEqual([
      lineOf(A.users.TECH_LEAD.email),
      lineOf(A.users.SECURITY_LEAD.email),
    ]);
  });

  it("JSON imported elsewhere warns per mitigation for an owner who is not a member", async () => {
    const json = await exportThreatModel(A.ctx.VIEWER, { id: modelId, format: "json" });
    const preview = await previewImport(B.ctx.CONTRIBUTOR, { fileName: json.fileName, content: json.body });
    expect(preview.warnings.filter((w) => /owner/i.test(w.message)).map((w) => w.message)).toEqual([
      expect.stringContaining(`“${A.users.TECH_LEAD.email}” of the mitigation “Rate limiting”`),
      expect.stringContaining(`“${A.users.SECURITY_LEAD.email}” of the mitigation “Key rotation”`),
    ]);
  });
});

describe("re-importing a title the organization already has", () => {
  const [A] = orgsForSuite("twins");
  let title: string;
  let md: string;
  beforeAll(async () => {
    title = `Checkout ${uid()}`;
    const id = await insertDocument(A, trackedDocument(title, A));
    md = (await exportThreatModel(A.ctx.VIEWER, { id, format: "md" })).body;
  });

  const titles = async () =>
    (await db().threatModel.findMany({ where: { organizationId: A.id }, orderBy: { createdAt: "asc" }, select: { title: true } })).map((m) => m.title);

  it("the preview warns and proposes a title that says it is an imported copy; the import uses it", async () => {
    const copyTitle = `${title} (imported ${dayLabel(new Date())})`;
    const preview = await previewImport(A.ctx.CONTRIBUTOR, { fileName: "checkout.md", content: md });
    expect(preview.documents[0]).toMatchObject({ title, importTitle: copyTitle });
    expect(preview.warnings).toContainEqual({
      document: 0,
      message: `A threat model titled “${title}” already exists here. Unless you rename it, this one is imported as “${copyTitle}”.`,
    });
    const outcome = await commitImport(A.ctx.CONTRIBUTOR, { fileName: "checkout.md", content: md });
    expect(outcome.models[0]!.title).toBe(copyTitle);
    // A third import on the same day is numbered, never a twin.
    const third = await commitImport(A.ctx.CONTRIBUTOR, { fileName: "checkout.md", content: md, titles: [""] });
    expect(third.models[0]!.title).toBe(`${title} (imported ${dayLabel(new Date())}, 2)`);
    expect(await titles()).toEqual([title, copyTitle, third.models[0]!.title]);
    expect((await db().auditEvent.findFirstOrThrow({ where: { targetId: third.models[0]!.id, action: "threat-model.imported" } })).summary).toMatchObject({
      title: third.models[0]!.title,
    });
  });

  it("a title compares regardless of case and spaces", async () => {
    const preview = await previewImport(A.ctx.CONTRIBUTOR, {
      fileName: "checkout.md",
      content: md.replace(`title: ${title}`, `title: "  ${title.toUpperCase()} "`),
    });
    expect(preview.documents[0]!.importTitle).toMatch(/\(imported .*, 3\)$/);
  });

  it("a rename in the preview is respected", async () => {
    const renamed = `Checkout, second region ${uid()}`;
    const outcome = await commitImport(A.ctx.CONTRIBUTOR, { fileName: "checkout.md", content: md, titles: [`  ${renamed} `] });
    expect(outcome.models[0]!.title).toBe(renamed);
    expect((await titles()).at(-1)).toBe(renamed);
  });

  it("a model of another organization with that title is no collision", async () => {
    const B = await createOrg("twins-b");
    const preview = await previewImport(B.ctx.CONTRIBUTOR, { fileName: "checkout.md", content: md });
    expect(preview.documents[0]!.importTitle).toBe(title);
    expect(preview.warnings.some((w) => w.message.includes("already exists"))).toBe(false);
  });
});
