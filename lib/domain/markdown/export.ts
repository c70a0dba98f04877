// Writes a ThreatModelDocument as the team's Markdown template: front matter, then the sections of
// the template registry in its order and with its numbers, the same tables and wording, plus the
// attack scenarios and controls summary the filled-in example adds. Whatever the text,
// importMarkdown reads the result back as the same document (see export-escape.ts).
import YAML from "yaml";
import type { ThreatModelDocument } from "../model-document";
import { CLASSIFICATION_LABELS, LEVEL_LABELS, PRIORITIES, STRIDE_CATEGORIES, STRIDE_LABELS, THREAT_MODEL_STATUS_LABELS } from "../threat-model";
import { today as todayOf } from "../calendar";
import { CAPACITY_LABELS } from "../review";
import { DEFAULT_FIX_BY, fixByWording, type FixBySettings } from "../sla";
import { pendingCapacities, riskSignOffLabel, signOffRows, type ReviewRecord } from "../exchange/sign-offs";
import { TEMPLATE_SECTIONS, type TemplateSectionId } from "../team-template";
import { blockField, cell, escapeHeading, escapeInline, labelled, labelledBlock, listCell, pushBlock, residualCell, statusCell, table } from "./export-escape";
import { diagramBlock, diagramHeading } from "./diagram-blocks";
import { STATUS_MARKERS } from "./vocabulary";

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

type Writing = { doc: ThreatModelDocument; options: MarkdownExportOptions; number: number };

export function exportMarkdown(doc: ThreatModelDocument, options: MarkdownExportOptions = {}): string {
  const out: string[] = [];
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

  for (const section of TEMPLATE_SECTIONS) {
    out.push("---", `## ${section.number}. ${section.heading}`);
    out.push(...SECTION_WRITERS[section.id]({ doc, options, number: section.number }));
  }

  out.push("---");
  const footer = [
    labelled("Document Status:", THREAT_MODEL_STATUS_LABELS[doc.status]),
    doc.nextReviewDate ? `**Next Review**: ${doc.nextReviewDate}` : null,
    labelled("Owner:", doc.ownerTeam),
  ].filter((line): line is string => line !== null);
  out.push(labelledBlock(footer));

  return out.filter((block) => block !== "").join("\n\n") + "\n";
}

const mitigationTitles = (doc: ThreatModelDocument) => new Map(doc.mitigations.map((m) => [m.key, m.title]));

