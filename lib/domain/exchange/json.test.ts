import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import type { ThreatModelDocument } from "../model-document";
import { exportModelsJson, exportOrganizationJson, parseThreatDeskJson, ZModelsExport, ZOrganizationBackup, type ExchangeModel } from "./json";
import { threatDeskJsonSchemaText } from "./json-schema";

const root = path.resolve(import.meta.dirname, "../../..");
const publishedSchema = fs.readFileSync(path.join(root, "public/schemas/threatdesk-v1.schema.json"), "utf8");
const schema = JSON.parse(publishedSchema);
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(root, "tests/fixtures/threatdesk-json", name), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

// Samples are edited freely, as a hand-edited file would be.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Editable = Record<string, any>;

const zodAccepts = (value: unknown) => {
  const format = (value as { format?: unknown })?.format;
  return (format === "threatdesk-organization" ? ZOrganizationBackup : ZModelsExport).safeParse(value).success;
};

/** Samples as written to disk, and each with one thing wrong, so both validators see both outcomes. */
function samples(): [string, unknown][] {
  const models = fixture("models.json");
  const backup = fixture("organization-backup.json");
  const edits: [string, (v: Editable) => void][] = [
    ["an unknown likelihood", (v) => (v.models[0].threats[1].likelihood = "SEVERE")],
    ["a missing title", (v) => delete v.models[0].title],
    ["an empty title", (v) => (v.models[0].title = "")],
    ["an unknown top-level field", (v) => (v.extra = true)],
    ["an unknown threat field", (v) => (v.models[0].threats[0].severity = "High")],
    ["a number as a string", (v) => (v.models[0].overview = 42)],
    ["a date in another format", (v) => (v.models[0].nextReviewDate = "30/09/2026")],
    ["a null where a list belongs", (v) => (v.models[0].threats = null)],
    ["a non-integer article", (v) => (v.models[0].securityInvariants[0].article = 1.5)],
    ["a negative threat index", (v) => (v.models[0].residualRisks[0].threatIndex = -1)],
    ["an unknown role", (v) => v.members && (v.members[0].role = "KING")],
    ["a settings value out of range", (v) => v.organization && (v.organization.settings.reviewCadenceMonths = 99)],
    ["an over-long model title", (v) => (v.models[0].title = "x".repeat(201))],
    ["models not a list", (v) => (v.models = {})],
  ];
  const out: [string, unknown][] = [
    ["models.json", models],
    ["organization-backup.json", backup],
  ];
  for (const [base, value] of out.slice()) {
    for (const [label, edit] of edits) {
      const copy = structuredClone(value) as Editable;
      edit(copy);
      out.push([`${base} with ${label}`, copy]);
    }
  }
  return out;
}

describe("the JSON Schema and the zod schema", () => {
  it("is published as generated from the zod schema (npm run schema:json writes it)", () => {
    expect(publishedSchema).toBe(threatDeskJsonSchemaText());
  });

  it.each(samples())("agree on %s", (_label, value) => {
    const ajvSays = validate(value);
    expect(zodAccepts(value)).toBe(ajvSays);
  });

  it("accept the sample files and refuse the broken ones (so the agreement above is not two refusals)", () => {
    const results = samples().map(([label, value]) => [label, validate(value)] as const);
    // The role and settings edits do not apply to a models file, which has neither.
    expect(results.filter(([, ok]) => ok).map(([label]) => label)).toEqual([
      "models.json",
      "organization-backup.json",
      "models.json with an unknown role",
      "models.json with a settings value out of range",
    ]);
  });
});

