// Reads a threat model written in Markdown (the team's template, the filled-in example's list
// form, or ThreatDesk's own export) into a ThreatModelDocument. It walks the Markdown tree
// section by section; regular expressions only ever look at one heading, cell or label value.
// Anything it cannot use becomes a warning with the line it came from, never an exception.
import type { Heading, List, ListItem, Paragraph, Root, RootContent, Table, TableCell } from "mdast";
import YAML from "yaml";
import { emptyDocument, type ThreatModelDocument } from "../model-document";
import { suggestPriority } from "../priority";
import {
  LEVEL_LABELS,
  STRIDE_CATEGORIES,
  type ImplementationStatus,
  type Impact,
  type Likelihood,
  type Priority,
  type RiskRating,
  type StrideCategory,
} from "../threat-model";
import { guardSource } from "./guard";
import { repairMojibake } from "./mojibake";
import { asciiSlug } from "../slug";
import {
  blockFieldText,
  cellItems,
  cellSource,
  inlineText,
  isTemplateDiagram,
  labelledLine,
  labelledValue,
  nodeText,
  paragraphLines,
  parseMarkdown,
  type LabelledLine,
} from "./syntax";
import {
  isDash,
  isPlaceholder,
  readClassification,
  readEffectiveness,
  readImpact,
  readImplementationStatus,
  readIsoDate,
  readLikelihood,
  readMitigationMention,
  readModelStatus,
  readPriority,
  readRiskRating,
  readStrideCategory,
  stripNumbering,
} from "./vocabulary";

export type ImportWarning = { line?: number; message: string };
/** A mitigation owner as the tracking table names it (a member's email), with its row's line. */
export type NamedOwner = { email: string; line: number | undefined };
export type MarkdownImport = {
  document: ThreatModelDocument;
  /** Per mitigation of the document, in order: the owner its tracking row names, or null. */
  mitigationOwners: (NamedOwner | null)[];
  warnings: ImportWarning[];
  /** The template sections the file contained (ids of TEMPLATE_SECTIONS), in the order found. */
  sections: string[];
  repairedEncoding: boolean;
};

/** The template's sections, in its order, with the headings the exporter writes. */
export const TEMPLATE_SECTIONS = [
  { id: "feature-overview", title: "Feature Overview" },
  { id: "architecture", title: "System Architecture for This Feature" },
  { id: "trust-boundaries", title: "Trust Boundaries" },
  { id: "assets", title: "Assets to Protect" },
  { id: "stride", title: "STRIDE Threat Analysis" },
  { id: "attack-scenarios", title: "Attack Scenarios" },
  { id: "security-controls", title: "Security Controls Summary" },
  { id: "risk-summary", title: "Risk Summary" },
  { id: "mitigations", title: "Mitigations Implemented" },
  { id: "security-invariants", title: "Security Invariants Added to CONSTITUTION.md" },
  { id: "residual-risks", title: "Residual Risks" },
  { id: "review-approval", title: "Review & Approval" },
] as const;
export type TemplateSectionId = (typeof TEMPLATE_SECTIONS)[number]["id"];

const DEFAULT_TITLE = "Untitled threat model";

/** Which template section a heading opens; the first pattern that matches wins. */
const SECTION_PATTERNS: [RegExp, TemplateSectionId][] = [
  [/\bstride\b|threat analysis|threats? identified/, "stride"],
  [/attack scenarios?/, "attack-scenarios"],
  [/security controls?|controls summary/, "security-controls"],
  [/risk summary|risk overview/, "risk-summary"],
  [/residual risks?|accepted risks?/, "residual-risks"],
  [/mitigations?/, "mitigations"],
  [/invariants?|constitution/, "security-invariants"],
  [/review|approval|sign.?off/, "review-approval"],
  [/trust boundar/, "trust-boundaries"],
  [/assets?\b/, "assets"],
  [/architecture|data ?flow|diagram/, "architecture"],
  [/overview|scope|purpose|feature|summary|introduction/, "feature-overview"],
];

function sectionOf(headingText: string): TemplateSectionId | null {
  const text = stripNumbering(headingText).toLowerCase();
  for (const [pattern, id] of SECTION_PATTERNS) if (pattern.test(text)) return id;
  return null;
}

type BlockField = "overview" | "scopeIn" | "scopeOut" | "architecture" | "dataFlow";

function blockFieldOfSubheading(text: string): BlockField | null {
  const t = stripNumbering(text).toLowerCase().trim();
  if (/^(out of scope|not in scope|excluded|exclusions|scope out)/.test(t)) return "scopeOut";
  if (/^(in scope|scope|included|scope in)/.test(t)) return "scopeIn";
  if (/^data ?flow/.test(t)) return "dataFlow";
  if (/^(architecture|diagram|components?)/.test(t)) return "architecture";
  if (/^(overview|summary|description|purpose|context|background)/.test(t)) return "overview";
  return null;
}

type Mention = { text: string; line: number | undefined; context: "threat" | "scenario" };
type DraftThreat = Omit<ThreatModelDocument["threats"][number], "mitigationKeys" | "priority" | "likelihood" | "impact"> & {
  likelihood: Likelihood | null;
  impact: Impact | null;
  priority: Priority | null;
  mentions: Mention[];
  line: number | undefined;
  /** Written as "**Threat**: …" (the example's list form): takes its category's residual risk. */
  listForm: boolean;
};
type DraftScenario = Omit<ThreatModelDocument["attackScenarios"][number], "mitigationKeys" | "likelihood" | "impact"> & {
  likelihood: Likelihood | null;
  impact: Impact | null;
  mentions: Mention[];
  line: number | undefined;
};
type TrackedMitigation = Omit<ThreatModelDocument["mitigations"][number], "key"> & { line: number | undefined; owner: string };

