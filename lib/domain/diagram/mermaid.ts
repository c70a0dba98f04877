// Diagrams as Mermaid flowcharts (https://mermaid.js.org/syntax/flowchart.html), to paste into
// Markdown and to draw a first diagram from text. External entities are parallelograms
// `id[/"name"/]`, processes circles `id(("name"))`, data stores cylinders `id[("name")]`, trust
// boundary boxes subgraphs, and flows `a -->|"data / protocol"| b`.
//
// Mermaid has no place for the rest: positions, descriptions, scope, the flags that drive the
// STRIDE suggestions, boundary lines, linked assets and trust-boundary rows. A parsed diagram
// has its items at their defaults, laid out on a simple grid that keeps each subgraph's members
// inside its box (so the geometry reads the same enclosures); a layout library places them
// properly later.
import { diagramRefusals, MAX_DIAGRAM_BYTES, type DataFlow, type Diagram, type DiagramElement, type ElementKind, type TrustBoundaryBox } from "./diagram";
import { boxContains, centreOf } from "./geometry";
import { newBoundaryBox, newEntity, newFlow, newProcess, newStore } from "./new-items";

// Characters Mermaid or the browser would read as syntax inside a label: the quote that ends it,
// `#` that starts an entity, HTML's `<`, `>` and `&`, the shape and edge delimiters, the
// backtick of Markdown strings, and the slash that separates a flow's data from its protocol.
const ESCAPED = new Set([...'"#<>[](){}|&`/\\']);
const NAMED_ENTITIES: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", nbsp: "\u00a0" };

/** A label's text as Mermaid's `#…;` entity codes; a newline becomes `<br>`, which Mermaid draws as one. */
export function escapeMermaidLabel(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === "\n") out += "<br>";
    else if (char === '"') out += "#quot;";
    else if (ESCAPED.has(char) || code < 0x20 || code === 0x7f) out += `#${code};`;
    else out += char;
  }
  return out;
}

