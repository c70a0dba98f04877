// ThreatDesk's own JSON exchange format, version 1: one or many threat-model documents in an
// envelope, or a whole organization as a backup. The zod schemas here mirror
// public/schemas/threatdesk-v1.schema.json field for field (a unit test validates the same
// samples with both); what JSON Schema cannot say (mitigation keys that resolve, real calendar
// dates, unique articles) is checked afterwards by `checkDocument`.
import { z } from "zod";
import { isCalendarDay } from "../calendar";
import type { ThreatModelDocument } from "../model-document";
import { ROLES, type Role } from "../roles";
import type { ReviewRecord } from "./sign-offs";
import {
  ASSET_CLASSIFICATIONS,
  EFFECTIVENESS_LEVELS,
  IMPACTS,
  IMPLEMENTATION_STATUSES,
  LIKELIHOODS,
  PRIORITIES,
  RISK_RATINGS,
  STRIDE_CATEGORIES,
  THREAT_MODEL_STATUSES,
} from "../threat-model";

export const JSON_FORMAT = "threatdesk";
export const ORGANIZATION_FORMAT = "threatdesk-organization";
export const JSON_FORMAT_VERSION = 1;
export const JSON_SCHEMA_PATH = "/schemas/threatdesk-v1.schema.json";

const TEXT_MAX = 20_000;
const TITLE_MAX = 200;
const ROWS_MAX = 500;
const YMD = /^\d{4}-\d{2}-\d{2}$/;

const text = z.string().max(TEXT_MAX);
const ymd = z.string().regex(YMD, "expected a date as YYYY-MM-DD");
const email = z.string().max(254);
const keys = z.array(z.string().min(1).max(64)).max(ROWS_MAX);
const rows = <T extends z.ZodType>(row: T) => z.array(row).max(ROWS_MAX);

const ZTrustBoundary = z.strictObject({ name: text, description: text, crossing: text });
const ZAsset = z.strictObject({ name: text, classification: z.enum(ASSET_CLASSIFICATIONS), compromiseImpact: text });
const ZThreat = z.strictObject({
  category: z.enum(STRIDE_CATEGORIES),
  title: text,
  description: text,
  attackVectors: z.array(text).max(ROWS_MAX),
  likelihood: z.enum(LIKELIHOODS),
  impact: z.enum(IMPACTS),
  priority: z.enum(PRIORITIES),
  priorityOverrideReason: text.nullable().optional(),
  residualRisk: z.enum(RISK_RATINGS).nullable().optional(),
  residualRiskJustification: text.optional(),
  dueDate: ymd.nullable().optional(),
  mitigationKeys: keys,
});
const ZStrideAssessment = z.strictObject({ category: z.enum(STRIDE_CATEGORIES), residualRisk: z.enum(RISK_RATINGS), justification: text });
const ZMitigation = z.strictObject({
  key: z.string().min(1).max(64),
  title: text,
  description: text,
  status: z.enum(IMPLEMENTATION_STATUSES),
  taskRef: text,
  implementedIn: text,
  dueDate: ymd.nullable(),
  ownerId: z.string().max(64).nullable().optional(),
  /** The owner by email: how an owner is found again in another installation or organization. */
  ownerEmail: email.nullable().optional(),
});
const ZAttackScenario = z.strictObject({ title: text, description: text, likelihood: z.enum(LIKELIHOODS), impact: z.enum(IMPACTS), mitigationKeys: keys });
const ZSecurityControl = z.strictObject({ name: text, status: z.enum(IMPLEMENTATION_STATUSES), effectiveness: z.enum(EFFECTIVENESS_LEVELS) });
const ZSecurityInvariant = z.strictObject({ article: z.number().int().min(1).max(9999), topic: text, condition: text, requirement: text });
const timestamp = z.string().max(64);
const personName = z.string().max(200);
/** A residual risk's sign-off when exported; an import proposes the risk again. */
const ZRiskSignOff = z.strictObject({
  status: z.enum(["PROPOSED", "ACCEPTED", "REJECTED"]),
  decidedBy: personName.nullable(),
  decidedByEmail: email.nullable(),
  decidedAt: timestamp.nullable(),
});
const ZResidualRisk = z.strictObject({
  threatTitle: text,
  reason: text,
  riskOwner: text,
  reviewDate: ymd,
  threatIndex: z.number().int().min(0).nullable().optional(),
  signOff: ZRiskSignOff.nullable().optional(),
});
/** A reviewer's decision as exported; an import never carries it over. */
const ZSignOff = z.strictObject({
  capacity: z.enum(["SECURITY", "TECH_LEAD"]),
  name: personName,
  email: email.nullable(),
  decision: z.enum(["APPROVED", "CHANGES_REQUESTED"]),
  at: timestamp,
});

