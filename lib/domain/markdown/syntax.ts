// The one Markdown reading both directions share: the importer walks this tree, and the exporter
// parses what it is about to write to prove it will read back as the same text.
import type { Nodes, Paragraph, PhrasingContent, Root, RootContent, TableCell } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ["yaml"]);

export function parseMarkdown(source: string): Root {
  return processor.parse(source);
}

/** Deep enough for any real emphasis inside a link inside a strong; deeper is someone's fuzzer. */
const MAX_INLINE_DEPTH = 32;

const BREAK_TAG = /^<br\s*\/?>$/i;

export function isLineBreakHtml(value: string): boolean {
  return BREAK_TAG.test(value.trim());
}

/** The text a reader sees in inline content: formatting dropped, `<br>` as a newline, comments gone. */
export function inlineText(nodes: readonly PhrasingContent[] | undefined, depth = 0): string {
  if (!nodes || depth > MAX_INLINE_DEPTH) return "";
  let out = "";
  for (const node of nodes) {
    switch (node.type) {
      case "text":
      case "inlineCode":
        out += node.value;
        break;
      case "break":
        out += "\n";
        break;
      case "html":
        if (isLineBreakHtml(node.value)) out += "\n";
        else if (!node.value.startsWith("<!--")) out += node.value;
        break;
      case "image":
      case "imageReference":
        out += node.alt ?? "";
        break;
      case "footnoteReference":
        out += `[^${node.label ?? node.identifier}]`;
        break;
      default:
        if ("children" in node) out += inlineText(node.children as PhrasingContent[], depth + 1);
    }
  }
  return out;
}

/** The inline text of any node (block content joined by newlines), depth-limited. */
export function nodeText(node: Nodes, depth = 0): string {
  if (depth > MAX_INLINE_DEPTH) return "";
  if (node.type === "paragraph" || node.type === "heading" || node.type === "tableCell") return inlineText(node.children);
  if ("value" in node && typeof node.value === "string") return node.type === "html" && node.value.startsWith("<!--") ? "" : node.value;
  if ("children" in node) return (node.children as Nodes[]).map((child) => nodeText(child, depth + 1)).join("\n");
  return "";
}

/** One line of a paragraph: the phrasing nodes between soft or hard line breaks. */
export type ParagraphLine = { nodes: PhrasingContent[]; line: number | undefined; offset: number | undefined };

/**
 * Splits a paragraph at its line endings, so "**Owner**: A\n**Next Review**: B" reads as two
 * labelled lines. Only top-level text is split; a line break inside emphasis stays in its line.
 */
export function paragraphLines(paragraph: Paragraph): ParagraphLine[] {
  const lines: ParagraphLine[] = [];
  let current: ParagraphLine = { nodes: [], line: paragraph.position?.start.line, offset: paragraph.position?.start.offset };
  const push = () => {
    if (current.nodes.length) lines.push(current);
  };
  for (const node of paragraph.children) {
    if (node.type === "break") {
      push();
      current = { nodes: [], line: node.position ? node.position.end.line : undefined, offset: node.position?.end.offset };
      continue;
    }
    if (node.type === "text" && node.value.includes("\n")) {
      const parts = node.value.split("\n");
      let line = node.position?.start.line;
      parts.forEach((part, i) => {
        if (i > 0) {
          push();
          line = line === undefined ? undefined : line + 1;
          current = { nodes: [], line, offset: undefined };
        }
        if (part) current.nodes.push({ type: "text", value: part });
      });
      continue;
    }
    current.nodes.push(node);
  }
  push();
  return lines;
}

/** A line written as "**Label**: value" or "**Label:** value". */
export type LabelledLine = { label: string; value: PhrasingContent[]; valueStart: number | undefined; line: number | undefined };

export function labelledLine(line: ParagraphLine): LabelledLine | null {
  const [first, ...rest] = line.nodes;
  if (!first || first.type !== "strong") return null;
  let label = inlineText(first.children).trim();
  let valueStart = first.position?.end.offset;
  const value = [...rest];
  if (label.endsWith(":")) label = label.slice(0, -1).trim();
  else {
    const next = value[0];
    if (!next || next.type !== "text" || !next.value.startsWith(":")) return null;
    value[0] = { ...next, value: next.value.slice(1) };
    if (valueStart !== undefined) valueStart += 1;
  }
  if (!label) return null;
  return { label, value, valueStart, line: line.line };
}

