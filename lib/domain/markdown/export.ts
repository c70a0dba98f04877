// Writes a ThreatModelDocument as the team's Markdown template: front matter, numbered sections,
// the same tables and wording, plus the attack scenarios and controls summary the filled-in
// example adds. Whatever the text, importMarkdown reads the result back as the same document:
// each value is escaped for the place it is written in, and proved by parsing it there.
import YAML from "yaml";
import type { ThreatModelDocument } from "../model-document";
import {
  CLASSIFICATION_LABELS,
  IMPLEMENTATION_STATUS_LABELS,
  LEVEL_LABELS,
  PRIORITIES,
  STRIDE_CATEGORIES,
  STRIDE_LABELS,
  THREAT_MODEL_STATUS_LABELS,
  type ImplementationStatus,
} from "../threat-model";
import { today as todayOf } from "../calendar";
import { CAPACITY_LABELS } from "../review";
import { DEFAULT_FIX_BY, fixByWording, type FixBySettings } from "../sla";
import { pendingCapacities, riskSignOffLabel, signOffRows, type ReviewRecord } from "../exchange/sign-offs";
import { TEMPLATE_SECTIONS, type TemplateSectionId } from "./import";
import { blockFieldText, cellItems, inlineText, isTemplateDiagram, labelledLine, labelledValue, paragraphLines, parseMarkdown, verbatimFence } from "./syntax";
import { STATUS_MARKERS, stripNumbering } from "./vocabulary";

export type MarkdownExportOptions = {
  /** Decisions for "Review & Approval" and residual-risk sign-offs; without them both roles show as pending. */
  review?: ReviewRecord;
  /** Per mitigation, in order: its owner's email, written in the tracking table. */
  mitigationOwnerEmails?: (string | null)[];
  /** YYYY-MM-DD, for whether an accepted risk is past its review date (today, UTC, by default). */
  today?: string;
  /** YYYY-MM-DD, written to the front matter's last_updated. */
  lastUpdated?: string;
  /** The organization's fix-by rule, which the risk summary states (the template's days by default). */
  fixBy?: FixBySettings;
};