/** Everything one walk over the tree collects before the document is assembled. */
class Reader {
  readonly warnings: ImportWarning[] = [];
  readonly sections: TemplateSectionId[] = [];
  readonly doc: ThreatModelDocument = emptyDocument(DEFAULT_TITLE);
  frontMatterTitle: string | null = null;
  headingTitle: string | null = null;
  headingLine: number | undefined;
  statusSeen = false;
  ownerSeen = false;
  readonly blocks: Record<BlockField, RootContent[]> = { overview: [], scopeIn: [], scopeOut: [], architecture: [], dataFlow: [] };
  readonly inlineFields: Partial<Record<BlockField, string>> = {};
  readonly threats: DraftThreat[] = [];
  readonly scenarios: DraftScenario[] = [];
  readonly tracked: TrackedMitigation[] = [];
  readonly riskCounts: { priority: Priority; count: number; line: number | undefined }[] = [];
  approvalRows = 0;
  approvalLine: number | undefined;
  riskSignOffs = 0;
  riskSignOffLine: number | undefined;
  readonly mitigationOwners: (NamedOwner | null)[] = [];

  // Where the walk is.
  section: TemplateSectionId | "preamble" | "unknown" = "preamble";
  category: StrideCategory | null = null;
  categoryLine: number | undefined;
  block: BlockField | null = null;
  /** The list a "**Attack Vectors**:" or "**Mitigations**:" label announced. */
  pendingList: { kind: "vectors" | "mitigations"; line: number | undefined } | null = null;
  currentThreat: DraftThreat | null = null;
  currentScenario: DraftScenario | null = null;
  categoryRisk = new Map<StrideCategory, { rating: RiskRating; justification: string }>();

  constructor(readonly source: string) {}

  warn(node: { position?: { start: { line: number } } } | undefined | null, message: string, line?: number) {
    this.warnings.push({ line: line ?? node?.position?.start.line, message });
  }
}

export function importMarkdown(source: string): MarkdownImport {
  let repairedEncoding = false;
  const preWarnings: ImportWarning[] = [];
  try {
    const text = typeof source === "string" ? source : String(source ?? "");
    const normalized = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
    const guarded = guardSource(normalized);
    preWarnings.push(...guarded.notes);
    const repaired = repairMojibake(guarded.source);
    repairedEncoding = repaired.repaired;
    if (repairedEncoding) {
      preWarnings.push({ line: firstChangedLine(guarded.source, repaired.text), message: "The file's text was double-encoded (UTF-8 read as Windows-1252); it was repaired." });
    }
    const tree = parseMarkdown(repaired.text);
    const reader = new Reader(repaired.text);
    reader.warnings.push(...preWarnings);
    walk(reader, tree);
    const document = assemble(reader);
    if (reader.sections.length === 0 && document.threats.length === 0) {
      reader.warnings.push({ line: 1, message: "No section of the threat-model template was found in this file." });
    }
    return { document, mitigationOwners: reader.mitigationOwners, warnings: reader.warnings, sections: [...reader.sections], repairedEncoding };
  } catch (error) {
    return {
      document: emptyDocument(DEFAULT_TITLE),
      mitigationOwners: [],
      warnings: [...preWarnings, { line: 1, message: `The file could not be read as a threat model (${error instanceof Error ? error.message : "unknown error"}).` }],
      sections: [],
      repairedEncoding,
    };
  }
}

function firstChangedLine(before: string, after: string): number {
  const a = before.split("\n");
  const b = after.split("\n");
  const index = a.findIndex((line, i) => line !== b[i]);
  return index < 0 ? 1 : index + 1;
}

// ─── Walking the tree ───────────────────────────────────────────────────────────────────

function sectionDepthOf(tree: Root): number {
  let best: number | null = null;
  let bestTop: number | null = null;
  for (const node of tree.children) {
    if (node.type !== "heading") continue;
    const text = inlineText(node.children);
    if (!sectionOf(text) && !readStrideCategory(text)) continue;
    if (node.depth >= 2) best = best === null ? node.depth : Math.min(best, node.depth);
    else bestTop = 1;
  }
  return best ?? bestTop ?? 2;
}

function walk(r: Reader, tree: Root) {
  const sectionDepth = sectionDepthOf(tree);
  for (const node of tree.children) {
    if (node.type === "yaml") {
      readFrontMatter(r, node.value, node.position?.start.line);
      continue;
    }
    if (node.type === "heading") {
      const text = inlineText(node.children).trim();
      if (node.depth < sectionDepth) {
        if (r.headingTitle === null && node.depth === 1) {
          r.headingTitle = text;
          r.headingLine = node.position?.start.line;
        }
        enterSection(r, "preamble");
        continue;
      }
      if (node.depth === sectionDepth) {
        const id = sectionOf(text);
        const category = readStrideCategory(text);
        if (id) {
          enterSection(r, id);
        } else if (category) {
          enterSection(r, "stride");
          openCategory(r, category, node);
        } else {
          enterSection(r, "unknown");
          r.warn(node, `The section “${text}” is not part of the threat-model template; its content was not imported.`);
        }
        continue;
      }
      subheading(r, node, text);
      continue;
    }
    content(r, node);
  }
  closeCategory(r);
}

