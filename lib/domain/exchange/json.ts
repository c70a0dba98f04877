// ThreatDesk's own JSON exchange format, version 1: one or many threat-model documents in an
// envelope, or a whole organization as a backup. The zod schemas here extend the document's own
// (model-document.ts); public/schemas/threatdesk-v1.schema.json is generated from them
// (json-schema.ts), and a unit test validates the same samples with both. What JSON Schema
// cannot say (mitigation keys that resolve, real calendar dates, unique articles) is checked
// afterwards by `checkDocument`.
import { z } from "zod";
import { isCalendarDay } from "../calendar";
import { DOCUMENT_LIMITS, ROW_SECTIONS, rowsOf, ZMitigation, ZResidualRisk, ZThreatModelDocument, type ThreatModelDocument } from "../model-document";
import { ROLES, type Role } from "../roles";
import type { ReviewRecord } from "./sign-offs";

export const JSON_FORMAT = "threatdesk";
export const ORGANIZATION_FORMAT = "threatdesk-organization";
export const JSON_FORMAT_VERSION = 1;
export const JSON_SCHEMA_PATH = "/schemas/threatdesk-v1.schema.json";

const ROWS_MAX = DOCUMENT_LIMITS.rows;

const email = z.string().max(254);
const timestamp = z.string().max(64).describe("When, as an ISO 8601 timestamp");
const personName = z.string().max(200);
const ZRiskSignOff = z
  .strictObject({
    status: z.enum(["PROPOSED", "ACCEPTED", "REJECTED"]),
    decidedBy: personName.describe("The security lead who decided, by name").nullable(),
    decidedByEmail: email.nullable(),
    decidedAt: timestamp.nullable(),
  })
  .meta({ id: "riskSignOff", description: "The residual risk's sign-off when it was exported. An import does not carry it over: the risk is proposed again." });
const ZSignOff = z
  .strictObject({
    capacity: z.enum(["SECURITY", "TECH_LEAD"]),
    name: personName,
    email: email.nullable(),
    decision: z.enum(["APPROVED", "CHANGES_REQUESTED"]),
    at: timestamp,
  })
  .meta({
    id: "signOff",
    description:
      "A reviewer's decision on the model when it was exported. An import does not carry it over: approvals are given by the reviewers of the importing organization.",
  });

/** A document as exchanged: with owners by email, the way another installation or organization finds them again, and the decisions taken on it. */
export const ZExchangeModel = ZThreatModelDocument.extend({
  mitigations: rowsOf(
    ZMitigation.extend({
      ownerEmail: email.nullable().optional().describe("The owner by email; the importing organization's member with this email becomes the owner"),
    }).meta({ id: "mitigation" }),
  ),
  residualRisks: rowsOf(
    ZResidualRisk.extend({
      signOff: ZRiskSignOff.nullable()
        .optional()
        .describe("Who accepted or rejected the risk and when; it is accepted until reviewDate. Files written before this field leave it out"),
    }).meta({ id: "residualRisk" }),
  ),
  ownerEmail: email.nullable().optional().describe("The owning member by email"),
  signOffs: z
    .array(ZSignOff)
    .max(ROWS_MAX)
    .optional()
    .describe("Who approved (or asked for changes), in which capacity and when. Files written before this field leave it out"),
}).meta({ id: "model", description: "One threat model document" });

const exportedAt = z.string().max(64);

export const ZModelsExport = z
  .strictObject({
    format: z.literal(JSON_FORMAT),
    version: z.literal(JSON_FORMAT_VERSION),
    exportedAt: exportedAt.describe("ISO 8601 time of the export"),
    models: z.array(ZExchangeModel).max(1000),
  })
  .meta({ id: "modelsExport", description: "One or more threat models" });