export const ZExchangeModel = z.strictObject({
  title: z.string().min(1).max(TITLE_MAX),
  featureName: text,
  version: z.string().max(64),
  status: z.enum(THREAT_MODEL_STATUSES),
  ownerTeam: text,
  category: text,
  nextReviewDate: ymd.nullable(),
  systemDiagramRef: text,
  overview: text,
  scopeIn: text,
  scopeOut: text,
  architecture: text,
  dataFlow: text,
  trustBoundaries: rows(ZTrustBoundary),
  assets: rows(ZAsset),
  threats: rows(ZThreat),
  strideAssessments: rows(ZStrideAssessment),
  mitigations: rows(ZMitigation),
  attackScenarios: rows(ZAttackScenario),
  securityControls: rows(ZSecurityControl),
  securityInvariants: rows(ZSecurityInvariant),
  residualRisks: rows(ZResidualRisk),
  /** The owning member by email (organization backups; optional elsewhere). */
  ownerEmail: email.nullable().optional(),
  /** Who approved (or asked for changes), in which capacity and when; files before these fields leave it out. */
  signOffs: z.array(ZSignOff).max(ROWS_MAX).optional(),
});

const exportedAt = z.string().max(64);

export const ZModelsExport = z.strictObject({
  format: z.literal(JSON_FORMAT),
  version: z.literal(JSON_FORMAT_VERSION),
  exportedAt,
  models: z.array(ZExchangeModel).max(1000),
});

export const ZOrganizationSettingsExport = z.strictObject({
  fixByDaysHigh: z.number().int().min(1).max(365),
  fixByDaysMedium: z.number().int().min(1).max(365),
  fixByDaysLow: z.number().int().min(1).max(365),
  reviewCadenceMonths: z.number().int().min(1).max(36),
});

export const ZOrganizationBackup = z.strictObject({
  format: z.literal(ORGANIZATION_FORMAT),
  version: z.literal(JSON_FORMAT_VERSION),
  exportedAt,
  organization: z.strictObject({
    name: z.string().min(2).max(100),
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "expected lower-case letters, digits and single hyphens").min(2).max(48),
    settings: ZOrganizationSettingsExport,
  }),
  members: z
    .array(z.strictObject({ email: email.min(3), name: z.string().min(1).max(100), role: z.enum(ROLES) }))
    .max(10_000),
  models: z.array(ZExchangeModel).max(10_000),
});

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
  | { ok: true; kind: "models"; models: ExchangeModel[] }
  | { ok: true; kind: "organization"; backup: OrganizationBackup }
  | { ok: false; errors: string[] };

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
      return issue.origin === "string" ? `at most ${issue.maximum} characters` : issue.origin === "array" ? `at most ${issue.maximum} entries` : `at most ${issue.maximum}`;
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
  const sections = ["trustBoundaries", "assets", "threats", "strideAssessments", "mitigations", "attackScenarios", "securityControls", "securityInvariants", "residualRisks"] as const;
  const oversized = sections.filter((section) => doc[section].length > ROWS_MAX);
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
  return typeof value === "object" && value !== null && !Array.isArray(value) && [JSON_FORMAT, ORGANIZATION_FORMAT].includes((value as { format?: unknown }).format as string);
}

/** Reads an already-parsed JSON value as a ThreatDesk export or organization backup. */
export function parseThreatDeskJson(value: unknown): ParsedJson {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, errors: [`(top level): expected a JSON object, got ${describeType(value)}`] };
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== JSON_FORMAT && format !== ORGANIZATION_FORMAT) {
    return { ok: false, errors: [`format: expected "${JSON_FORMAT}" or "${ORGANIZATION_FORMAT}"${format === undefined ? " (the field is missing)" : `, got ${JSON.stringify(format)}`}`] };
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