export function exportMarkdown(doc: ThreatModelDocument, options: MarkdownExportOptions = {}): string {
  const out: string[] = [];
  const titles = sectionNumbers();

  const frontMatter: Record<string, string> = {
    title: doc.title,
    version: doc.version,
    status: THREAT_MODEL_STATUS_LABELS[doc.status],
    owner: doc.ownerTeam,
    category: doc.category,
  };
  if (options.lastUpdated) frontMatter.last_updated = options.lastUpdated;
  out.push(`---\n${YAML.stringify(frontMatter, { lineWidth: 0 }).trimEnd()}\n---`);
  out.push(`# Threat Model: ${escapeHeading(doc.title)}`);

  // 1. Feature overview
  out.push("---", titles("feature-overview"));
  const overviewLines = [
    labelled("Feature being modeled:", doc.featureName),
    labelled("System diagram reference:", doc.systemDiagramRef),
  ].filter((line): line is string => line !== null);
  if (overviewLines.length) out.push(labelledBlock(overviewLines));
  pushBlock(out, "### Overview", doc.overview);
  pushBlock(out, "### In scope", doc.scopeIn);
  pushBlock(out, "### Out of scope", doc.scopeOut);

  // 2. Architecture
  out.push("---", titles("architecture"));
  if (doc.architecture) out.push(blockField(doc.architecture));
  pushBlock(out, "### Data flow", doc.dataFlow);

  // 3–4. Trust boundaries and assets
  out.push("---", titles("trust-boundaries"));
  out.push(
    table(
      ["Boundary", "Description", "What crosses it"],
      doc.trustBoundaries.map((b) => [cell(b.name), cell(b.description), cell(b.crossing)]),
    ),
  );
  out.push("---", titles("assets"));
  out.push(
    table(
      ["Asset", "Classification", "What happens if compromised"],
      doc.assets.map((a) => [cell(a.name), CLASSIFICATION_LABELS[a.classification], cell(a.compromiseImpact)]),
    ),
  );

  // 5. STRIDE
  out.push("---", titles("stride"));
  const titleOf = new Map(doc.mitigations.map((m) => [m.key, m.title]));
  const mitigationTitles = (keys: string[]) => keys.map((key) => titleOf.get(key)).filter((t): t is string => t !== undefined);
  const optional = {
    vectors: doc.threats.some((t) => t.attackVectors.length > 0),
    residual: doc.threats.some((t) => t.residualRisk || t.residualRiskJustification),
    due: doc.threats.some((t) => t.dueDate),
    reason: doc.threats.some((t) => t.priorityOverrideReason),
    description: doc.threats.some((t) => t.description),
  };
  const threatHeader = [
    "Threat",
    "Likelihood",
    "Impact",
    "Priority",
    "Mitigation",
    ...(optional.vectors ? ["Attack vectors"] : []),
    ...(optional.residual ? ["Residual risk"] : []),
    ...(optional.due ? ["Fix by"] : []),
    ...(optional.reason ? ["Priority reason"] : []),
    ...(optional.description ? ["Description"] : []),
  ];
  for (const category of STRIDE_CATEGORIES) {
    const label = STRIDE_LABELS[category];
    out.push(`### ${label.name} (${label.letter}) — ${label.question}`);
    const threats = doc.threats.filter((t) => t.category === category);
    if (threats.length) {
      out.push(
        table(
          threatHeader,
          threats.map((t) => [
            cell(t.title),
            LEVEL_LABELS[t.likelihood],
            LEVEL_LABELS[t.impact],
            LEVEL_LABELS[t.priority],
            listCell(mitigationTitles(t.mitigationKeys)),
            ...(optional.vectors ? [listCell(t.attackVectors)] : []),
            ...(optional.residual ? [residualCell(t.residualRisk ?? null, t.residualRiskJustification ?? "")] : []),
            ...(optional.due ? [t.dueDate ?? ""] : []),
            ...(optional.reason ? [cell(t.priorityOverrideReason ?? "")] : []),
            ...(optional.description ? [cell(t.description)] : []),
          ]),
        ),
      );
    } else out.push("No threats recorded in this category.");
    const assessment = doc.strideAssessments.find((a) => a.category === category);
    if (assessment) {
      const value = LEVEL_LABELS[assessment.residualRisk] + (assessment.justification ? ` — ${assessment.justification}` : "");
      out.push(labelled("Residual Risk:", value) ?? "");
    }
  }

  // 6. Attack scenarios
  out.push("---", titles("attack-scenarios"));
  const statusOf = new Map(doc.mitigations.map((m) => [m.key, m.status]));
  const scenarioNumber = titles.number("attack-scenarios");
  if (!doc.attackScenarios.length) out.push("No attack scenarios recorded.");
  doc.attackScenarios.forEach((scenario, i) => {
    out.push(`### ${scenarioNumber}.${i + 1} ${escapeHeading(scenario.title)}`);
    const lines = [
      labelled("Scenario:", scenario.description),
      `**Likelihood**: **${LEVEL_LABELS[scenario.likelihood]}**`,
      `**Impact**: **${LEVEL_LABELS[scenario.impact]}**`,
    ].filter((line): line is string => line !== null);
    out.push(labelledBlock(lines));
    const items = scenario.mitigationKeys.filter((key) => titleOf.has(key));
    if (items.length) {
      out.push("**Mitigations**:");
      out.push(items.map((key) => `- ${STATUS_MARKERS[statusOf.get(key) ?? "NOT_STARTED"]} ${escapeInline(titleOf.get(key)!, "list")}`).join("\n"));
    }
  });

  // 7. Controls
  out.push("---", titles("security-controls"));
  out.push(
    table(
      ["Control", "Status", "Effectiveness"],
      doc.securityControls.map((c) => [cell(c.name), statusCell(c.status), LEVEL_LABELS[c.effectiveness]]),
    ),
  );

  // 8. Risk summary: counted from the threats, never typed.
  out.push("---", titles("risk-summary"));
  out.push(
    table(
      ["Priority", "Count", "Must fix before?"],
      PRIORITIES.map((p) => [LEVEL_LABELS[p], String(doc.threats.filter((t) => t.priority === p).length), fixByWording(p, options.fixBy ?? DEFAULT_FIX_BY)]),
    ),
  );

  // 9. Mitigation tracking: every mitigation, so titles in the tables above resolve to these rows.
  out.push("---", titles("mitigations"));
  // The owner is a member's email: the one name another organization can match to its members.
  const ownerEmails = options.mitigationOwnerEmails ?? [];
  out.push(
    table(
      ["Mitigation", "Status", "Task ID", "Implemented in", "Owner", "Due date", "Notes"],
      doc.mitigations.map((m, i) => [cell(m.title), statusCell(m.status), cell(m.taskRef), cell(m.implementedIn), cell(ownerEmails[i] ?? ""), m.dueDate ?? "", cell(m.description)]),
    ),
  );

  // 10. Invariants
  out.push("---", titles("security-invariants"));
  if (doc.securityInvariants.length) {
    const text = doc.securityInvariants
      .map((inv) => `Article ${inv.article} — ${inv.topic}\nWHEN ${inv.condition}\nTHE SYSTEM SHALL ${inv.requirement}`)
      .join("\n\n");
    const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
    const fence = "`".repeat(Math.max(3, longest + 1));
    out.push(`${fence}\n${text}\n${fence}`);
  } else out.push("No security invariants recorded.");

  // 11. Residual risks
  out.push("---", titles("residual-risks"));
  const today = options.today ?? todayOf();
  const riskSignOffs = options.review?.riskSignOffs ?? [];
  out.push(
    table(
      ["Threat", "Why accepted", "Risk owner", "Review date", "Sign-off"],
      doc.residualRisks.map((risk, i) => {
        const signOff = riskSignOffs[i];
        return [cell(risk.threatTitle), cell(risk.reason), cell(risk.riskOwner), cell(risk.reviewDate), signOff ? cell(riskSignOffLabel(signOff, risk.reviewDate, today)) : ""];
      }),
    ),
  );

  // 12. Review and approval: the decisions as the document view lists them, then the roles still to decide.
  out.push("---", titles("review-approval"));
  const signOffs = options.review?.signOffs ?? [];
  const approvalRows = [
    ...signOffRows(signOffs).map((a) => [cell(a.role), cell(a.name), cell(a.decision), cell(a.date)]),
    ...pendingCapacities(signOffs).map((c) => [cell(CAPACITY_LABELS[c]), "", "Pending", ""]),
  ];
  out.push(table(["Role", "Name", "Status", "Date"], approvalRows));
  out.push("**Approval required before implementing any security-sensitive feature.**");

  out.push("---");
  const footer = [
    labelled("Document Status:", THREAT_MODEL_STATUS_LABELS[doc.status]),
    doc.nextReviewDate ? `**Next Review**: ${doc.nextReviewDate}` : null,
    labelled("Owner:", doc.ownerTeam),
  ].filter((line): line is string => line !== null);
  out.push(labelledBlock(footer));

  return out.filter((block) => block !== "").join("\n\n") + "\n";
}