export const ZOrganizationSettingsExport = z.strictObject({
  fixByDaysHigh: z.number().int().min(1).max(365),
  fixByDaysMedium: z.number().int().min(1).max(365),
  fixByDaysLow: z.number().int().min(1).max(365),
  reviewCadenceMonths: z.number().int().min(1).max(36),
});

export const ZOrganizationBackup = z
  .strictObject({
    format: z.literal(ORGANIZATION_FORMAT),
    version: z.literal(JSON_FORMAT_VERSION),
    exportedAt,
    organization: z.strictObject({
      name: z.string().min(2).max(100),
      slug: z
        .string()
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "expected lower-case letters, digits and single hyphens")
        .min(2)
        .max(48),
      settings: ZOrganizationSettingsExport,
    }),
    members: z.array(z.strictObject({ email: email.min(3), name: z.string().min(1).max(100), role: z.enum(ROLES) })).max(10_000),
    models: z.array(ZExchangeModel).max(10_000),
  })
  .meta({ id: "organizationBackup", description: "A whole organization: settings, members and every threat model" });

/** One model as exchanged: the document plus who owns it and its mitigations, by email. */
export type ExchangeModel = {
  document: ThreatModelDocument;
  ownerEmail: string | null;
  /** Per mitigation, in order. */
  mitigationOwnerEmails: (string | null)[];
  /** Per mitigation, the line of the file that names its owner (Markdown), for warnings. */
  mitigationOwnerLines?: (number | undefined)[];
  /** Sign-offs and residual-risk decisions: written to files, never imported. */
  review?: ReviewRecord;
};

export type OrganizationSettingsExport = z.infer<typeof ZOrganizationSettingsExport>;
export type OrganizationBackup = {
  organization: { name: string; slug: string; settings: OrganizationSettingsExport };
  members: { email: string; name: string; role: Role }[];
  models: ExchangeModel[];
};

export type ParsedJson =
  { ok: true; kind: "models"; models: ExchangeModel[] } | { ok: true; kind: "organization"; backup: OrganizationBackup } | { ok: false; errors: string[] };

// ─── Writing ─────────────────────────────────────────────────────────────────────────────

function exchangeModelJson(model: ExchangeModel) {
  const { mitigations, residualRisks, ...doc } = model.document;
  const riskSignOffs = model.review?.riskSignOffs ?? [];
  return {
    ...doc,
    mitigations: mitigations.map((m, i) => {
      const ownerEmail = model.mitigationOwnerEmails[i] ?? null;
      return ownerEmail ? { ...m, ownerEmail } : m;
    }),
    residualRisks: residualRisks.map((r, i) => {
      const signOff = riskSignOffs[i];
      return signOff ? { ...r, signOff } : r;
    }),
    ...(model.ownerEmail ? { ownerEmail: model.ownerEmail } : {}),
    ...(model.review ? { signOffs: model.review.signOffs } : {}),
  };
}