/** Each section's blocks after its heading. */
const SECTION_WRITERS: Record<TemplateSectionId, (w: Writing) => string[]> = {
  "feature-overview": ({ doc }) => {
    const out: string[] = [];
    const overviewLines = [labelled("Feature being modeled:", doc.featureName), labelled("System diagram reference:", doc.systemDiagramRef)].filter(
      (line): line is string => line !== null,
    );
    if (overviewLines.length) out.push(labelledBlock(overviewLines));
    pushBlock(out, "### Overview", doc.overview);
    pushBlock(out, "### In scope", doc.scopeIn);
    pushBlock(out, "### Out of scope", doc.scopeOut);
    return out;
  },

  // The text, then each diagram as a Mermaid flowchart that Markdown viewers draw. A flowchart
  // typed into the text itself is written verbatim, or the import would read it as a diagram.
  architecture: ({ doc }) => {
    const out: string[] = [];
    if (doc.architecture) out.push(blockField(doc.architecture, { flowchartsVerbatim: true }));
    if (doc.dataFlow) out.push("### Data flow", blockField(doc.dataFlow, { flowchartsVerbatim: true }));
    for (const diagram of doc.diagrams ?? []) out.push(diagramHeading(diagram.name), diagramBlock(diagram));
    return out;
  },

  "trust-boundaries": ({ doc }) => [
    table(
      ["Boundary", "Description", "What crosses it"],
      doc.trustBoundaries.map((b) => [cell(b.name), cell(b.description), cell(b.crossing)]),
    ),
  ],

  assets: ({ doc }) => [
    table(
      ["Asset", "Classification", "What happens if compromised"],
      doc.assets.map((a) => [cell(a.name), CLASSIFICATION_LABELS[a.classification], cell(a.compromiseImpact)]),
    ),
  ],

  stride: ({ doc }) => {
    const out: string[] = [];
    const titleOf = mitigationTitles(doc);
    const titlesOf = (keys: string[]) => keys.map((key) => titleOf.get(key)).filter((t): t is string => t !== undefined);
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
              listCell(titlesOf(t.mitigationKeys)),
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
    return out;
  },

  // Counted from the threats, never typed.
  "risk-summary": ({ doc, options }) => [
    table(
      ["Priority", "Count", "Must fix before?"],
      PRIORITIES.map((p) => [LEVEL_LABELS[p], String(doc.threats.filter((t) => t.priority === p).length), fixByWording(p, options.fixBy ?? DEFAULT_FIX_BY)]),
    ),
  ],

  // Every mitigation, so titles in the other tables resolve to these rows. The owner is a
  // member's email: the one name another organization can match to its members.
  mitigations: ({ doc, options }) => {
    const ownerEmails = options.mitigationOwnerEmails ?? [];
    return [
      table(
        ["Mitigation", "Status", "Task ID", "Implemented in", "Owner", "Due date", "Notes"],
        doc.mitigations.map((m, i) => [
          cell(m.title),
          statusCell(m.status),
          cell(m.taskRef),
          cell(m.implementedIn),
          cell(ownerEmails[i] ?? ""),
          m.dueDate ?? "",
          cell(m.description),
        ]),
      ),
    ];
  },

  "attack-scenarios": ({ doc, number }) => {
    const out: string[] = [];
    const titleOf = mitigationTitles(doc);
    const statusOf = new Map(doc.mitigations.map((m) => [m.key, m.status]));
    if (!doc.attackScenarios.length) out.push("No attack scenarios recorded.");
    doc.attackScenarios.forEach((scenario, i) => {
      out.push(`### ${number}.${i + 1} ${escapeHeading(scenario.title)}`);
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
    return out;
  },

  "security-controls": ({ doc }) => [
    table(
      ["Control", "Status", "Effectiveness"],
      doc.securityControls.map((c) => [cell(c.name), statusCell(c.status), LEVEL_LABELS[c.effectiveness]]),
    ),
  ],

  "security-invariants": ({ doc }) => {
    if (!doc.securityInvariants.length) return ["No security invariants recorded."];
    const text = doc.securityInvariants
      .map((inv) => `Article ${inv.article} — ${inv.topic}\nWHEN ${inv.condition}\nTHE SYSTEM SHALL ${inv.requirement}`)
      .join("\n\n");
    const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
    const fence = "`".repeat(Math.max(3, longest + 1));
    return [`${fence}\n${text}\n${fence}`];
  },

  "residual-risks": ({ doc, options }) => {
    const today = options.today ?? todayOf();
    const riskSignOffs = options.review?.riskSignOffs ?? [];
    return [
      table(
        ["Threat", "Why accepted", "Risk owner", "Review date", "Sign-off"],
        doc.residualRisks.map((risk, i) => {
          const signOff = riskSignOffs[i];
          return [
            cell(risk.threatTitle),
            cell(risk.reason),
            cell(risk.riskOwner),
            cell(risk.reviewDate),
            signOff ? cell(riskSignOffLabel(signOff, risk.reviewDate, today)) : "",
          ];
        }),
      ),
    ];
  },

  // The decisions as the document view lists them, then the roles still to decide.
  "review-approval": ({ options }) => {
    const signOffs = options.review?.signOffs ?? [];
    const approvalRows = [
      ...signOffRows(signOffs).map((a) => [cell(a.role), cell(a.name), cell(a.decision), cell(a.date)]),
      ...pendingCapacities(signOffs).map((c) => [cell(CAPACITY_LABELS[c]), "", "Pending", ""]),
    ];
    return [table(["Role", "Name", "Status", "Date"], approvalRows), "**Approval required before implementing any security-sensitive feature.**"];
  },
};