/**
 * The value's text with only the spaces literally typed after the label removed: a value that
 * itself starts with spaces is written with character references, which survive.
 */
export function labelledValue(source: string, labelled: LabelledLine): string {
  const text = inlineText(labelled.value);
  if (labelled.valueStart === undefined) return text.trim();
  const typed = /^[ \t]*/.exec(source.slice(labelled.valueStart, labelled.valueStart + 64))?.[0].length ?? 0;
  return text.slice(Math.min(typed, text.length - text.trimStart().length));
}

/** A cell's content as written, without the pipes and padding around it. */
export function cellSource(source: string, cell: TableCell): string {
  const start = cell.children[0]?.position?.start.offset;
  const end = cell.children[cell.children.length - 1]?.position?.end.offset;
  if (!cell.children.length) return "";
  if (start === undefined || end === undefined) return inlineText(cell.children);
  return source.slice(start, end);
}

/** Splits a cell's content at `<br>`, for cells that hold a list (mitigations, attack vectors). */
export function cellItems(cell: TableCell): string[] {
  const items: string[] = [];
  let current: PhrasingContent[] = [];
  for (const node of cell.children) {
    if (node.type === "html" && isLineBreakHtml(node.value)) {
      items.push(inlineText(current));
      current = [];
    } else current.push(node);
  }
  items.push(inlineText(current));
  return items.map((item) => item.trim()).filter((item) => item.length > 0);
}

const VERBATIM_LANG = "verbatim";

function isEdgeNoise(node: RootContent): boolean {
  if (node.type === "thematicBreak") return true;
  return node.type === "html" && /^\s*<!--[\s\S]*-->\s*$/.test(node.value);
}

/**
 * The text of a free-text field (overview, architecture…) as written: the source between its
 * first and last block, so Markdown inside it (lists, diagrams in code blocks) is kept as is.
 * Section rules and guidance comments around it are not part of it. A field that could not be
 * written as Markdown without changing it was exported as a "verbatim" code block.
 */
export type SourceRange = { start: number; end: number };

/**
 * As blockFieldText, without the ranges cut out of it (the diagram blocks the import took out
 * of the architecture text); the text on either side of a cut joins with one blank line.
 */
function withoutCuts(source: string, from: number, to: number, cuts: readonly SourceRange[]): string {
  const inside = cuts.filter((c) => c.start >= from && c.end <= to).sort((a, b) => a.start - b.start);
  let out = "";
  let at = from;
  for (const cut of inside) {
    if (cut.start < at) continue;
    out = join(out, source.slice(at, cut.start));
    at = cut.end;
  }
  return join(out, source.slice(at, to));
}

function join(left: string, right: string): string {
  const l = left.replace(/\s+$/, "");
  const r = right.replace(/^(?:[ \t]*\n)+/, "");
  if (!l) return r;
  return r ? `${l}\n\n${r}` : l;
}

export function blockFieldText(source: string, nodes: readonly RootContent[], cuts: readonly SourceRange[] = []): string {
  let start = 0;
  let end = nodes.length;
  while (start < end && isEdgeNoise(nodes[start]!)) start++;
  while (end > start && isEdgeNoise(nodes[end - 1]!)) end--;
  const kept = nodes.slice(start, end);
  const only = kept[0];
  if (kept.length === 1 && only?.type === "code" && only.lang === VERBATIM_LANG && !only.meta) return only.value;
  const from = kept[0]?.position?.start.offset;
  const to = kept[kept.length - 1]?.position?.end.offset;
  if (from === undefined || to === undefined) return kept.map((node) => nodeText(node)).join("\n\n");
  return cuts.length ? withoutCuts(source, from, to, cuts) : source.slice(from, to);
}

export function verbatimFence(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${VERBATIM_LANG}\n${text}\n${fence}`;
}

/**
 * The template's own example diagram: a code block opening with a bracketed instruction such
 * as "[Draw the data flow — who sends data, where it goes, what stores it]". A diagram of
 * someone's "[Browser] -> [API]" is not one.
 */
export function isTemplateDiagram(nodes: readonly RootContent[]): boolean {
  const kept = nodes.filter((n) => !isEdgeNoise(n));
  const code = kept[0];
  if (kept.length !== 1 || code?.type !== "code" || code.lang === VERBATIM_LANG) return false;
  const firstLine =
    code.value
      .split("\n")
      .find((l) => l.trim())
      ?.trim() ?? "";
  return /^\[[^\]]{12,}\]$/.test(firstLine) && /\s/.test(firstLine);
}