function enterSection(r: Reader, id: Reader["section"]) {
  closeCategory(r);
  r.section = id;
  r.block = id === "architecture" ? "architecture" : null;
  r.pendingList = null;
  r.currentThreat = null;
  r.currentScenario = null;
  if (id !== "preamble" && id !== "unknown" && !r.sections.includes(id)) r.sections.push(id);
}

function subheading(r: Reader, node: Heading, text: string) {
  r.pendingList = null;
  switch (r.section) {
    case "feature-overview":
    case "architecture": {
      const field = blockFieldOfSubheading(text);
      if (field) r.block = field;
      else if (r.block) r.blocks[r.block].push(node);
      else r.warn(node, `The heading “${text}” is not part of the template's feature overview; its content was not imported.`);
      return;
    }
    case "stride": {
      const category = readStrideCategory(text);
      if (category) openCategory(r, category, node);
      else if (r.category) startListThreat(r, stripNumbering(text).trim(), node.position?.start.line);
      else r.warn(node, `“${text}” is not a STRIDE category; its content was not imported.`);
      return;
    }
    case "attack-scenarios": {
      const scenario: DraftScenario = {
        title: stripNumbering(text),
        description: "",
        likelihood: null,
        impact: null,
        mentions: [],
        line: node.position?.start.line,
      };
      r.currentScenario = scenario;
      r.scenarios.push(scenario);
      return;
    }
    case "preamble":
    case "unknown":
      return;
    default:
      // Sub-headings inside table sections carry no data of their own.
      return;
  }
}

function content(r: Reader, node: RootContent) {
  if (r.block && (r.section === "feature-overview" || r.section === "architecture")) {
    r.blocks[r.block].push(node);
    return;
  }
  if (node.type === "html" || node.type === "thematicBreak") return; // guidance comments, section rules
  if (node.type === "paragraph") {
    if (readLabelledParagraph(r, node)) return;
  }
  switch (r.section) {
    case "preamble":
      if (node.type === "blockquote") readPreambleQuote(r, node.children);
      return;
    case "feature-overview":
      if (node.type === "paragraph") return;
      r.block = "overview";
      r.blocks.overview.push(node);
      return;
    case "trust-boundaries":
      if (node.type === "table") readBoundaries(r, node);
      return;
    case "assets":
      if (node.type === "table") readAssets(r, node);
      return;
    case "stride":
      if (node.type === "table") readThreatTable(r, node);
      else if (node.type === "list") readLabelledList(r, node);
      return;
    case "attack-scenarios":
      if (node.type === "list") readLabelledList(r, node);
      return;
    case "security-controls":
      if (node.type === "table") readControls(r, node);
      return;
    case "risk-summary":
      if (node.type === "table") readRiskSummary(r, node);
      return;
    case "mitigations":
      if (node.type === "table") readTracking(r, node);
      return;
    case "security-invariants":
      if (node.type === "code") readInvariants(r, node.value, node.position?.start.line, true);
      return;
    case "residual-risks":
      if (node.type === "table") readResidualRisks(r, node);
      return;
    case "review-approval":
      if (node.type === "table") readApprovals(r, node);
      return;
    default:
      return;
  }
}

// ─── Front matter, preamble and footer ──────────────────────────────────────────────────