describe("parseThreatDeskJson", () => {
  it("reads the models file: documents, owners by email", () => {
    const result = parseThreatDeskJson(fixture("models.json"));
    expect(result.ok && result.kind).toBe("models");
    if (!result.ok || result.kind !== "models") return;
    expect(result.models.map((m) => m.document.title)).toEqual(["Payments API", "Empty model"]);
    expect(result.models[0]!.ownerEmail).toBe("owner@acme.test");
    expect(result.models[0]!.mitigationOwnerEmails).toEqual(["security@acme.test", null]);
    // The email is not part of the document.
    expect(Object.keys(result.models[0]!.document.mitigations[0]!)).not.toContain("ownerEmail");
    expect(result.models[0]!.document.threats).toHaveLength(3);
  });

  it("reads an organization backup", () => {
    const result = parseThreatDeskJson(fixture("organization-backup.json"));
    expect(result.ok && result.kind).toBe("organization");
    if (!result.ok || result.kind !== "organization") return;
    expect(result.backup.organization).toEqual({
      name: "Acme Payments",
      slug: "acme-payments",
      settings: { fixByDaysHigh: 7, fixByDaysMedium: 30, fixByDaysLow: 60, reviewCadenceMonths: 6 },
    });
    expect(result.backup.members.map((m) => m.role)).toEqual(["OWNER", "SECURITY_LEAD"]);
    expect(result.backup.models).toHaveLength(1);
  });

  it("names the JSON path of a wrong value", () => {
    const value = fixture("models.json");
    value.models[0].threats[2].likelihood = "SEVERE";
    expect(parseThreatDeskJson(value)).toEqual({ ok: false, errors: ["models[0].threats[2].likelihood: expected one of LOW, MEDIUM, HIGH"] });
  });

  it("names missing fields, unknown fields and wrong types", () => {
    const value = fixture("models.json");
    delete value.models[1].overview;
    value.models[0].assets[0].owner = "someone";
    value.models[0].securityInvariants[0].article = "one";
    const result = parseThreatDeskJson(value);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        "models[1].overview: missing (expected string)",
        'models[0].assets[0]: unknown field "owner"',
        "models[0].securityInvariants[0].article: expected number, got string",
      ]),
    );
  });

  it("checks what JSON Schema cannot: keys that resolve, real dates, unique articles", () => {
    const value = fixture("models.json");
    value.models[0].threats[0].mitigationKeys = ["M9"];
    value.models[0].mitigations[1].dueDate = "2026-02-30";
    value.models[0].securityInvariants.push({ ...value.models[0].securityInvariants[0] });
    value.models[0].residualRisks[0].threatIndex = 7;
    const result = parseThreatDeskJson(value);
    expect(result).toEqual({
      ok: false,
      errors: [
        "models[0].mitigations[1].dueDate: 2026-02-30 is not a calendar date",
        'models[0].threats[0].mitigationKeys[0]: no mitigation has the key "M9"',
        "models[0].securityInvariants[1].article: article 1 appears twice",
        "models[0].residualRisks[0].threatIndex: there is no threat number 7 (the model has 3)",
      ],
    });
  });

  it("says clearly when the version is newer than this ThreatDesk reads", () => {
    const value = fixture("models.json");
    value.version = 2;
    const result = parseThreatDeskJson(value);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatch(/^version: this file is ThreatDesk JSON version 2, but this ThreatDesk reads version 1 only/);
    expect(parseThreatDeskJson({ ...value, version: "1" })).toEqual({ ok: false, errors: ['version: expected 1, got "1"'] });
  });

  it("refuses what is not an envelope", () => {
    expect(parseThreatDeskJson([])).toEqual({ ok: false, errors: ["(top level): expected a JSON object, got an array"] });
    expect(parseThreatDeskJson({ models: [] })).toEqual({
      ok: false,
      errors: ['format: expected "threatdesk" or "threatdesk-organization" (the field is missing)'],
    });
  });

  it("refuses a backup without an owner or with a member twice", () => {
    const value = fixture("organization-backup.json");
    value.members[0].role = "ADMIN";
    value.members.push({ ...value.members[1], email: "SECURITY@acme.test" });
    const result = parseThreatDeskJson(value);
    expect(result).toEqual({
      ok: false,
      errors: ["members[2].email: SECURITY@acme.test is listed twice", "members: an organization needs at least one member with the role OWNER"],
    });
  });
});

