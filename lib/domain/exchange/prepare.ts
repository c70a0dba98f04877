// One import pipeline for every format: detect, read, check, and describe what would be written
// (the preview) without writing anything. The same function runs again on confirm, on the
// server, so what is written is exactly what the preview showed and never what a browser claims.
import type { ElementKind } from "../diagram/diagram";
import { importMarkdown } from "../markdown/import";
import type { ThreatModelDocument } from "../model-document";
import { IMPLEMENTATION_STATUSES, STRIDE_CATEGORIES, THREAT_MODEL_STATUS_LABELS, type ImplementationStatus, type StrideCategory } from "../threat-model";
import { detectImport, type ImportFormat } from "./detect";
import { checkDocument, parseThreatDeskJson, type ExchangeModel } from "./json";
import { dayLabel, recordedDecisions } from "./sign-offs";
import { importThreatDragon } from "./threat-dragon";

export type ImportCounts = {
  threatsByCategory: Record<StrideCategory, number>;
  mitigationsByStatus: Record<ImplementationStatus, number>;
  scenarios: number;
  controls: number;
  assets: number;
  boundaries: number;
  invariants: number;
  residualRisks: number;
  /** What the diagrams hold: diagrams, elements per kind, data flows, and trust boundaries drawn on them. */
  diagrams: number;
  elementsByKind: Record<ElementKind, number>;
  flows: number;
  drawnBoundaries: number;
};

export type ImportWarning = { line?: number; message: string; /** Index of the document it is about. */ document?: number };

export type PreviewDocument = {
  /** The title the file gives. */
  title: string;
  /** The title it will be saved under: the file's, or marked as an imported copy when that is taken. */
  importTitle: string;
  counts: ImportCounts;
  sections: string[];
};

export type ImportPreview = { format: ImportFormat; documents: PreviewDocument[]; warnings: ImportWarning[] };

export type PreparedImport = { ok: true; preview: ImportPreview; models: ExchangeModel[] } | { ok: false; error: string; details: string[] };

export function countDocument(doc: ThreatModelDocument): ImportCounts {
  const threatsByCategory = Object.fromEntries(STRIDE_CATEGORIES.map((c) => [c, 0])) as Record<StrideCategory, number>;
  for (const t of doc.threats) threatsByCategory[t.category]++;
  const mitigationsByStatus = Object.fromEntries(IMPLEMENTATION_STATUSES.map((s) => [s, 0])) as Record<ImplementationStatus, number>;
  for (const m of doc.mitigations) mitigationsByStatus[m.status]++;
  return {
    threatsByCategory,
    mitigationsByStatus,
    scenarios: doc.attackScenarios.length,
    controls: doc.securityControls.length,
    assets: doc.assets.length,
    boundaries: doc.trustBoundaries.length,
    invariants: doc.securityInvariants.length,
    residualRisks: doc.residualRisks.length,
    ...countDiagrams(doc.diagrams ?? []),
  };
}

function countDiagrams(diagrams: NonNullable<ThreatModelDocument["diagrams"]>) {
  const elementsByKind: Record<ElementKind, number> = { entity: 0, process: 0, store: 0 };
  for (const diagram of diagrams) for (const element of diagram.elements) elementsByKind[element.kind]++;
  return {
    diagrams: diagrams.length,
    elementsByKind,
    flows: diagrams.reduce((n, d) => n + d.flows.length, 0),
    drawnBoundaries: diagrams.reduce((n, d) => n + d.boundaries.length, 0),
  };
}

