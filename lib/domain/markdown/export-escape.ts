// How the Markdown export writes a value so that the importer reads back exactly that value:
// each is escaped for the place it is written in (a table cell, a list item, a heading, a
// labelled line, a free-text block), and the escaping is proved by parsing it there.
import { IMPLEMENTATION_STATUS_LABELS, LEVEL_LABELS, type ImplementationStatus } from "../threat-model";
import { blockFieldText, cellItems, inlineText, isTemplateDiagram, labelledLine, labelledValue, paragraphLines, parseMarkdown, verbatimFence } from "./syntax";
import { isMermaidFlowchartText } from "./flowchart-text";
import { STATUS_MARKERS, stripNumbering } from "./vocabulary";

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
      if (tree.children.length !== 1 || list?.type !== "list" || list.children.length !== 1 || item?.children.length !== 1 || para?.type !== "paragraph")
        return null;
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
export function escapeInline(text: string, context: InlineContext): string {
  const hashes = (s: string) => (context === "heading" ? s.replace(/#/g, "\\#") : s);
  // Most titles need nothing but their brackets and pipes escaped: "user_id" stays readable.
  const minimal = encodeWhitespace(hashes(text.replace(MINIMAL, (c) => `\\${c}`)), context);
  if (readBack(context, minimal) === text) return minimal;
  const light = encodeWhitespace(hashes(text.replace(LIGHT, (c) => `\\${c}`)), context);
  if (readBack(context, light) === text) return light;
  return encodeWhitespace(
    text.replace(FULL, (c) => `\\${c}`),
    context,
  );
}

export function cell(text: string): string {
  if (!text) return "";
  // A lone dash reads as "empty" in the template's tables; a dash that is the value is written as a reference.
  if (/^[-–—]$/.test(text)) return `&#${text.codePointAt(0)};`;
  return escapeInline(text, "cell");
}

export function escapeHeading(text: string): string {
  return escapeInline(text, "heading");
}

/** Items of a list kept in one cell, one per line. */
export function listCell(items: string[]): string {
  const joined = items.map((item) => escapeInline(item, "cell")).join("<br>");
  if (sameItems(joined, items)) return joined;
  // Emphasis can pair across items (one's "_" with the next one's) and swallow the <br> between them.
  return items
    .map((item) =>
      encodeWhitespace(
        item.replace(FULL, (c) => `\\${c}`),
        "cell",
      ),
    )
    .join("<br>");
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

export function statusCell(status: ImplementationStatus): string {
  const marker = STATUS_MARKERS[status];
  return status === "NOT_STARTED" ? IMPLEMENTATION_STATUS_LABELS[status] : `${marker} ${IMPLEMENTATION_STATUS_LABELS[status]}`;
}

export function residualCell(rating: keyof typeof LEVEL_LABELS | null, justification: string): string {
  const head = rating ? LEVEL_LABELS[rating] : "";
  return head + (justification ? ` — ${escapeInline(justification, "cell")}` : "");
}

/**
 * Labelled lines in one paragraph, as the template writes them, when they read back line by
 * line; otherwise one paragraph each, so emphasis cannot pair across two values.
 */
export function labelledBlock(lines: (string | null)[]): string {
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
    const valuesOf = (source: string, ls: ReturnType<typeof labelledLine>[]) => ls.map((l) => (l ? `${l.label}=${labelledValue(source, l)}` : null));
    const want = present.flatMap((line, i) => valuesOf(line, expected[i]!));
    const got = valuesOf(joined, read);
    if (want.length === got.length && want.every((w, i) => w !== null && w === got[i])) return joined;
  }
  return present.join("\n\n");
}

/** "**Label:** value", or nothing for an empty value. */
export function labelled(label: string, value: string): string | null {
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
export function blockField(text: string, options: { flowchartsVerbatim?: boolean } = {}): string {
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
      !isTemplateDiagram(middle) &&
      !(options.flowchartsVerbatim && middle.some((node) => node.type === "code" && /^mermaid$/i.test(node.lang ?? "") && isMermaidFlowchartText(node.value)));
    if (safe) return text;
  } catch {
    // fall through to the verbatim form
  }
  return verbatimFence(text);
}

export function pushBlock(out: string[], heading: string, text: string) {
  if (!text) return;
  out.push(heading, blockField(text));
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c || " ").join(" | ")} |`;
  return [line(header), `|${header.map(() => "---").join("|")}|`, ...rows.map(line)].join("\n");
}