function readFrontMatter(r: Reader, value: string, line: number | undefined) {
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

function readPreambleQuote(r: Reader, children: RootContent[]) {
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
function readLabelledParagraph(r: Reader, paragraph: Paragraph): boolean {
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

// ─── STRIDE: the list form ("**Threat**: …") ────────────────────────────────────────────

function openCategory(r: Reader, category: StrideCategory, node: Heading) {
  closeCategory(r);
  r.category = category;
  r.categoryLine = node.position?.start.line;
  r.currentThreat = null;
}

/** A category's residual risk also rates its list-form threats, as the example means it. */
function closeCategory(r: Reader) {
  const category = r.category;
  if (!category) return;
  const risk = r.categoryRisk.get(category);
  if (risk) {
    for (const threat of r.threats) {
      if (threat.category === category && threat.listForm && threat.residualRisk == null) {
        threat.residualRisk = risk.rating;
        threat.residualRiskJustification = risk.justification;
      }
    }
  }
  r.category = null;
  r.currentThreat = null;
}

function startListThreat(r: Reader, title: string, line: number | undefined): DraftThreat | null {
  if (!r.category) return null;
  const threat: DraftThreat = {
    category: r.category,
    title,
    description: "",
    attackVectors: [],
    likelihood: null,
    impact: null,
    priority: null,
    priorityOverrideReason: null,
    residualRisk: null,
    residualRiskJustification: "",
    dueDate: null,
    mentions: [],
    line,
    listForm: true,
  };
  r.threats.push(threat);
  r.currentThreat = threat;
  return threat;
}

function readThreatLabel(r: Reader, label: string, value: string, l: LabelledLine) {
  if (!r.category) {
    r.warn(null, `“${l.label}” appears outside a STRIDE category; it was not imported.`, l.line);
    return;
  }
  if (label === "threat" || label === "threats") {
    if (value.trim()) startListThreat(r, value.trim(), l.line);
    return;
  }
  if (label === "residual risk") {
    const risk = readRiskWithJustification(value);
    if (risk?.rating) {
      r.categoryRisk.set(r.category, { rating: risk.rating, justification: risk.justification });
    } else if (value.trim()) r.warn(null, `The residual risk “${value}” is not a rating (Very low … Critical); it was not imported.`, l.line);
    return;
  }
  const threat = r.currentThreat;
  if (!threat) {
    r.warn(null, `“${l.label}” appears before any threat of its category; it was not imported.`, l.line);
    return;
  }
  switch (label) {
    case "description":
      threat.description = value;
      return;
    case "attack vectors":
    case "attack vector":
      r.pendingList = { kind: "vectors", line: l.line };
      if (value.trim()) threat.attackVectors.push(value.trim());
      return;
    case "mitigations":
    case "mitigation":
      r.pendingList = { kind: "mitigations", line: l.line };
      if (value.trim()) threat.mentions.push({ text: value, line: l.line, context: "threat" });
      return;
    case "likelihood":
      threat.likelihood = readLikelihood(value) ?? warnLevel(r, "likelihood", value, l.line);
      return;
    case "impact":
      threat.impact = readImpact(value) ?? warnLevel(r, "impact", value, l.line);
      return;
    case "priority":
      threat.priority = readPriority(value) ?? warnLevel(r, "priority", value, l.line);
      return;
    case "fix by":
    case "due":
    case "due date":
      threat.dueDate = readIsoDate(value);
      return;
    default:
      r.warn(null, `The field “${l.label}” is not part of a threat; it was not imported.`, l.line);
  }
}

function warnLevel(r: Reader, what: string, value: string, line: number | undefined): null {
  if (value.trim() && !isDash(value)) r.warn(null, `The ${what} “${value}” is not one of Low, Medium, High${what === "likelihood" ? "" : ", Critical"}; it was not imported.`, line);
  return null;
}

function readScenarioLabel(r: Reader, label: string, value: string, l: LabelledLine) {
  const scenario = r.currentScenario;
  if (!scenario) {
    r.warn(null, `“${l.label}” appears before any attack scenario's heading; it was not imported.`, l.line);
    return;
  }
  switch (label) {
    case "scenario":
    case "description":
      scenario.description = value;
      return;
    case "likelihood":
      scenario.likelihood = readLikelihood(value) ?? warnLevel(r, "likelihood", value, l.line);
      return;
    case "impact":
      scenario.impact = readImpact(value) ?? warnLevel(r, "impact", value, l.line);
      return;
    case "mitigations":
    case "mitigation":
      r.pendingList = { kind: "mitigations", line: l.line };
      if (value.trim()) scenario.mentions.push({ text: value, line: l.line, context: "scenario" });
      return;
    default:
      r.warn(null, `The field “${l.label}” is not part of an attack scenario; it was not imported.`, l.line);
  }
}

const MAX_LIST_ITEMS = 2_000;

/** The bullet list after "**Attack Vectors**:" or "**Mitigations**:"; nested lists are read flat. */
function readLabelledList(r: Reader, list: List) {
  const pending = r.pendingList;
  r.pendingList = null;
  if (!pending) {
    r.warn(list, "A list that no “**Attack Vectors**:” or “**Mitigations**:” label introduces was not imported.");
    return;
  }
  const items = listItemTexts(r.source, list);
  if (items.length > MAX_LIST_ITEMS) r.warn(list, `Only the first ${MAX_LIST_ITEMS} items of this list were read.`);
  for (const item of items.slice(0, MAX_LIST_ITEMS)) {
    if (!item.text.trim() || isPlaceholder(item.raw)) continue;
    if (r.section === "attack-scenarios") {
      r.currentScenario?.mentions.push({ text: item.text, line: item.line, context: "scenario" });
    } else if (r.currentThreat) {
      if (pending.kind === "vectors") r.currentThreat.attackVectors.push(item.text.trim());
      else r.currentThreat.mentions.push({ text: item.text, line: item.line, context: "threat" });
    }
  }
}

function listItemTexts(source: string, list: List): { text: string; raw: string; line: number | undefined }[] {
  const out: { text: string; raw: string; line: number | undefined }[] = [];
  const stack: ListItem[] = [...list.children].reverse();
  while (stack.length && out.length <= MAX_LIST_ITEMS) {
    const item = stack.pop()!;
    const nested: ListItem[] = [];
    const own: string[] = [];
    for (const child of item.children) {
      if (child.type === "list") nested.push(...child.children);
      else own.push(nodeText(child));
    }
    const text = own.join(" ").replace(/\s*\n\s*/g, " ").trim();
    const start = item.position?.start.offset;
    const end = item.children.find((child) => child.type !== "list")?.position?.end.offset;
    const raw = start !== undefined && end !== undefined ? source.slice(start, end) : text;
    out.push({ text, raw, line: item.position?.start.line });
    for (const child of nested.reverse()) stack.push(child);
  }
  return out;
}

// ─── Tables ─────────────────────────────────────────────────────────────────────────────

type Column<K extends string> = { key: K; match: RegExp };

/** Maps each header cell to a column key; the first matching pattern wins. */
function tableColumns<K extends string>(r: Reader, table: Table, columns: Column<K>[]): (K | null)[] {
  const header = table.children[0];
  if (!header) return [];
  return header.children.map((cell) => {
    const text = inlineText(cell.children).toLowerCase().trim();
    return columns.find((c) => c.match.test(text))?.key ?? null;
  });
}

type Row<K extends string> = { get: (key: K) => string; items: (key: K) => string[]; raw: (key: K) => string; line: number | undefined };

/** The data rows, skipping rows whose first cell is empty or a template placeholder. */
function tableRows<K extends string>(r: Reader, table: Table, columns: (K | null)[]): Row<K>[] {
  const rows: Row<K>[] = [];
  for (const row of table.children.slice(1)) {
    const cells = new Map<K, TableCell>();
    row.children.forEach((cell, i) => {
      const key = columns[i];
      if (key && !cells.has(key)) cells.set(key, cell);
    });
    const first = row.children[0];
    if (!first) continue;
    const firstRaw = cellSource(r.source, first);
    if (!inlineText(first.children).trim() || isPlaceholder(firstRaw)) continue;
    const raw = (key: K) => {
      const cell = cells.get(key);
      return cell ? cellSource(r.source, cell) : "";
    };
    rows.push({
      line: row.position?.start.line,
      raw,
      get: (key) => {
        const cell = cells.get(key);
        if (!cell || isPlaceholder(raw(key)) || isDash(raw(key))) return "";
        return inlineText(cell.children);
      },
      items: (key) => {
        const cell = cells.get(key);
        if (!cell || isPlaceholder(raw(key))) return [];
        return cellItems(cell).filter((item) => !isDash(item));
      },
    });
  }
  return rows;
}

function requireColumn<K extends string>(r: Reader, table: Table, columns: (K | null)[], key: K, label: string): boolean {
  if (columns.includes(key)) return true;
  r.warn(table, `This table has no “${label}” column; it was not imported.`);
  return false;
}

function readBoundaries(r: Reader, table: Table) {
  const columns = tableColumns(r, table, [
    { key: "name", match: /boundary|name/ },
    { key: "description", match: /description/ },
    { key: "crossing", match: /cross|flows?|data/ },
  ]);
  if (!requireColumn(r, table, columns, "name", "Boundary")) return;
  for (const row of tableRows(r, table, columns)) {
    r.doc.trustBoundaries.push({ name: row.get("name"), description: row.get("description"), crossing: row.get("crossing") });
  }
}

function readAssets(r: Reader, table: Table) {
  const columns = tableColumns(r, table, [
    { key: "name", match: /asset|name/ },
    { key: "classification", match: /classification|sensitivity|class/ },
    { key: "impact", match: /compromis|impact|happens/ },
  ]);
  if (!requireColumn(r, table, columns, "name", "Asset")) return;
  for (const row of tableRows(r, table, columns)) {
    const written = row.get("classification");
    let classification = readClassification(written);
    if (!classification) {
      classification = "INTERNAL";
      r.warn(null, `The classification “${written}” of the asset “${row.get("name")}” is not Public, Internal, Confidential or Restricted; it was imported as Internal.`, row.line);
    }
    r.doc.assets.push({ name: row.get("name"), classification, compromiseImpact: row.get("impact") });
  }
}

type ThreatColumn = "title" | "likelihood" | "impact" | "reason" | "priority" | "mitigations" | "vectors" | "residual" | "due" | "description";

function readThreatTable(r: Reader, table: Table) {
  if (!r.category) {
    r.warn(table, "A threat table outside a STRIDE category was not imported.");
    return;
  }
  const columns = tableColumns<ThreatColumn>(r, table, [
    { key: "title", match: /^threats?\b/ },
    { key: "likelihood", match: /likelihood|probability/ },
    { key: "impact", match: /impact|severity/ },
    { key: "reason", match: /reason|override|rationale/ },
    { key: "priority", match: /priority/ },
    { key: "mitigations", match: /mitigation|control|countermeasure/ },
    { key: "vectors", match: /attack vector|vectors?/ },
    { key: "residual", match: /residual/ },
    { key: "due", match: /fix by|due/ },
    { key: "description", match: /description|details/ },
  ]);
  if (!requireColumn(r, table, columns, "title", "Threat")) return;
  for (const row of tableRows(r, table, columns)) {
    const residual = row.get("residual") ? readRiskWithJustification(row.get("residual")) : null;
    if (row.get("residual") && !residual) r.warn(null, `The residual risk “${row.get("residual")}” is not a rating; it was not imported.`, row.line);
    const dueText = row.get("due");
    const dueDate = dueText ? readIsoDate(dueText) : null;
    if (dueText && !dueDate) r.warn(null, `The fix-by date “${dueText}” is not a YYYY-MM-DD date; it was not imported.`, row.line);
    const threat: DraftThreat = {
      category: r.category,
      title: row.get("title"),
      description: row.get("description"),
      attackVectors: row.items("vectors"),
      likelihood: readLikelihood(row.get("likelihood")) ?? warnLevel(r, "likelihood", row.get("likelihood"), row.line),
      impact: readImpact(row.get("impact")) ?? warnLevel(r, "impact", row.get("impact"), row.line),
      priority: readPriority(row.get("priority")) ?? warnLevel(r, "priority", row.get("priority"), row.line),
      priorityOverrideReason: row.get("reason") || null,
      residualRisk: residual?.rating ?? null,
      residualRiskJustification: residual?.justification ?? "",
      dueDate,
      mentions: row.items("mitigations").map((text) => ({ text, line: row.line, context: "threat" as const })),
      line: row.line,
      listForm: false,
    };
    r.threats.push(threat);
  }
}

/** "**LOW** - Multiple layers", "Very low — Complete audit trail", "Medium". */
function readRiskWithJustification(text: string): { rating: RiskRating | null; justification: string } | null {
  const exact = /^([^—]*?) — ([\s\S]*)$/.exec(text);
  const loose = exact ?? /^\s*([A-Za-z_ ]+?)\s*(?:[—–:]|\s-\s|-\s)\s*([\s\S]*)$/.exec(text);
  if (loose) {
    const rating = loose[1]!.trim() ? readRiskRating(loose[1]!) : null;
    if (rating || !loose[1]!.trim()) return { rating, justification: exact ? loose[2]! : loose[2]!.trim() };
  }
  const rating = readRiskRating(text);
  return rating ? { rating, justification: "" } : null;
}

function readControls(r: Reader, table: Table) {
  const columns = tableColumns(r, table, [
    { key: "name", match: /control|name/ },
    { key: "status", match: /status|state/ },
    { key: "effectiveness", match: /effective/ },
  ]);
  if (!requireColumn(r, table, columns, "name", "Control")) return;
  for (const row of tableRows(r, table, columns)) {
    const statusText = row.get("status");
    let status = readImplementationStatus(statusText);
    if (!status) {
      status = "NOT_STARTED";
      if (statusText.trim()) r.warn(null, `The status “${statusText}” of the control “${row.get("name")}” is not Implemented, In progress, Planned or Not started; it was imported as Not started.`, row.line);
    }
    const effectivenessText = row.get("effectiveness");
    let effectiveness = readEffectiveness(effectivenessText);
    if (!effectiveness) {
      effectiveness = "MEDIUM";
      r.warn(null, `The effectiveness “${effectivenessText}” of the control “${row.get("name")}” is not Low, Medium or High; it was imported as Medium.`, row.line);
    }
    r.doc.securityControls.push({ name: row.get("name"), status, effectiveness });
  }
}

function readRiskSummary(r: Reader, table: Table) {
  const columns = tableColumns(r, table, [
    { key: "priority", match: /priority|severity|level/ },
    { key: "count", match: /count|number|#|threats/ },
  ]);
  for (const row of tableRows(r, table, columns)) {
    const priority = readPriority(row.get("priority"));
    const countText = row.get("count").trim();
    if (!priority || !countText) continue;
    const count = /^\d+$/.test(countText) ? Number(countText) : null;
    if (count === null) {
      r.warn(null, `The risk summary's count “${countText}” for ${LEVEL_LABELS[priority]} is not a number.`, row.line);
      continue;
    }
    r.riskCounts.push({ priority, count, line: row.line });
  }
}

function readTracking(r: Reader, table: Table) {
  const columns = tableColumns(r, table, [
    { key: "title", match: /^mitigations?\b|^control|^name/ },
    { key: "status", match: /status|state/ },
    { key: "task", match: /task|ticket|issue/ },
    { key: "implementedIn", match: /implemented in|where|release|commit|pr\b/ },
    { key: "due", match: /due|fix by|deadline/ },
    { key: "description", match: /description|notes?|details/ },
    { key: "owner", match: /owner|assignee|responsible/ },
  ]);
  if (!requireColumn(r, table, columns, "title", "Mitigation")) return;
  for (const row of tableRows(r, table, columns)) {
    const statusText = row.get("status");
    let status = readImplementationStatus(statusText);
    if (!status) {
      status = "NOT_STARTED";
      if (statusText.trim()) r.warn(null, `The status “${statusText}” of the mitigation “${row.get("title")}” is not Implemented, In progress, Planned or Not started; it was imported as Not started.`, row.line);
    }
    const dueText = row.get("due");
    const dueDate = dueText ? readIsoDate(dueText) : null;
    if (dueText && !dueDate) r.warn(null, `The due date “${dueText}” is not a YYYY-MM-DD date; it was not imported.`, row.line);
    r.tracked.push({
      title: row.get("title").trim(),
      description: row.get("description"),
      status,
      taskRef: row.get("task"),
      implementedIn: row.get("implementedIn"),
      dueDate,
      line: row.line,
      owner: row.get("owner").trim(),
    });
  }
}

function readResidualRisks(r: Reader, table: Table) {
  const columns = tableColumns(r, table, [
    { key: "threat", match: /threat|risk$|^risk\b(?! owner)/ },
    { key: "reason", match: /why|reason|accepted|justification/ },
    { key: "owner", match: /owner/ },
    { key: "review", match: /review|date/ },
    { key: "signOff", match: /sign.?off|decision|decided/ },
  ]);
  if (!requireColumn(r, table, columns, "threat", "Threat")) return;
  for (const row of tableRows(r, table, columns)) {
    // A written sign-off is a record of someone else's decision, never one made here.
    if (/^(accepted|rejected|expired)\b/i.test(row.get("signOff").trim())) {
      r.riskSignOffs++;
      r.riskSignOffLine ??= row.line;
    }
    r.doc.residualRisks.push({ threatTitle: row.get("threat"), reason: row.get("reason"), riskOwner: row.get("owner"), reviewDate: row.get("review") });
  }
}

function readApprovals(r: Reader, table: Table) {
  const columns = tableColumns(r, table, [
    { key: "role", match: /role/ },
    { key: "name", match: /name|who/ },
  ]);
  for (const row of table.children.slice(1)) {
    // A row is an approval when someone's name is written in it, not the template's "[name]".
    const nameIndex = columns.indexOf("name");
    const cell = nameIndex >= 0 ? row.children[nameIndex] : row.children[1];
    if (cell && inlineText(cell.children).trim() && !isPlaceholder(cellSource(r.source, cell)) && !isDash(inlineText(cell.children))) {
      r.approvalRows++;
      r.approvalLine ??= row.position?.start.line;
    }
  }
}

// ─── Security invariants ────────────────────────────────────────────────────────────────

function readInvariants(r: Reader, text: string, line: number | undefined, fromCode: boolean) {
  type Draft = { article: number | null; articleText: string; topic: string; condition: string[]; requirement: string[]; line: number | undefined; part: "topic" | "when" | "shall" };
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  const lines = text.split("\n");
  lines.forEach((rawLine, i) => {
    const lineNo = line === undefined ? undefined : line + i + (fromCode ? 1 : 0);
    const article = /^\s*Article\s+(\S+)\s*(?:[—–:-]+\s?)?(.*)$/i.exec(rawLine);
    if (article) {
      current = { article: /^\d+$/.test(article[1]!) ? Number(article[1]) : null, articleText: article[1]!, topic: article[2]!, condition: [], requirement: [], line: lineNo, part: "topic" };
      drafts.push(current);
      return;
    }
    const draft = current as Draft | null;
    if (!draft) {
      if (rawLine.trim()) r.warn(null, "A security invariant must start with “Article N — Topic”; this line was not imported.", lineNo);
      return;
    }
    const when = /^WHEN\s(.*)$/.exec(rawLine) ?? /^WHEN$/.exec(rawLine);
    const shall = /^THE SYSTEM SHALL\s(.*)$/.exec(rawLine) ?? /^THE SYSTEM SHALL$/.exec(rawLine);
    if (when && draft.part === "topic") {
      draft.part = "when";
      draft.condition.push(when[1] ?? "");
    } else if (shall && draft.part !== "shall") {
      draft.part = "shall";
      draft.requirement.push(shall[1] ?? "");
    } else if (draft.part === "topic") draft.topic += `\n${rawLine}`;
    else if (draft.part === "when") draft.condition.push(rawLine);
    else draft.requirement.push(rawLine);
  });
  for (const draft of drafts) {
    // Kept as written, full stop included: the requirement is the author's sentence.
    const requirement = draft.requirement.join("\n").replace(/\n+$/, "");
    const condition = draft.condition.join("\n");
    const parts = [draft.articleText, draft.topic, condition, requirement];
    if (parts.some((p) => isPlaceholder(p.trim()))) continue; // the template's "Article [N] — [Topic]"
    if (!draft.requirement.length) {
      r.warn(null, "This security invariant has no “THE SYSTEM SHALL” line; it was not imported.", draft.line);
      continue;
    }
    let article = draft.article;
    if (article === null) {
      article = r.doc.securityInvariants.length + 1;
      r.warn(null, `The article number “${draft.articleText}” is not a number; it was imported as ${article}.`, draft.line);
    }
    r.doc.securityInvariants.push({ article, topic: draft.topic, condition, requirement });
  }
}

// ─── Assembling the document ────────────────────────────────────────────────────────────

function mitigationKey(title: string): string {
  return asciiSlug(title, { max: 48 }) || "mitigation";
}

function titleKey(title: string): string {
  return title.trim().replace(/\s+/g, " ").toLowerCase();
}

function baseKey(title: string): string {
  return titleKey(title.replace(/\s*\([^()]*\)\s*$/, ""));
}

class Mitigations {
  readonly list: ThreatModelDocument["mitigations"] = [];
  private readonly byTitle = new Map<string, ThreatModelDocument["mitigations"][number]>();
  private readonly byBase = new Map<string, ThreatModelDocument["mitigations"][number][]>();
  private readonly keys = new Set<string>();

  constructor(private readonly r: Reader) {}

  find(title: string) {
    return this.byTitle.get(titleKey(title));
  }

  findByBase(title: string) {
    const found = this.byBase.get(baseKey(title));
    return found && found.length === 1 ? found[0] : undefined;
  }

  add(m: Omit<ThreatModelDocument["mitigations"][number], "key">) {
    let key = mitigationKey(m.title);
    for (let n = 2; this.keys.has(key); n++) key = `${mitigationKey(m.title)}-${n}`;
    this.keys.add(key);
    const mitigation = { key, ...m };
    this.list.push(mitigation);
    this.byTitle.set(titleKey(m.title), mitigation);
    const base = baseKey(m.title);
    this.byBase.set(base, [...(this.byBase.get(base) ?? []), mitigation]);
    return mitigation;
  }

  /**
   * The mitigation a threat or scenario names. The tracking table's title as written wins; a
   * scenario in a file without one may name a listed mitigation without its parenthetical
   * detail ("Rate limiting" for "Rate limiting (5 req/min per IP)").
   */
  resolve(mention: Mention, hasTracking: boolean): string | null {
    const parsed = readMitigationMention(mention.text);
    if (!parsed.fullTitle) return null;
    const existing =
      this.find(parsed.fullTitle) ??
      this.find(parsed.title) ??
      (!hasTracking && mention.context === "scenario" ? this.findByBase(parsed.title) : undefined);
    if (existing) {
      if (!hasTracking && parsed.status && parsed.status !== existing.status) {
        this.r.warn(null, `“${parsed.fullTitle}” gives the mitigation “${existing.title}” another status than before; the first was kept.`, mention.line);
      }
      return existing.key;
    }
    const status: ImplementationStatus = parsed.status ?? "NOT_STARTED";
    return this.add({ title: parsed.title, description: "", status, taskRef: "", implementedIn: "", dueDate: null }).key;
  }
}

function assemble(r: Reader): ThreatModelDocument {
  const doc = r.doc;
  doc.title = r.frontMatterTitle?.trim() ? r.frontMatterTitle : titleFromHeading(r.headingTitle);
  if (!r.frontMatterTitle?.trim() && r.headingTitle && r.headingTitle !== doc.title) {
    r.warn(null, `The title “${r.headingTitle}” is still the template's placeholder; the model was named “${doc.title}”.`, r.headingLine);
  }

  for (const field of ["overview", "scopeIn", "scopeOut", "architecture", "dataFlow"] as const) {
    const nodes = r.blocks[field];
    let text = nodes.length ? blockFieldText(r.source, nodes) : "";
    if (text && isTemplateDiagram(nodes)) {
      r.warn(nodes[0], "The template's example diagram was not imported.");
      text = "";
    }
    const inline = r.inlineFields[field];
    doc[field] = text || inline || "";
  }

  const mitigations = new Mitigations(r);
  const ownerOfKey = new Map<string, NamedOwner>();
  for (const tracked of r.tracked) {
    if (mitigations.find(tracked.title)) {
      r.warn(null, `The mitigation “${tracked.title}” is listed twice; the first row was kept.`, tracked.line);
      continue;
    }
    const { line, owner, ...fields } = tracked;
    const added = mitigations.add(fields);
    if (owner) ownerOfKey.set(added.key, { email: owner, line });
  }
  const hasTracking = r.tracked.length > 0;
  const keysOf = (mentions: Mention[]) => {
    const keys: string[] = [];
    for (const mention of mentions) {
      const key = mitigations.resolve(mention, hasTracking);
      if (key && !keys.includes(key)) keys.push(key);
    }
    return keys;
  };

  for (const threat of r.threats) {
    if (threat.likelihood === null || threat.impact === null) {
      r.warn(null, `The threat “${threat.title}” gives no ${missingLevels(threat)}; Medium was assumed.`, threat.line);
    }
    const likelihood = threat.likelihood ?? "MEDIUM";
    const impact = threat.impact ?? "MEDIUM";
    const computed = suggestPriority(likelihood, impact);
    const priority = threat.priority ?? computed;
    const priorityOverrideReason = priority !== computed ? threat.priorityOverrideReason || "Imported as written" : threat.priorityOverrideReason || null;
    doc.threats.push({
      category: threat.category,
      title: threat.title,
      description: threat.description,
      attackVectors: threat.attackVectors,
      likelihood,
      impact,
      priority,
      priorityOverrideReason,
      residualRisk: threat.residualRisk ?? null,
      residualRiskJustification: threat.residualRiskJustification ?? "",
      dueDate: threat.dueDate ?? null,
      mitigationKeys: keysOf(threat.mentions),
    });
  }

  for (const category of STRIDE_CATEGORIES) {
    const risk = r.categoryRisk.get(category);
    if (risk) doc.strideAssessments.push({ category, residualRisk: risk.rating, justification: risk.justification });
  }

  for (const scenario of r.scenarios) {
    if (scenario.likelihood === null || scenario.impact === null) {
      r.warn(null, `The attack scenario “${scenario.title}” gives no ${missingLevels(scenario)}; Medium was assumed.`, scenario.line);
    }
    doc.attackScenarios.push({
      title: scenario.title,
      description: scenario.description,
      likelihood: scenario.likelihood ?? "MEDIUM",
      impact: scenario.impact ?? "MEDIUM",
      mitigationKeys: keysOf(scenario.mentions),
    });
  }
  doc.mitigations = mitigations.list;
  r.mitigationOwners.push(...doc.mitigations.map((m) => ownerOfKey.get(m.key) ?? null));

  compareRiskSummary(r, doc);
  if (r.approvalRows > 0) {
    r.warn(null, `${r.approvalRows === 1 ? "One approval" : `${r.approvalRows} approvals`} in the file ${r.approvalRows === 1 ? "was" : "were"} not imported: approvals are given in ThreatDesk by the reviewers themselves.`, r.approvalLine);
  }
  if (r.riskSignOffs > 0) {
    r.warn(
      null,
      `${r.riskSignOffs === 1 ? "One residual-risk sign-off" : `${r.riskSignOffs} residual-risk sign-offs`} in the file ${r.riskSignOffs === 1 ? "was" : "were"} not imported: the risks are proposed again, for a security lead here to accept.`,
      r.riskSignOffLine,
    );
  }
  return doc;
}

function missingLevels(item: { likelihood: Likelihood | null; impact: Impact | null }): string {
  if (item.likelihood === null && item.impact === null) return "likelihood or impact";
  return item.likelihood === null ? "likelihood" : "impact";
}

function titleFromHeading(heading: string | null): string {
  if (!heading?.trim()) return DEFAULT_TITLE;
  const named = /^threat model\s*[:—–-]\s*(.+)$/i.exec(heading.trim());
  if (named && !isPlaceholder(named[1]!)) return heading.trim();
  const cleaned = heading.replace(/(?<!\\)\[[^\]]*\]/g, "").replace(/[:—–-]\s*$/, "").trim();
  return cleaned || DEFAULT_TITLE;
}

function compareRiskSummary(r: Reader, doc: ThreatModelDocument) {
  for (const { priority, count, line } of r.riskCounts) {
    const actual = doc.threats.filter((t) => t.priority === priority).length;
    if (actual !== count) {
      r.warn(null, `The risk summary counts ${count} ${LEVEL_LABELS[priority].toLowerCase()}-priority threat${count === 1 ? "" : "s"}, but the file lists ${actual}; ThreatDesk counts the threats themselves.`, line);
    }
  }
}