/** The text of a label: `<br>` as a newline, entity codes as their characters (one pass, so nothing decodes twice). */
export function unescapeMermaidLabel(text: string): string {
  return text.replace(/<br\s*\/?>|#(\w+);/gi, (whole, entity: string | undefined) => {
    if (entity === undefined) return "\n";
    if (/^\d+$/.test(entity)) {
      const code = Number(entity);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

const SHAPES: Record<ElementKind, [string, string]> = { entity: ["[/", "/]"], process: ["((", "))"], store: ["[(", ")]"] };
const RESERVED_IDS = new Set([
  "end",
  "subgraph",
  "graph",
  "flowchart",
  "direction",
  "style",
  "classdef",
  "class",
  "click",
  "linkstyle",
  "default",
  "call",
  "href",
]);
const SAFE_ID = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One box's place in the nesting: the smallest box that wholly holds it, earlier ones first on a tie. */
export function nestBoxes(boxes: readonly TrustBoundaryBox[]) {
  const area = (b: TrustBoundaryBox) => Math.abs(b.width * b.height);
  // A strict order (larger first, then earlier) so that two identical boxes cannot hold each other.
  const outranks = (a: TrustBoundaryBox, b: TrustBoundaryBox) => area(a) > area(b) || (area(a) === area(b) && boxes.indexOf(a) < boxes.indexOf(b));
  const holds = (outer: TrustBoundaryBox, inner: TrustBoundaryBox) =>
    outer !== inner &&
    outranks(outer, inner) &&
    boxContains(outer, { x: inner.x, y: inner.y }) &&
    boxContains(outer, { x: inner.x + inner.width, y: inner.y + inner.height });
  const smallest = (candidates: TrustBoundaryBox[]) => candidates.reduce<TrustBoundaryBox | null>((best, b) => (!best || outranks(best, b) ? b : best), null);
  const parentOf = new Map(boxes.map((b) => [b, smallest(boxes.filter((outer) => holds(outer, b)))]));
  const boxOf = (element: DiagramElement) => {
    const centre = centreOf(element);
    return centre ? smallest(boxes.filter((b) => boxContains(b, centre))) : null;
  };
  return { parentOf, boxOf };
}

/**
 * The id each element and boundary has in the Mermaid text: its own when Mermaid reads it as
 * written, else `n1`, `n2`… (in the diagram's order, skipping ids already taken).
 */
export function mermaidIds(diagram: Diagram): Map<string, string> {
  const used = new Set<string>();
  const ids = new Map<string, string>();
  const all = [...diagram.elements, ...diagram.boundaries];
  for (const item of all)
    if (SAFE_ID.test(item.id) && !RESERVED_IDS.has(item.id.toLowerCase()) && !used.has(item.id)) {
      ids.set(item.id, item.id);
      used.add(item.id);
    }
  let counter = 0;
  for (const item of all) {
    if (ids.has(item.id)) continue;
    let id: string;
    do id = `n${++counter}`;
    while (used.has(id));
    ids.set(item.id, id);
    used.add(id);
  }
  return ids;
}

/**
 * The diagram as a Mermaid `flowchart LR` block, with the diagram's name as its title. Each
 * element sits in the smallest trust boundary box around its centre, and a box inside another
 * box is a subgraph inside the other's. A flow shows its data (its name when it has none) and
 * its protocol. Ids that Mermaid could misread are replaced by `n1`, `n2`…
 */
export function exportMermaidFlowchart(diagram: Diagram): string {
  const ids = mermaidIds(diagram);
  const boxes = diagram.boundaries.filter((b): b is TrustBoundaryBox => b.kind === "box");
  const { parentOf, boxOf } = nestBoxes(boxes);
  const membersOf = new Map<TrustBoundaryBox | null, DiagramElement[]>();
  for (const element of diagram.elements) {
    const box = boxOf(element);
    membersOf.set(box, [...(membersOf.get(box) ?? []), element]);
  }
  const lines = ["---", `title: ${JSON.stringify(diagram.name)}`, "---", "flowchart LR"];
  const node = (element: DiagramElement) => {
    const [open, close] = SHAPES[element.kind];
    return `${ids.get(element.id)}${open}"${escapeMermaidLabel(element.name)}"${close}`;
  };
  const write = (box: TrustBoundaryBox | null, depth: number) => {
    const indent = "  ".repeat(depth);
    for (const element of membersOf.get(box) ?? []) lines.push(`${indent}${node(element)}`);
    for (const child of boxes.filter((b) => parentOf.get(b) === box)) {
      lines.push(`${indent}subgraph ${ids.get(child.id)} ["${escapeMermaidLabel(child.name)}"]`);
      write(child, depth + 1);
      lines.push(`${indent}end`);
    }
  };
  write(null, 1);
  for (const flow of diagram.flows) {
    const from = ids.get(flow.from);
    const to = ids.get(flow.to);
    if (!from || !to) continue;
    const data = flow.label || flow.name;
    const text = escapeMermaidLabel(data) + (flow.protocol ? ` / ${escapeMermaidLabel(flow.protocol)}` : "");
    lines.push(`  ${from} -->${text ? `|"${text}"|` : ""} ${to}`);
  }
  for (const boundary of diagram.boundaries)
    if (boundary.kind === "line") lines.push(`  %% The trust boundary line "${escapeMermaidLabel(boundary.name)}" has no Mermaid form and is left out.`);
  return `${lines.join("\n")}\n`;
}

export type MermaidImport = { ok: true; diagram: Diagram } | { ok: false; refusals: string[] };

type ParsedNode = { id: string; kind: ElementKind; name: string; group: Group; shaped: boolean };
type Group = { id: string; name: string; parent: Group | null; children: Group[]; members: ParsedNode[] };

// Mermaid shapes, longest opener first; each is read as the diagram kind closest to it.
// prettier-ignore
const NODE_SHAPES: [open: string, closers: string[], kind: ElementKind][] = [
  ["(((", [")))"], "process"],
  ["((", ["))"], "process"],
  ["([", ["])"], "process"],
  ["[(", [")]"], "store"],
  ["[[", ["]]"], "process"],
  ["[/", ["/]", "\\]"], "entity"],
  ["[\\", ["\\]", "/]"], "entity"],
  ["{{", ["}}"], "process"],
  ["[", ["]"], "entity"],
  ["(", [")"], "process"],
  ["{", ["}"], "process"],
  [">", ["]"], "entity"],
];
const NODE_ID = /[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*/y;
const IGNORED_STATEMENT = /^(direction|classDef|class|style|linkStyle|click)\b/;
const MAX_REFUSALS = 20;

/** Reads a statement from `at`: a node id, its shape and label if any. */
function readNode(text: string, at: number): { id: string; kind?: ElementKind; name?: string; next: number } | null {
  let pos = skipSpace(text, at);
  NODE_ID.lastIndex = pos;
  const match = NODE_ID.exec(text);
  if (!match) return null;
  const id = match[0];
  pos += id.length;
  for (const [open, closers, kind] of NODE_SHAPES) {
    if (!text.startsWith(open, pos)) continue;
    let inner = pos + open.length;
    let name: string;
    if (text[inner] === '"') {
      const endQuote = text.indexOf('"', inner + 1);
      if (endQuote < 0) return null;
      name = unescapeMermaidLabel(text.slice(inner + 1, endQuote));
      inner = endQuote + 1;
      const closer = closers.find((c) => text.startsWith(c, inner));
      if (!closer) return null;
      pos = inner + closer.length;
    } else {
      const ends = closers.map((c) => [text.indexOf(c, inner), c.length] as const).filter(([i]) => i >= 0);
      if (ends.length === 0) return null;
      const [end, length] = ends.reduce((a, b) => (b[0] < a[0] ? b : a));
      name = unescapeMermaidLabel(text.slice(inner, end).trim());
      pos = end + length;
    }
    return { id, kind, name, next: skipClass(text, pos) };
  }
  return { id, next: skipClass(text, pos) };
}

const skipSpace = (text: string, at: number) => at + (/^\s*/.exec(text.slice(at))?.[0].length ?? 0);
const skipClass = (text: string, at: number) => at + (/^:::[\w-]+/.exec(text.slice(at))?.[0].length ?? 0);

/** Reads an arrow with its optional label (as written) from `at`: `-->`, `==>`, `-.->`, `---`, `-- text -->`, `-->|text|`. */
function readArrow(text: string, at: number): { label: string; both: boolean; next: number } | null {
  const rest = text.slice(at);
  const withText = /^\s*(<?)(--|==|-\.)\s+("[^"]*"|.+?)\s+(-{2,}>|={2,}>|\.-+>|-{3,}|={3,}|\.-)/.exec(rest);
  if (withText) return { label: rawLabel(withText[3]!), both: withText[1] === "<", next: at + withText[0].length };
  const plain = /^\s*(<?)(-{2,}[>ox]|={2,}[>ox]|-\.+-[>ox]|-{3,}|={3,}|-\.+-)/.exec(rest);
  if (!plain) return null;
  let next = at + plain[0].length;
  const piped = /^\s*\|("[^"]*"|[^|]*)\|/.exec(text.slice(next));
  if (piped) next += piped[0].length;
  return { label: piped ? rawLabel(piped[1]!) : "", both: plain[1] === "<", next };
}

/** A label as written, without its quotes (a quoted one keeps its spaces), entity codes not yet read. */
function rawLabel(raw: string): string {
  const quoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"');
  return quoted ? raw.slice(1, -1) : raw.trim();
}
const labelText = (raw: string) => unescapeMermaidLabel(rawLabel(raw));

/**
 * "data / protocol": the last " / " as written separates them. The export escapes every slash
 * of the data and the protocol, so the separator is the only one; in hand-written text a
 * protocol rarely holds " / " and data may.
 */
function splitFlowLabel(raw: string): { label: string; protocol: string } {
  const at = raw.lastIndexOf(" / ");
  const [label, protocol] = at < 0 ? [raw, ""] : [raw.slice(0, at), raw.slice(at + 3)];
  return { label: unescapeMermaidLabel(label), protocol: unescapeMermaidLabel(protocol) };
}

/** Statements of a line: `;` ends one, except inside quotes or as the end of an entity code. */
function statementsOf(line: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ";" && !quoted && !/#\w+$/.test(line.slice(start, i))) {
      out.push(line.slice(start, i));
      start = i + 1;
    }
  }
  out.push(line.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}

function snippet(text: string) {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/**
 * Reads a Mermaid flowchart (`flowchart` or `graph`, in a ```mermaid fence or not) into a diagram.
 * Rectangles and parallelograms are read as external entities, cylinders as data stores, and
 * the round shapes (circle, stadium, rounded box, subroutine, hexagon, rhombus) as processes; a
 * node never drawn with a shape is an external entity named by its id. Subgraphs become trust
 * boundary boxes, arrows flows (a two-way arrow two flows). What cannot be read is refused with
 * its line number; nothing here throws.
 */
export function parseMermaidFlowchart(text: string, options: { id?: string; name?: string } = {}): MermaidImport {
  if (new TextEncoder().encode(text).length > MAX_DIAGRAM_BYTES)
    return { ok: false, refusals: [`The text is larger than ${MAX_DIAGRAM_BYTES / 1024 / 1024} MB.`] };
  const refusals: string[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let index = 0;
  const nextContent = () => {
    while (index < lines.length && (!lines[index]!.trim() || /^\s*%%/.test(lines[index]!))) index++;
  };

  nextContent();
  if (/^\s*```\s*mermaid\s*$/i.test(lines[index] ?? "")) {
    index++;
    const close = lines.findIndex((l, i) => i >= index && /^\s*```\s*$/.test(l));
    if (close >= 0) lines.length = close;
    nextContent();
  }
  let title = "";
  if (lines[index]?.trim() === "---") {
    const close = lines.findIndex((l, i) => i > index && l.trim() === "---");
    if (close < 0) return { ok: false, refusals: ["The front matter that starts on line " + (index + 1) + " has no closing ---."] };
    for (const line of lines.slice(index + 1, close)) {
      const match = /^\s*title:\s*(.*)$/.exec(line);
      if (!match) continue;
      const raw = match[1]!.trim();
      try {
        title = raw.startsWith('"') ? String(JSON.parse(raw)) : raw.replace(/^'(.*)'$/, "$1");
      } catch {
        title = raw;
      }
    }
    index = close + 1;
    nextContent();
  }
  const header = (lines[index] ?? "").trim();
  if (!header) return { ok: false, refusals: ['There is no Mermaid flowchart in the text: one starts with "flowchart LR" (or TD, or graph).'] };
  if (!/^(flowchart|graph)(\s+(LR|RL|TB|TD|BT))?\s*;?$/i.test(header)) {
    const other = /^([A-Za-z-]+)/.exec(header)?.[1];
    return {
      ok: false,
      refusals: [
        other && !/^(flowchart|graph)$/i.test(other)
          ? `Line ${index + 1}: this is a Mermaid "${other}" block, not a flowchart; only flowcharts (flowchart LR) can become a diagram.`
          : `Line ${index + 1}: a Mermaid flowchart starts with "flowchart LR" (or TD, or graph); found "${snippet(header)}".`,
      ],
    };
  }
  index++;

  const root: Group = { id: "", name: "", parent: null, children: [], members: [] };
  const groups: Group[] = [];
  const nodes = new Map<string, ParsedNode>();
  const edges: { from: string; to: string; text: string }[] = [];
  let group = root;
  const refuse = (message: string) => {
    if (refusals.length < MAX_REFUSALS) refusals.push(message);
  };

  const touch = (ref: NonNullable<ReturnType<typeof readNode>>) => {
    let node = nodes.get(ref.id);
    if (!node) {
      node = { id: ref.id, kind: "entity", name: ref.id, group, shaped: false };
      nodes.set(ref.id, node);
      group.members.push(node);
    }
    if (ref.kind) Object.assign(node, { kind: ref.kind, name: ref.name ?? node.name, shaped: true });
  };

  for (; index < lines.length; index++) {
    const lineNumber = index + 1;
    if (/^\s*%%/.test(lines[index]!)) continue;
    for (const statement of statementsOf(lines[index]!)) {
      if (/^subgraph\b/.test(statement)) {
        const rest = statement.slice("subgraph".length).trim();
        const titled = /^([A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*)\s*\[\s*("[^"]*"|[^\]]*)\s*\]$/.exec(rest);
        const quoted = /^"([^"]*)"$/.exec(rest);
        const [id, name] = titled
          ? [titled[1]!, labelText(titled[2]!)]
          : quoted
            ? ["", unescapeMermaidLabel(quoted[1]!)]
            : /^[A-Za-z0-9_]+$/.test(rest)
              ? [rest, rest]
              : ["", unescapeMermaidLabel(rest)];
        const child: Group = { id, name, parent: group, children: [], members: [] };
        group.children.push(child);
        groups.push(child);
        group = child;
      } else if (statement === "end") {
        if (group.parent) group = group.parent;
        else refuse(`Line ${lineNumber}: "end" without a subgraph to close.`);
      } else if (IGNORED_STATEMENT.test(statement)) {
        continue;
      } else {
        const first = readNode(statement, 0);
        if (!first) {
          refuse(`Line ${lineNumber}: could not read "${snippet(statement)}".`);
          continue;
        }
        const chain = [first];
        const arrows: NonNullable<ReturnType<typeof readArrow>>[] = [];
        let pos = first.next;
        let broken = false;
        while (skipSpace(statement, pos) < statement.length) {
          const arrow = readArrow(statement, pos);
          const target = arrow && readNode(statement, arrow.next);
          if (!arrow || !target) {
            broken = true;
            break;
          }
          arrows.push(arrow);
          chain.push(target);
          pos = target.next;
        }
        if (broken) {
          refuse(`Line ${lineNumber}: could not read "${snippet(statement)}".`);
          continue;
        }
        chain.forEach(touch);
        arrows.forEach((arrow, i) => {
          const [from, to] = [chain[i]!.id, chain[i + 1]!.id];
          edges.push({ from, to, text: arrow.label });
          if (arrow.both) edges.push({ from: to, to: from, text: arrow.label });
        });
      }
    }
  }
  if (group !== root) refuse(`The subgraph "${group.name || group.id}" is not closed with "end".`);

  // Ids: a subgraph or flow without one of its own gets one that no node uses.
  const used = new Set(nodes.keys());
  for (const g of groups) {
    if (g.id && nodes.has(g.id)) refuse(`The subgraph "${g.name}" has the id "${g.id}" of a node; flows join elements, not trust boundaries.`);
    if (g.id && !used.has(g.id)) used.add(g.id);
    else g.id = "";
  }
  const fresh = (prefix: string) => {
    let n = 1;
    while (used.has(`${prefix}${n}`)) n++;
    used.add(`${prefix}${n}`);
    return `${prefix}${n}`;
  };
  for (const g of groups) if (!g.id) g.id = fresh("boundary-");
  if (refusals.length) return { ok: false, refusals };

  const elements: DiagramElement[] = [...nodes.values()].map((n) =>
    n.kind === "process"
      ? newProcess({ id: n.id, name: n.name })
      : n.kind === "store"
        ? newStore({ id: n.id, name: n.name })
        : newEntity({ id: n.id, name: n.name }),
  );
  const flows: DataFlow[] = edges.map((e) => {
    const { label, protocol } = splitFlowLabel(e.text);
    return newFlow({ id: fresh("flow-"), from: e.from, to: e.to, name: label, label, protocol });
  });
  const boundaries = groups.map((g) => newBoundaryBox({ id: g.id, name: g.name }));
  const diagram: Diagram = { id: options.id ?? "diagram-1", name: options.name ?? (title || "Imported diagram"), elements, flows, boundaries };
  layOut(root, diagram);
  const invalid = diagramRefusals(diagram);
  return invalid.length ? { ok: false, refusals: invalid } : { ok: true, diagram };
}

const CELL = { width: 160, height: 80 };
const GAP = 40;
const PER_ROW = 4;

/** Places each group's members in rows and its subgraphs side by side below them, boxes around. */
function layOut(root: Group, diagram: Diagram) {
  const elements = new Map(diagram.elements.map((e) => [e.id, e]));
  const boxes = new Map(diagram.boundaries.map((b) => [b.id, b]));
  const place = (group: Group, x: number, y: number): { width: number; height: number } => {
    const inset = group === root ? 0 : GAP;
    const left = x + inset;
    let top = y + inset;
    group.members.forEach((member, i) => {
      const element = elements.get(member.id)!;
      element.position = { x: left + (i % PER_ROW) * (CELL.width + GAP), y: top + Math.floor(i / PER_ROW) * (CELL.height + GAP), ...CELL };
    });
    const rows = Math.ceil(group.members.length / PER_ROW);
    let width = Math.min(group.members.length, PER_ROW) * (CELL.width + GAP) - (group.members.length ? GAP : 0);
    top += rows * (CELL.height + GAP);
    let childLeft = left;
    let childHeight = 0;
    for (const child of group.children) {
      const size = place(child, childLeft, top);
      childLeft += size.width + GAP;
      childHeight = Math.max(childHeight, size.height);
    }
    width = Math.max(width, childLeft - left - (group.children.length ? GAP : 0), group === root ? 0 : CELL.width);
    const height = Math.max(top - y - inset + childHeight, group === root ? 0 : CELL.height) + 2 * inset;
    const box = boxes.get(group.id);
    if (box?.kind === "box") Object.assign(box, { x, y, width: width + 2 * inset, height });
    return { width: width + 2 * inset, height };
  };
  place(root, 0, 0);
}