/** The envelope for one model or many, as pretty-printed JSON. */
export function exportModelsJson(models: (ExchangeModel | ThreatModelDocument)[], exportedAt: Date = new Date()): string {
  const envelope = {
    format: JSON_FORMAT,
    version: JSON_FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    models: models.map((m) => exchangeModelJson("document" in m ? m : { document: m, ownerEmail: null, mitigationOwnerEmails: [] })),
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** A whole organization: settings, members (by email) and every model. */
export function exportOrganizationJson(backup: OrganizationBackup, exportedAt: Date = new Date()): string {
  const envelope = {
    format: ORGANIZATION_FORMAT,
    version: JSON_FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    organization: backup.organization,
    members: backup.members,
    models: backup.models.map(exchangeModelJson),
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

// ─── Reading ─────────────────────────────────────────────────────────────────────────────

/** ["models", 0, "threats", 3, "likelihood"] → "models[0].threats[3].likelihood". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(top level)";
}

function describeType(value: unknown) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : typeof value;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type": {
      // zod leaves the input out of issues unless asked; its message names what it received.
      const received = "input" in issue ? describeType(issue.input) : /received (\w+)/.exec(issue.message)?.[1];
      return received === "undefined" || received === undefined ? `missing (expected ${issue.expected})` : `expected ${issue.expected}, got ${received}`;
    }
    case "invalid_value":
      return issue.values.length === 1 ? `expected ${JSON.stringify(issue.values[0])}` : `expected one of ${issue.values.map(String).join(", ")}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    case "too_big":
      return issue.origin === "string"
        ? `at most ${issue.maximum} characters`
        : issue.origin === "array"
          ? `at most ${issue.maximum} entries`
          : `at most ${issue.maximum}`;
    case "too_small":
      return issue.origin === "string" ? (issue.minimum === 1 ? "must not be empty" : `at least ${issue.minimum} characters`) : `at least ${issue.minimum}`;
    default:
      return issue.message;
  }
}

/** zod issues as "path: message" lines, at most `limit` of them. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], limit = 20): string[] {
  const lines = issues.slice(0, limit).map((i) => `${formatPath(i.path)}: ${issueMessage(i)}`);
  if (issues.length > limit) lines.push(`…and ${issues.length - limit} more problems`);
  return lines;
}

function isRealDate(value: string) {
  return isCalendarDay(value);
}

/**
 * What JSON Schema cannot check: every mitigation key used is defined once, dates exist on the
 * calendar, one assessment per STRIDE category, one invariant per article, residual risks point
 * at a threat that exists. Returns "path: message" lines, empty when the document is sound.
 */
export function checkDocument(doc: ThreatModelDocument, prefix = ""): string[] {
  const errors: string[] = [];
  const at = (path: PropertyKey[]) => formatPath(prefix ? [prefix, ...path] : path);
  const oversized = ROW_SECTIONS.filter((section) => doc[section].length > ROWS_MAX);
  // Nothing else is worth checking in a document this size, and checking it would take long.
  if (oversized.length) return oversized.map((section) => `${at([section])}: ${doc[section].length} rows; a model has at most ${ROWS_MAX} per section`);
  const seen = new Set<string>();
  doc.mitigations.forEach((m, i) => {
    if (seen.has(m.key)) errors.push(`${at(["mitigations", i, "key"])}: the key "${m.key}" is used by an earlier mitigation`);
    seen.add(m.key);
    if (m.dueDate && !isRealDate(m.dueDate)) errors.push(`${at(["mitigations", i, "dueDate"])}: ${m.dueDate} is not a calendar date`);
  });
  const checkKeys = (section: "threats" | "attackScenarios", index: number, used: string[]) =>
    used.forEach((k, j) => {
      if (!seen.has(k)) errors.push(`${at([section, index, "mitigationKeys", j])}: no mitigation has the key "${k}"`);
    });
  doc.threats.forEach((t, i) => {
    checkKeys("threats", i, t.mitigationKeys);
    if (t.dueDate && !isRealDate(t.dueDate)) errors.push(`${at(["threats", i, "dueDate"])}: ${t.dueDate} is not a calendar date`);
  });
  doc.attackScenarios.forEach((s, i) => checkKeys("attackScenarios", i, s.mitigationKeys));
  const categories = new Set<string>();
  doc.strideAssessments.forEach((s, i) => {
    if (categories.has(s.category)) errors.push(`${at(["strideAssessments", i, "category"])}: ${s.category} is assessed twice`);
    categories.add(s.category);
  });
  const articles = new Set<number>();
  doc.securityInvariants.forEach((s, i) => {
    if (articles.has(s.article)) errors.push(`${at(["securityInvariants", i, "article"])}: article ${s.article} appears twice`);
    articles.add(s.article);
  });
  doc.residualRisks.forEach((r, i) => {
    if (!isRealDate(r.reviewDate)) errors.push(`${at(["residualRisks", i, "reviewDate"])}: ${r.reviewDate} is not a calendar date`);
    if (typeof r.threatIndex === "number" && r.threatIndex >= doc.threats.length) {
      errors.push(`${at(["residualRisks", i, "threatIndex"])}: there is no threat number ${r.threatIndex} (the model has ${doc.threats.length})`);
    }
  });
  if (doc.nextReviewDate && !isRealDate(doc.nextReviewDate)) errors.push(`${at(["nextReviewDate"])}: ${doc.nextReviewDate} is not a calendar date`);
  return errors;
}

type ZModel = z.infer<typeof ZExchangeModel>;

function toExchangeModel(model: ZModel): ExchangeModel {
  const { ownerEmail, mitigations, residualRisks, signOffs, ...doc } = model;
  const riskSignOffs = residualRisks.map((r) => r.signOff ?? null);
  return {
    document: {
      ...doc,
      mitigations: mitigations.map(({ ownerEmail: _email, ...m }) => m),
      residualRisks: residualRisks.map(({ signOff: _signOff, ...r }) => r),
    },
    ownerEmail: ownerEmail ?? null,
    mitigationOwnerEmails: mitigations.map((m) => m.ownerEmail ?? null),
    ...(signOffs || riskSignOffs.some(Boolean) ? { review: { signOffs: signOffs ?? [], riskSignOffs } } : {}),
  };
}

/** True when the value looks like one of ThreatDesk's envelopes (whatever its version). */
export function isThreatDeskEnvelope(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    [JSON_FORMAT, ORGANIZATION_FORMAT].includes((value as { format?: unknown }).format as string)
  );
}

/** Reads an already-parsed JSON value as a ThreatDesk export or organization backup. */
export function parseThreatDeskJson(value: unknown): ParsedJson {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { ok: false, errors: [`(top level): expected a JSON object, got ${describeType(value)}`] };
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== JSON_FORMAT && format !== ORGANIZATION_FORMAT) {
    return {
      ok: false,
      errors: [
        `format: expected "${JSON_FORMAT}" or "${ORGANIZATION_FORMAT}"${format === undefined ? " (the field is missing)" : `, got ${JSON.stringify(format)}`}`,
      ],
    };
  }
  if (version !== JSON_FORMAT_VERSION) {
    const newer = typeof version === "number" && version > JSON_FORMAT_VERSION;
    return {
      ok: false,
      errors: [
        newer
          ? `version: this file is ThreatDesk JSON version ${version}, but this ThreatDesk reads version ${JSON_FORMAT_VERSION} only. Export it again from a ThreatDesk of the same release, or update this one.`
          : `version: expected ${JSON_FORMAT_VERSION}, got ${JSON.stringify(version ?? null)}`,
      ],
    };
  }
  const schema = format === JSON_FORMAT ? ZModelsExport : ZOrganizationBackup;
  const result = schema.safeParse(value);
  if (!result.success) return { ok: false, errors: describeIssues(result.error.issues) };
  const models = result.data.models.map(toExchangeModel);
  const errors = models.flatMap((m, i) => checkDocument(m.document, `models[${i}]`));
  if (errors.length) return { ok: false, errors: errors.slice(0, 20) };
  if (format === JSON_FORMAT) return { ok: true, kind: "models", models };
  const backup = result.data as z.infer<typeof ZOrganizationBackup>;
  const emails = new Set<string>();
  const memberErrors: string[] = [];
  backup.members.forEach((m, i) => {
    const key = m.email.toLowerCase();
    if (emails.has(key)) memberErrors.push(`members[${i}].email: ${m.email} is listed twice`);
    emails.add(key);
  });
  if (!backup.members.some((m) => m.role === "OWNER")) memberErrors.push("members: an organization needs at least one member with the role OWNER");
  if (memberErrors.length) return { ok: false, errors: memberErrors };
  return { ok: true, kind: "organization", backup: { organization: backup.organization, members: backup.members, models } };
}
