// Reads a threat model written in Markdown (the team's template, the filled-in example's list
// form, or ThreatDesk's own export) into a ThreatModelDocument. It walks the Markdown tree
// section by section; regular expressions only ever look at one heading, cell or label value.
// Anything it cannot use becomes a warning with the line it came from, never an exception.
import type { Heading, Root, RootContent, Table } from "mdast";
import { emptyDocument, type ThreatModelDocument } from "../model-document";
import type { TemplateSectionId } from "../team-template";
import { assemble } from "./import-assemble";
import { readInvariants } from "./import-invariants";
import { readFrontMatter, readLabelledParagraph, readPreambleQuote } from "./import-labels";
import { blockFieldOfSubheading, DEFAULT_TITLE, Reader, sectionOf, type DraftScenario, type ImportWarning, type NamedOwner } from "./import-reader";
import { readApprovals, readAssets, readBoundaries, readControls, readResidualRisks, readRiskSummary, readTracking } from "./import-tables";
import { closeCategory, openCategory, readLabelledList, readThreatTable, startListThreat } from "./import-threats";
import { diagramHeadingName } from "./diagram-blocks";
import { guardSource } from "./guard";
import { isMermaidFlowchart, readDiagramNode } from "./import-diagrams";
import { repairMojibake } from "./mojibake";
import { inlineText, parseMarkdown } from "./syntax";
import { readStrideCategory, stripNumbering } from "./vocabulary";

export type { ImportWarning, NamedOwner } from "./import-reader";
export type MarkdownImport = {
  document: ThreatModelDocument;
  /** Per mitigation of the document, in order: the owner its tracking row names, or null. */
  mitigationOwners: (NamedOwner | null)[];
  warnings: ImportWarning[];
  /** The template sections the file contained (ids of TEMPLATE_SECTIONS), in the order found. */
  sections: string[];
  repairedEncoding: boolean;
};

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
      preWarnings.push({
        line: firstChangedLine(guarded.source, repaired.text),
        message: "The file's text was double-encoded (UTF-8 read as Windows-1252); it was repaired.",
      });
    }
    const tree = parseMarkdown(repaired.text);
    const reader = new Reader(repaired.text);
    reader.warnings.push(...preWarnings);
    walk(reader, tree);
    const document = withRowKeys(assemble(reader));
    if (reader.sections.length === 0 && document.threats.length === 0) {
      reader.warnings.push({ line: 1, message: "No section of the threat-model template was found in this file." });
    }
    return { document, mitigationOwners: reader.mitigationOwners, warnings: reader.warnings, sections: [...reader.sections], repairedEncoding };
  } catch (error) {
    return {
      document: emptyDocument(DEFAULT_TITLE),
      mitigationOwners: [],
      warnings: [
        ...preWarnings,
        { line: 1, message: `The file could not be read as a threat model (${error instanceof Error ? error.message : "unknown error"}).` },
      ],
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
  r.lastHeading = null;
  r.section = id;
  r.block = id === "architecture" ? "architecture" : null;
  r.pendingList = null;
  r.currentThreat = null;
  r.currentScenario = null;
  if (id !== "preamble" && id !== "unknown" && !r.sections.includes(id)) r.sections.push(id);
}

/** A "Diagram: …" heading with no flowchart after it is an ordinary architecture heading. */
function settleDiagramHeading(r: Reader) {
  if (r.lastHeading?.diagram) r.block = "architecture";
  r.lastHeading = null;
}

function subheading(r: Reader, node: Heading, text: string) {
  r.pendingList = null;
  if (r.section === "architecture") settleDiagramHeading(r);
  switch (r.section) {
    case "architecture": {
      // "Diagram: name" names the Mermaid block after it; anything else there makes it an ordinary heading.
      const diagramName = diagramHeadingName(text);
      if (diagramName !== null) {
        r.lastHeading = { text: diagramName, node, diagram: true, pushedTo: null };
        return;
      }
      const field = blockFieldOfSubheading(text);
      const pushedTo = field ? null : r.block;
      if (field) r.block = field;
      else if (r.block) r.blocks[r.block].push(node);
      r.lastHeading = { text, node, diagram: false, pushedTo };
      return;
    }
    case "feature-overview": {
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
  if (r.section === "architecture") {
    if (isMermaidFlowchart(node)) return readDiagramNode(r, node);
    settleDiagramHeading(r);
  }
  if (r.block && (r.section === "feature-overview" || r.section === "architecture")) {
    r.blocks[r.block].push(node);
    return;
  }
  if (node.type === "html" || node.type === "thematicBreak") return; // guidance comments, section rules
  if (node.type === "paragraph") {
    if (readLabelledParagraph(r, node)) return;
  }
  if (r.section === "preamble") {
    if (node.type === "blockquote") readPreambleQuote(r, node.children);
    return;
  }
  if (r.section === "feature-overview") {
    if (node.type === "paragraph") return;
    r.block = "overview";
    r.blocks.overview.push(node);
    return;
  }
  if (r.section === "unknown") return;
  if (node.type === "table") TABLE_READERS[r.section]?.(r, node);
  else if (node.type === "list" && (r.section === "stride" || r.section === "attack-scenarios")) readLabelledList(r, node);
  else if (node.type === "code" && r.section === "security-invariants") readInvariants(r, node.value, node.position?.start.line, true);
}

/** Which reader takes a table, by the section it stands in. */
const TABLE_READERS: Partial<Record<TemplateSectionId, (r: Reader, table: Table) => void>> = {
  "trust-boundaries": readBoundaries,
  assets: readAssets,
  stride: readThreatTable,
  "security-controls": readControls,
  "risk-summary": readRiskSummary,
  mitigations: readTracking,
  "residual-risks": readResidualRisks,
  "review-approval": readApprovals,
};

/**
 * Diagrams in Markdown name the model's assets and trust boundaries by their document keys,
 * which an export gives by position (A1, B1, …, see to-document.ts); the tables themselves carry
 * no key, so a document with diagrams gets them back the same way.
 */
function withRowKeys(doc: ThreatModelDocument): ThreatModelDocument {
  if (!doc.diagrams?.length) return doc;
  return {
    ...doc,
    assets: doc.assets.map((a, i) => ({ key: `A${i + 1}`, ...a })),
    trustBoundaries: doc.trustBoundaries.map((b, i) => ({ key: `B${i + 1}`, ...b })),
  };
}