describe("export → import", () => {
  const read = (text: string) => {
    const result = parseThreatDeskJson(JSON.parse(text));
    if (!result.ok) throw new Error(result.errors.join("\n"));
    return result;
  };

  it("gives back a deep-equal document and owners (full fidelity)", () => {
    const parsed = read(JSON.stringify(fixture("models.json")));
    if (parsed.kind !== "models") throw new Error("expected models");
    const exported = exportModelsJson(parsed.models, new Date("2026-05-02T00:00:00Z"));
    expect(validate(JSON.parse(exported))).toBe(true);
    const again = read(exported);
    if (again.kind !== "models") throw new Error("expected models");
    expect(again.models).toEqual(parsed.models);
    expect(JSON.parse(exported).exportedAt).toBe("2026-05-02T00:00:00.000Z");
  });

  it("writes a plain document (no owners) that reads back equal", () => {
    const doc: ThreatModelDocument = (read(JSON.stringify(fixture("models.json"))) as { models: ExchangeModel[] }).models[0]!.document;
    const again = read(exportModelsJson([doc]));
    expect(again.kind === "models" && again.models[0]!.document).toEqual(doc);
  });

  it("round-trips an organization backup and validates it against the schema", () => {
    const parsed = read(JSON.stringify(fixture("organization-backup.json")));
    if (parsed.kind !== "organization") throw new Error("expected a backup");
    const exported = exportOrganizationJson(parsed.backup);
    expect(validate(JSON.parse(exported))).toBe(true);
    const again = read(exported);
    expect(again.kind === "organization" && again.backup).toEqual(parsed.backup);
  });
});

describe("sign-offs in the JSON", () => {
  const record = {
    signOffs: [{ capacity: "SECURITY" as const, name: "Sam Lee", email: "sam@acme.test", decision: "APPROVED" as const, at: "2026-11-02T10:00:00.000Z" }],
    riskSignOffs: [{ status: "ACCEPTED" as const, decidedBy: "Sam Lee", decidedByEmail: "sam@acme.test", decidedAt: "2026-11-01T09:00:00.000Z" }, null],
  };
  const withRecord = () => {
    const parsed = parseThreatDeskJson(fixture("models.json"));
    if (!parsed.ok || parsed.kind !== "models") throw new Error("fixture");
    return { ...parsed.models[0]!, review: record };
  };

  it("are written per model and per residual risk, valid for both schemas, and read back", () => {
    const exported = JSON.parse(exportModelsJson([withRecord()]));
    expect(exported.models[0].signOffs).toEqual(record.signOffs);
    expect(exported.models[0].residualRisks[0].signOff).toEqual(record.riskSignOffs[0]);
    expect(exported.models[0].residualRisks[1]).not.toHaveProperty("signOff");
    expect(validate(exported)).toBe(true);
    expect(zodAccepts(exported)).toBe(true);
    const again = parseThreatDeskJson(exported);
    expect(again.ok && again.kind === "models" && again.models[0]!.review).toEqual(record);
    // The record stays out of the document, which reads back equal.
    expect(again.ok && again.kind === "models" && again.models[0]!.document).toEqual(withRecord().document);
  });

  it.each<[string, (v: Editable) => void]>([
    ["an unknown capacity", (v) => (v.models[0].signOffs[0].capacity = "CEO")],
    ["an unknown sign-off status", (v) => (v.models[0].residualRisks[0].signOff.status = "MAYBE")],
    ["an unknown sign-off field", (v) => (v.models[0].residualRisks[0].signOff.comment = "ok")],
    ["a missing decision", (v) => delete v.models[0].signOffs[0].decision],
  ])("are refused by both schemas with %s", (_label, edit) => {
    const value = JSON.parse(exportModelsJson([withRecord()])) as Editable;
    edit(value);
    expect(validate(value)).toBe(false);
    expect(zodAccepts(value)).toBe(false);
  });

  it("are optional: a file written before them still reads", () => {
    const parsed = parseThreatDeskJson(fixture("models.json"));
    expect(parsed.ok && parsed.kind === "models" && parsed.models[0]!.review).toBeUndefined();
  });
});