// ─── Section headings ───────────────────────────────────────────────────────────────────

function sectionNumbers() {
  const number = (id: TemplateSectionId) => TEMPLATE_SECTIONS.findIndex((s) => s.id === id) + 1;
  const heading = (id: TemplateSectionId) => `## ${number(id)}. ${TEMPLATE_SECTIONS.find((s) => s.id === id)!.title}`;
  return Object.assign(heading, { number });
}

// ─── Escaping, proved by parsing ────────────────────────────────────────────────────────

type InlineContext = "cell" | "paragraph" | "list" | "heading";

const MINIMAL = /[\\`[\]<|]|&(?=#?[A-Za-z0-9]+;)/g;
const LIGHT = /[\\`*_[\]<>|~]|&(?=#?[A-Za-z0-9]+;)/g;
const FULL = /[!-/:-@[-`{-~]/g;

/**
 * Spaces around a value and line breaks inside it, written so they survive: as character
 * references (Markdown trims and joins bare ones), and inside a paragraph or heading as <br>, so
 * a value's own line break is not read as the end of its labelled line.
 */
function encodeWhitespace(text: string, context: InlineContext): string {
  const reference = (c: string) => (c === "\n" && (context === "paragraph" || context === "heading") ? "<br>" : `&#${c.codePointAt(0)};`);
  const lead = /^\s*/.exec(text)![0];
  const body = text.slice(lead.length);
  const trail = /\s*$/.exec(body)![0];
  const middle = body.slice(0, body.length - trail.length);
  return lead.replace(/[\s\S]/g, reference) + middle.replace(/[\n\r\f\v]/g, reference) + trail.replace(/[\s\S]/g, reference);
}

function readBack(context: InlineContext, escaped: string): string | null {
  switch (context) {
    case "cell": {
      const tree = parseMarkdown(`| x |\n|---|\n| ${escaped} |`);
      const t = tree.children[0];
      if (tree.children.length !== 1 || t?.type !== "table") return null;
      const row = t.children[1];
      if (t.children.length !== 2 || row?.children.length !== 1) return null;
      return inlineText(row.children[0]!.children);
    }
    case "list": {
      const tree = parseMarkdown(`- ✅ ${escaped}`);
      const list = tree.children[0];
      const item = list?.type === "list" ? list.children[0] : undefined;
      const para = item?.children[0];
      if (tree.children.length !== 1 || list?.type !== "list" || list.children.length !== 1 || item?.children.length !== 1 || para?.type !== "paragraph") return null;
      const text = inlineText(para.children);
      return text.startsWith("✅ ") ? text.slice(2) : null;
    }
    case "heading": {
      const tree = parseMarkdown(`### 6.1 ${escaped}`);
      const h = tree.children[0];
      if (tree.children.length !== 1 || h?.type !== "heading") return null;
      return stripNumbering(inlineText(h.children).trim());
    }
    case "paragraph": {
      const source = `**Label:** ${escaped}`;
      const tree = parseMarkdown(source);
      const p = tree.children[0];
      if (tree.children.length !== 1 || p?.type !== "paragraph") return null;
      const lines = paragraphLines(p);
      const line = lines.length === 1 ? labelledLine(lines[0]!) : null;
      return line ? labelledValue(source, line) : null;
    }
  }
}

/** Escapes text for one inline place; light escaping when it reads back, every punctuation mark otherwise. */
function escapeInline(text: string, context: InlineContext): string {
  const hashes = (s: string) => (context === "heading" ? s.replace(/#/g, "\\#") : s);
  // Most titles need nothing but their brackets and pipes escaped: "user_id" stays readable.
  const minimal = encodeWhitespace(hashes(text.replace(MINIMAL, (c) => `\\${c}`)), context);
  if (readBack(context, minimal) === text) return minimal;
  const light = encodeWhitespace(hashes(text.replace(LIGHT, (c) => `\\${c}`)), context);
  if (readBack(context, light) === text) return light;
  return encodeWhitespace(text.replace(FULL, (c) => `\\${c}`), context);
}

function cell(text: string): string {
  if (!text) return "";
  // A lone dash reads as "empty" in the template's tables; a dash that is the value is written as a reference.
  if (/^[-–—]$/.test(text)) return `&#${text.codePointAt(0)};`;
  return escapeInline(text, "cell");
}

function escapeHeading(text: string): string {
  return escapeInline(text, "heading");
}

/** Items of a list kept in one cell, one per line. */
function listCell(items: string[]): string {
  const joined = items.map((item) => escapeInline(item, "cell")).join("<br>");
  if (sameItems(joined, items)) return joined;
  // Emphasis can pair across items (one's "_" with the next one's) and swallow the <br> between them.
  return items.map((item) => encodeWhitespace(item.replace(FULL, (c) => `\\${c}`), "cell")).join("<br>");
}

function sameItems(cellText: string, items: string[]): boolean {
  const tree = parseMarkdown(`| x |\n|---|\n| ${cellText} |`);
  const t = tree.children[0];
  const row = t?.type === "table" ? t.children[1] : undefined;
  const only = row?.children[0];
  if (!only || row.children.length !== 1) return false;
  const read = cellItems(only);
  return read.length === items.length && read.every((item, i) => item === items[i]!.trim());
}

function statusCell(status: ImplementationStatus): string {
  const marker = STATUS_MARKERS[status];
  return status === "NOT_STARTED" ? IMPLEMENTATION_STATUS_LABELS[status] : `${marker} ${IMPLEMENTATION_STATUS_LABELS[status]}`;
}

function residualCell(rating: keyof typeof LEVEL_LABELS | null, justification: string): string {
  const head = rating ? LEVEL_LABELS[rating] : "";
  return head + (justification ? ` — ${escapeInline(justification, "cell")}` : "");
}

/**
 * Labelled lines in one paragraph, as the template writes them, when they read back line by
 * line; otherwise one paragraph each, so emphasis cannot pair across two values.
 */
function labelledBlock(lines: (string | null)[]): string {
  const present = lines.filter((line): line is string => line !== null);
  const joined = present.join("\n");
  const tree = parseMarkdown(joined);
  const p = tree.children[0];
  if (tree.children.length === 1 && p?.type === "paragraph") {
    const read = paragraphLines(p).map((line) => labelledLine(line));
    const expected = present.map((line) => {
      const single = parseMarkdown(line).children[0];
      return single?.type === "paragraph" ? paragraphLines(single).map((l) => labelledLine(l)) : [];
    });
    const valuesOf = (source: string, ls: (ReturnType<typeof labelledLine>)[]) => ls.map((l) => (l ? `${l.label}=${labelledValue(source, l)}` : null));
    const want = present.flatMap((line, i) => valuesOf(line, expected[i]!));
    const got = valuesOf(joined, read);
    if (want.length === got.length && want.every((w, i) => w !== null && w === got[i])) return joined;
  }
  return present.join("\n\n");
}

/** "**Label:** value", or nothing for an empty value. */
function labelled(label: string, value: string): string | null {
  if (!value) return null;
  return `**${label}** ${escapeInline(value, "paragraph")}`;
}

// ─── Free-text fields ───────────────────────────────────────────────────────────────────

/**
 * A free-text field is Markdown in its own right (paragraphs, lists, a diagram in a code
 * block) and is written as it is, unless reading it back would give other text: a heading
 * inside it would open a section, leading spaces would be lost. Then it is written verbatim in
 * a code block the importer unwraps.
 */
function blockField(text: string): string {
  const source = `para\n\n${text}\n\nsentinel`;
  try {
    const tree = parseMarkdown(source);
    const nodes = tree.children;
    const first = nodes[0];
    const last = nodes[nodes.length - 1];
    const middle = nodes.slice(1, -1);
    const safe =
      first?.type === "paragraph" &&
      inlineText(first.children) === "para" &&
      last?.type === "paragraph" &&
      inlineText(last.children) === "sentinel" &&
      last.position?.start.offset === source.length - "sentinel".length &&
      middle.length > 0 &&
      middle.every((node) => node.type !== "heading" && node.type !== "yaml") &&
      blockFieldText(source, middle) === text &&
      !isTemplateDiagram(middle);
    if (safe) return text;
  } catch {
    // fall through to the verbatim form
  }
  return verbatimFence(text);
}

function pushBlock(out: string[], heading: string, text: string) {
  if (!text) return;
  out.push(heading, blockField(text));
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c || " ").join(" | ")} |`;
  return [line(header), `|${header.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
}
