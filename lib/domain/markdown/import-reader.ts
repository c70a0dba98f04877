// The state of one walk over a Markdown threat model: what has been read so far, where the walk
// is, and which template section a heading opens.
import type { Heading, RootContent } from "mdast";
import { emptyDocument, type ThreatModelDocument } from "../model-document";
import type { TemplateSectionId } from "../team-template";
import type { Impact, Likelihood, Priority, RiskRating, StrideCategory } from "../threat-model";
import type { SourceRange } from "./syntax";
import { stripNumbering } from "./vocabulary";

export type ImportWarning = { line?: number; message: string };
/** A mitigation owner as the tracking table names it (a member's email), with its row's line. */
export type NamedOwner = { email: string; line: number | undefined };

export const DEFAULT_TITLE = "Untitled threat model";

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

export function sectionOf(headingText: string): TemplateSectionId | null {
  const text = stripNumbering(headingText).toLowerCase();
  for (const [pattern, id] of SECTION_PATTERNS) if (pattern.test(text)) return id;
  return null;
}

export type BlockField = "overview" | "scopeIn" | "scopeOut" | "architecture" | "dataFlow";

export function blockFieldOfSubheading(text: string): BlockField | null {
  const t = stripNumbering(text).toLowerCase().trim();
  if (/^(out of scope|not in scope|excluded|exclusions|scope out)/.test(t)) return "scopeOut";
  if (/^(in scope|scope|included|scope in)/.test(t)) return "scopeIn";
  if (/^data ?flow/.test(t)) return "dataFlow";
  if (/^(architecture|diagram|components?)/.test(t)) return "architecture";
  if (/^(overview|summary|description|purpose|context|background)/.test(t)) return "overview";
  return null;
}

export type Mention = { text: string; line: number | undefined; context: "threat" | "scenario" };
export type DraftThreat = Omit<ThreatModelDocument["threats"][number], "mitigationKeys" | "priority" | "likelihood" | "impact"> & {
  likelihood: Likelihood | null;
  impact: Impact | null;
  priority: Priority | null;
  mentions: Mention[];
  line: number | undefined;
  /** Written as "**Threat**: …" (the example's list form): takes its category's residual risk. */
  listForm: boolean;
};
export type DraftScenario = Omit<ThreatModelDocument["attackScenarios"][number], "mitigationKeys" | "likelihood" | "impact"> & {
  likelihood: Likelihood | null;
  impact: Impact | null;
  mentions: Mention[];
  line: number | undefined;
};
export type TrackedMitigation = Omit<ThreatModelDocument["mitigations"][number], "key"> & { line: number | undefined; owner: string };

/** Everything one walk over the tree collects before the document is assembled. */
export class Reader {
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
  /** The heading just before the current node in the architecture section, which names a diagram block after it. */
  /** Where the diagram blocks read into diagrams stand in the source, with their headings: not part of any text. */
  readonly diagramRanges: SourceRange[] = [];
  lastHeading: { text: string; node: Heading; diagram: boolean; pushedTo: BlockField | null } | null = null;

  constructor(readonly source: string) {}

  warn(node: { position?: { start: { line: number } } } | undefined | null, message: string, line?: number) {
    this.warnings.push({ line: line ?? node?.position?.start.line, message });
  }
}
