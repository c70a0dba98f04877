// Front matter, the preamble, the footer and labelled lines ("**Feature being modeled:** …",
// "**Threat**: …", "**Next Review**: …"), wherever they sit.
import type { Paragraph, RootContent } from "mdast";
import YAML from "yaml";
import { readScenarioLabel, readThreatLabel } from "./import-threats";
import type { Reader } from "./import-reader";
import { labelledLine, labelledValue, paragraphLines, type LabelledLine } from "./syntax";
import { isPlaceholder, readIsoDate, readModelStatus } from "./vocabulary";

// ─── Front matter, preamble and footer ──────────────────────────────────────────────────

export function readFrontMatter(r: Reader, value: string, line: number | undefined) {
  let data: unknown;
  try {
    // Every value as written: "1.0" is a version, not the number 1.
    data = YAML.parse(value, { schema: "failsafe", maxAliasCount: 10 });
  } catch (error) {
    r.warn(null, `The front matter is not valid YAML (${error instanceof Error ? error.message.split("\n")[0] : "parse error"}); it was skipped.`, line);
    return;
  }
  if (data === null || data === undefined) return;
  if (typeof data !== "object" || Array.isArray(data)) {
    r.warn(null, "The front matter is not a list of fields; it was skipped.", line);
    return;
  }
  for (const [rawKey, rawValue] of Object.entries(data as Record<string, unknown>)) {
    const key = rawKey.toLowerCase().replace(/[\s-]/g, "_");
    if (typeof rawValue !== "string") {
      r.warn(null, `The front matter field “${rawKey}” is not a single value; it was skipped.`, line);
      continue;
    }
    const value = rawValue;
    switch (key) {
      case "title":
        r.frontMatterTitle = value;
        break;
      case "version":
        r.doc.version = value;
        break;
      case "status":
        readStatus(r, value, line);
        break;
      case "owner":
      case "owner_team":
      case "team":
        r.doc.ownerTeam = value;
        r.ownerSeen = true;
        break;
      case "category":
        r.doc.category = value;
        break;
      case "feature":
      case "feature_name":
        r.doc.featureName = value;
        break;
      case "next_review":
      case "next_review_date":
      case "review_date":
        readNextReview(r, value, line);
        break;
      case "last_updated":
      case "date":
      case "created":
      case "author":
        break; // kept by ThreatDesk itself
      default:
        r.warn(null, `The front matter field “${rawKey}” is not part of a threat model; it was not imported.`, line);
    }
  }
}

function readStatus(r: Reader, value: string, line: number | undefined) {
  if (r.statusSeen) return;
  r.statusSeen = true;
  const status = readModelStatus(value);
  if (status) r.doc.status = status;
  else {
    r.doc.status = "DRAFT";
    r.warn(null, `The status “${value}” is not a ThreatDesk review state; the model was imported as a draft.`, line);
  }
}

function readNextReview(r: Reader, value: string, line: number | undefined) {
  const date = readIsoDate(value);
  if (!date) {
    if (value.trim() && !isPlaceholder(value)) r.warn(null, `The review date “${value}” is not a YYYY-MM-DD date; it was not imported.`, line);
    return;
  }
  if (r.doc.nextReviewDate && r.doc.nextReviewDate !== date) {
    r.warn(null, `The file names two next-review dates (${r.doc.nextReviewDate} and ${date}); the first was kept.`, line);
    return;
  }
  r.doc.nextReviewDate = date;
}

export function readPreambleQuote(r: Reader, children: RootContent[]) {
  for (const child of children) {
    if (child.type !== "paragraph") continue;
    for (const line of paragraphLines(child)) {
      const labelled = labelledLine(line);
      if (labelled && /^(purpose|overview|summary)$/i.test(labelled.label) && !r.inlineFields.overview) {
        r.inlineFields.overview = labelledValue(r.source, labelled).trim();
      }
    }
  }
}

/**
 * Labelled lines: the overview's "**Feature being modeled:**", the list form's "**Threat**:",
 * a scenario's "**Likelihood**:", and the footer's "**Next Review**:". Returns whether the
 * paragraph was made of them (and so is not free text).
 */
export function readLabelledParagraph(r: Reader, paragraph: Paragraph): boolean {
  const lines = paragraphLines(paragraph);
  const labelled = lines.map(labelledLine);
  if (!labelled.length || labelled.some((l) => l === null)) return false;
  for (const l of labelled as LabelledLine[]) readLabel(r, l);
  return true;
}

function readLabel(r: Reader, l: LabelledLine) {
  const label = l.label.toLowerCase().replace(/\s+/g, " ");
  const raw = l.valueStart !== undefined ? rawValueSource(r, l) : "";
  const placeholder = isPlaceholder(raw);
  const value = placeholder ? "" : labelledValue(r.source, l);

  // The footer, wherever it sits.
  if (label === "document status" || (label === "status" && r.section !== "attack-scenarios" && r.section !== "stride")) {
    if (value.trim()) readStatus(r, value.trim(), l.line);
    return;
  }
  if (label === "next review" || label === "next review date") {
    if (value.trim()) readNextReview(r, value, l.line);
    return;
  }
  if (label === "owner" || label === "document owner") {
    if (!r.ownerSeen && value.trim()) {
      r.doc.ownerTeam = value.trim();
      r.ownerSeen = true;
    }
    return;
  }
  if (label === "last updated" || label === "version" || label === "purpose") {
    if (label === "purpose" && value.trim() && !r.inlineFields.overview) r.inlineFields.overview = value.trim();
    return;
  }

  if (r.section === "feature-overview" || r.section === "preamble") {
    if (label === "feature being modeled" || label === "feature") r.doc.featureName = value;
    else if (label === "system diagram reference" || label === "diagram") r.doc.systemDiagramRef = value;
    else if (label === "scope" || label === "in scope") r.inlineFields.scopeIn = value;
    else if (label === "out of scope") r.inlineFields.scopeOut = value;
    else r.warn(null, `The field “${l.label}” is not part of the template's feature overview; it was not imported.`, l.line);
    return;
  }
  if (r.section === "stride") {
    readThreatLabel(r, label, value, l);
    return;
  }
  if (r.section === "attack-scenarios") {
    readScenarioLabel(r, label, value, l);
    return;
  }
  if (r.section !== "unknown") r.warn(null, `The field “${l.label}” was not expected here; it was not imported.`, l.line);
}

function rawValueSource(r: Reader, l: LabelledLine): string {
  const start = l.valueStart ?? 0;
  const end = r.source.indexOf("\n", start);
  return r.source.slice(start, end < 0 ? undefined : end);
}