/** The sections of a document that hold something, in the document's order. */
export function sectionsOf(doc: ThreatModelDocument): string[] {
  const present: [string, boolean][] = [
    ["Overview", Boolean(doc.overview || doc.featureName)],
    ["Scope", Boolean(doc.scopeIn || doc.scopeOut)],
    ["Architecture", Boolean(doc.architecture)],
    ["Data flow", Boolean(doc.dataFlow)],
    ["Trust boundaries", doc.trustBoundaries.length > 0],
    ["Assets", doc.assets.length > 0],
    ["Threats", doc.threats.length > 0],
    ["STRIDE assessments", doc.strideAssessments.length > 0],
    ["Mitigations", doc.mitigations.length > 0],
    ["Attack scenarios", doc.attackScenarios.length > 0],
    ["Security controls", doc.securityControls.length > 0],
    ["Security invariants", doc.securityInvariants.length > 0],
    ["Residual risks", doc.residualRisks.length > 0],
  ];
  return present.filter(([, has]) => has).map(([name]) => name);
}

/** PostgreSQL text cannot hold NUL characters; they never carry meaning in a threat model. */
function withoutNul<T>(value: T): { value: T; removed: boolean } {
  let removed = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      if (!v.includes("\u0000")) return v;
      removed = true;
      return v.replaceAll("\u0000", "");
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const value2 = walk(value) as T;
  return { value: removed ? value2 : value, removed };
}

function titleFromFileName(fileName: string | null | undefined) {
  const base = (fileName ?? "")
    .replace(/^.*[\\/]/, "")
    .replace(/\.[^.]+$/, "")
    .trim();
  return base.slice(0, 200) || "Imported threat model";
}

function failure(error: string, details: string[] = []): PreparedImport {
  return { ok: false, error, details };
}

/**
 * Reads a file into documents ready to write, with a preview of each: sections found, counts per
 * section and warnings (with line numbers for Markdown). Imported models start as drafts: the
 * status a file claims was given elsewhere, so it is noted in a warning instead. Never throws.
 */
export function prepareImport(fileName: string | null | undefined, content: string | Uint8Array): PreparedImport {
  try {
    return prepare(fileName, content);
  } catch (error) {
    // A reader's bug must not take the page down: the file is refused with a reason.
    return failure("This file could not be read.", [error instanceof Error ? error.message : String(error)]);
  }
}

function prepare(fileName: string | null | undefined, content: string | Uint8Array): PreparedImport {
  const detected = detectImport(fileName, content);
  if (!detected.ok) return failure(detected.error);
  const warnings: ImportWarning[] = [];
  let models: ExchangeModel[];
  let sections: string[][];

  if (detected.format === "markdown") {
    const result = importMarkdown(detected.text);
    models = [
      {
        document: result.document,
        ownerEmail: null,
        mitigationOwnerEmails: result.mitigationOwners.map((o) => o?.email ?? null),
        mitigationOwnerLines: result.mitigationOwners.map((o) => o?.line),
      },
    ];
    sections = [result.sections];
    // The reader says so itself as a rule; the flag is the fallback when it did not.
    if (result.repairedEncoding && !result.warnings.some((w) => /double-encoded|encoding/i.test(w.message))) {
      warnings.push({ document: 0, message: "The text was double-encoded UTF-8 (✅ read as “âœ…”) and has been repaired." });
    }
    warnings.push(...result.warnings.map((w) => ({ ...w, document: 0 })));
  } else if (detected.format === "threat-dragon") {
    const result = importThreatDragon(detected.value);
    if (!result.ok) return failure(result.message ?? "This Threat Dragon file does not have the expected shape.", result.errors);
    models = [{ document: result.document, ownerEmail: null, mitigationOwnerEmails: [] }];
    sections = [result.sections];
    warnings.push(...result.warnings.map((w) => ({ ...w, document: 0 })));
  } else {
    const result = parseThreatDeskJson(detected.value);
    if (!result.ok) return failure("This ThreatDesk JSON file does not have the expected shape.", result.errors);
    if (result.kind === "organization") {
      models = result.backup.models;
      warnings.push({
        message: `This is a backup of the organization “${result.backup.organization.name}”: only its ${models.length} threat models are imported here, not its members or settings.`,
      });
    } else models = result.models;
    sections = models.map((m) => sectionsOf(m.document));
    models.forEach((m, i) => {
      const { signOffs, riskSignOffs } = recordedDecisions(m.review);
      const parts = [
        signOffs ? `${signOffs} review decision${signOffs === 1 ? "" : "s"}` : "",
        riskSignOffs ? `${riskSignOffs} residual-risk sign-off${riskSignOffs === 1 ? "" : "s"}` : "",
      ].filter(Boolean);
      if (parts.length) {
        warnings.push({
          document: i,
          message: `The file records ${parts.join(" and ")}; they are not imported: reviewers approve and security leads accept risks here themselves.`,
        });
      }
    });
  }
  if (models.length === 0) return failure("The file holds no threat models.");

  const problems = models.flatMap((m, i) => checkDocument(m.document, models.length > 1 ? `models[${i}]` : ""));
  if (problems.length) return failure("The file cannot be imported as it is.", problems.slice(0, 20));

  models = models.map((model, i) => {
    const { value: document, removed } = withoutNul(model.document);
    if (removed) warnings.push({ document: i, message: "NUL characters in the text were removed." });
    if (!document.title.trim()) {
      document.title = titleFromFileName(fileName);
      warnings.push({ document: i, message: `The document has no title; it is named “${document.title}”.` });
    }
    if (document.status !== "DRAFT") {
      warnings.push({
        document: i,
        message: `“${document.title}” is marked ${THREAT_MODEL_STATUS_LABELS[document.status]} in the file; it is imported as a Draft, to be reviewed here.`,
      });
    }
    return { ...model, document: { ...document, status: "DRAFT" } };
  });

  return {
    ok: true,
    models,
    preview: {
      format: detected.format,
      documents: models.map((m, i) => ({
        title: m.document.title,
        importTitle: m.document.title,
        counts: countDocument(m.document),
        sections: sections[i] ?? [],
      })),
      warnings,
    },
  };
}

// ─── What only the importing organization can tell ──────────────────────────────────────

/**
 * A warning per mitigation whose owner (named by email) is not a member of the importing
 * organization: the row is imported without an owner, and the warning says which row.
 */
export function unknownOwnerWarnings(models: ExchangeModel[], isMember: (email: string) => boolean): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  models.forEach((model, i) => {
    model.document.mitigations.forEach((m, j) => {
      const email = model.mitigationOwnerEmails[j]?.trim();
      if (!email || isMember(email)) return;
      warnings.push({
        document: i,
        line: model.mitigationOwnerLines?.[j],
        message: `The owner “${email}” of the mitigation “${m.title}” is not a member of this organization; the mitigation is imported without an owner.`,
      });
    });
  });
  return warnings;
}

/** Titles compare as people read them: case and surrounding spaces aside. */
export function titleKey(title: string): string {
  return title.trim().replace(/\s+/g, " ").toLowerCase();
}

const TITLE_MAX = 200;

/**
 * The title an imported model is saved under. A title the organization already uses (or an
 * earlier model of the same import) gets "(imported 1 Dec 2026)", and a number after it when
 * that is taken too, so a re-import is never an indistinguishable twin. `taken` holds titleKey()s
 * and receives the chosen title.
 */
export function importedTitle(title: string, taken: Set<string>, today: Date): string {
  const wanted = title.trim();
  let chosen = wanted;
  for (let n = 1; taken.has(titleKey(chosen)); n++) {
    const suffix = ` (imported ${dayLabel(today)}${n > 1 ? `, ${n}` : ""})`;
    chosen = `${wanted.slice(0, TITLE_MAX - suffix.length).trimEnd()}${suffix}`;
  }
  taken.add(titleKey(chosen));
  return chosen;
}

/** The warning the preview gives a model whose title is taken. */
export function titleTakenWarning(document: number, title: string, importTitle: string): ImportWarning {
  return { document, message: `A threat model titled “${title}” already exists here. Unless you rename it, this one is imported as “${importTitle}”.` };
}
