// A diagram in Markdown: a "### Diagram: name" heading and a ```mermaid flowchart, which GitHub
// and most Markdown viewers draw. Mermaid carries the picture (kinds, names, flows, nesting);
// what it has no place for (ids, descriptions, scope, the STRIDE flags, linked assets and trust
// boundaries) rides along in one `%% threatdesk:` comment line, which Mermaid ignores. Reading a
// block back, the flowchart as written wins: details apply to the nodes and flows that are still
// there, so a hand-edited block still reads, with its new items at their defaults.
import { diagramRefusals, type DataFlow, type Diagram, type DiagramElement, type TrustBoundary, type TrustBoundaryBox } from "../diagram/diagram";
import { layOutDiagram } from "../diagram/layout";
import { exportMermaidFlowchart, mermaidIds, nestBoxes, parseMermaidFlowchart } from "../diagram/mermaid";
import { newBoundaryBox, newEntity, newFlow, newProcess, newStore } from "../diagram/new-items";
import { ZDocumentDiagram } from "../model-document";
import { escapeHeading } from "./export-escape";

export { isMermaidFlowchartText } from "./flowchart-text";

const DETAILS = /^\s*%%\s*threatdesk:\s*([\s\S]*)$/;
/** The name a heading "Diagram: name" gives the block after it; null for another heading. */
export function diagramHeadingName(text: string): string | null {
  const match = /^diagram\s*:\s*([\s\S]*)$/i.exec(text.trim());
  return match ? match[1]!.trim() : null;
}

export function diagramHeading(name: string): string {
  return `### Diagram: ${escapeHeading(name)}`;
}

type Details = { id?: unknown; items?: unknown; flows?: unknown };

// The Markdown import cuts lines past 4,000 characters and reads a run of lines holding hundreds
// of brackets as plain text (guard.ts): the details are written in short chunks, each its own
// run, with brackets inside strings as \u escapes, and the flowchart gets a blank line every
// few dozen statements.
const CHUNK = 3_000;
const STATEMENTS_PER_RUN = 40;

/** What differs from a new item's defaults: what the flowchart cannot say, and nothing more. */
function differences(item: Record<string, unknown>, defaults: Record<string, unknown>, skip: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item))
    if (!skip.includes(key) && value !== undefined && JSON.stringify(value) !== JSON.stringify(defaults[key])) out[key] = value;
  return out;
}

const DEFAULTS = {
  entity: newEntity({ id: "", name: "" }),
  process: newProcess({ id: "", name: "" }),
  store: newStore({ id: "", name: "" }),
  box: newBoundaryBox({ id: "", name: "" }),
  flow: newFlow({ id: "", from: "", to: "" }),
};

/** JSON text in pieces of at most CHUNK characters, never cut next to whitespace (a line's ends may be trimmed). */
function chunks(json: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < json.length) {
    let end = Math.min(json.length, at + CHUNK);
    if (end < json.length) {
      let cut = end;
      while (cut > at + 1 && (/\s/.test(json[cut - 1]!) || /\s/.test(json[cut]!) || /[\uDC00-\uDFFF]/.test(json[cut]!))) cut--;
      if (cut > at + 1) end = cut;
    }
    out.push(json.slice(at, end));
    at = end;
  }
  return out;
}

/** The fenced block: the flowchart, then the details lines. */
export function diagramBlock(diagram: Diagram): string {
  const ids = mermaidIds(diagram);
  const items: Record<string, Record<string, unknown>> = {};
  for (const element of diagram.elements) {
    const mermaidId = ids.get(element.id)!;
    items[mermaidId] = differences({ ...element, id: element.id === mermaidId ? undefined : element.id }, DEFAULTS[element.kind], ["kind", "name", "position"]);
  }
  for (const boundary of diagram.boundaries) {
    if (boundary.kind !== "box") continue;
    const mermaidId = ids.get(boundary.id)!;
    items[mermaidId] = differences({ ...boundary, id: boundary.id === mermaidId ? undefined : boundary.id }, DEFAULTS.box, [
      "kind",
      "name",
      "x",
      "y",
      "width",
      "height",
    ]);
  }
  // The flows the flowchart shows, in its order: those whose two ends are elements.
  const flows = diagram.flows.flatMap((flow) => {
    const from = ids.get(flow.from);
    const to = ids.get(flow.to);
    return from && to ? [{ ...differences(flow, DEFAULTS.flow, ["kind", "from", "to", "protocol"]), id: flow.id, from, to }] : [];
  });
  const json = JSON.stringify({ id: diagram.id, items, flows } satisfies Details).replace(/"(?:[^"\\]|\\.)*"/g, (literal) =>
    literal
      .replace(/\[/g, "\\u005b")
      .replace(/\]/g, "\\u005d")
      .replace(/\u2028/g, "\\u2028")
      .replace(/\u2029/g, "\\u2029"),
  );
  const lines = exportMermaidFlowchart(diagram).trimEnd().split("\n");
  const header = lines.indexOf("flowchart LR") + 1;
  const runs: string[] = [];
  for (let i = header; i < lines.length; i += STATEMENTS_PER_RUN) runs.push(lines.slice(i, i + STATEMENTS_PER_RUN).join("\n"));
  const text = [
    lines.slice(0, header).join("\n"),
    runs.join("\n\n"),
    chunks(json)
      .map((c) => `%% threatdesk: ${c}`)
      .join("\n\n"),
  ]
    .filter(Boolean)
    .join("\n");
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}mermaid\n${text}\n${fence}`;
}

export type DiagramBlockRead = { ok: true; diagram: Diagram; notes: string[] } | { ok: false; refusals: string[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const own = (record: Record<string, unknown>, key: string) => (Object.hasOwn(record, key) && isRecord(record[key]) ? record[key] : undefined);

/**
 * A Mermaid flowchart block as a document diagram, laid out automatically. `name` (from the
 * heading before the block) wins over the flowchart's title. Line numbers in refusals count
 * from the block's first line.
 */
export function readDiagramBlock(text: string, options: { id: string; name?: string }): DiagramBlockRead {
  const parsed = parseMermaidFlowchart(text, { id: options.id, ...(options.name ? { name: options.name } : {}) });
  if (!parsed.ok) return parsed;
  const plain = parsed.diagram;
  const notes: string[] = [];

  // Where each node and subgraph sat in the text, read from the parse's grid (which keeps members in their box).
  const boxes = plain.boundaries.filter((b): b is TrustBoundaryBox => b.kind === "box");
  const { parentOf, boxOf } = nestBoxes(boxes);
  const parents = new Map<string, string | null>();
  for (const element of plain.elements) parents.set(element.id, boxOf(element)?.id ?? null);
  for (const box of boxes) parents.set(box.id, parentOf.get(box)?.id ?? null);

  const detailsLines = text.split(/\r?\n/).flatMap((line) => DETAILS.exec(line)?.[1] ?? []);
  let details: Details | null = null;
  if (detailsLines.length) {
    try {
      const value: unknown = JSON.parse(detailsLines.join(""));
      if (isRecord(value)) details = value;
    } catch {
      // reported below
    }
    if (!details) notes.push("its ThreatDesk details line could not be read, so its items have their default attributes");
  }
  const unplaced = { ...plain, elements: plain.elements.map((e) => ({ ...e, position: null }) as DiagramElement) };
  const fallback = layOutDiagram(unplaced, parents);
  if (!details) return { ok: true, diagram: fallback, notes };

  const items = isRecord(details.items) ? details.items : {};
  const flowDetails = Array.isArray(details.flows) ? details.flows.filter(isRecord) : [];
  const idOf = (mermaidId: string) => {
    const id = own(items, mermaidId)?.id;
    return typeof id === "string" ? id : mermaidId;
  };
  // Items in the order the details list them (the flowchart groups them by subgraph), new ones after.
  const rank = new Map(Object.keys(items).map((key, i) => [key, i]));
  const inOrder = <T extends { id: string }>(list: T[]) =>
    list
      .map((item, i) => ({ item, i }))
      .sort((a, b) => (rank.get(a.item.id) ?? rank.size + a.i) - (rank.get(b.item.id) ?? rank.size + b.i))
      .map(({ item }) => item);
  const elements = inOrder(unplaced.elements).map((e) => ({ ...e, ...own(items, e.id), id: idOf(e.id), kind: e.kind, name: e.name, position: null }));
  const flows = plain.flows.map((flow, i) => {
    const detail = flowDetails[i];
    const ends = { from: idOf(flow.from), to: idOf(flow.to) };
    if (!detail || detail.from !== flow.from || detail.to !== flow.to) return { ...flow, ...ends };
    // The text shows the flow's data, or its name when it has none; edited text wins.
    const shown = typeof detail.label === "string" && detail.label ? detail.label : detail.name;
    const same = shown === flow.label || (!shown && !flow.label);
    const shownAs = same ? { label: detail.label ?? "", name: detail.name ?? "" } : { label: flow.label, name: flow.name };
    return { ...flow, ...detail, ...ends, kind: "flow", protocol: flow.protocol, ...shownAs };
  });
  const boundaries = inOrder(plain.boundaries).map((b) => ({ ...b, ...own(items, b.id), id: idOf(b.id), kind: b.kind, name: b.name }));
  const renamedParents = new Map([...parents].map(([child, parent]) => [idOf(child), parent === null ? null : idOf(parent)]));
  const id = typeof details.id === "string" ? details.id : options.id;
  const merged = ZDocumentDiagram.safeParse({ id, name: plain.name, elements, flows, boundaries });
  if (merged.success) {
    const diagram = layOutDiagram(merged.data as Diagram, renamedParents);
    if (diagramRefusals(diagram).length === 0) return { ok: true, diagram, notes };
  }
  notes.push("its ThreatDesk details do not fit its flowchart, so its items have their default attributes");
  return { ok: true, diagram: fallback, notes };
}

/**
 * The diagram with every id that an earlier diagram already uses replaced by a fresh one (ids
 * are unique across a model's diagrams: threats name elements without their diagram).
 */
export function withUniqueIds(diagram: Diagram, taken: Set<string>): Diagram {
  const fresh = (id: string) => {
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
    const base = id.slice(0, 56);
    let n = 2;
    while (taken.has(`${base}-${n}`)) n++;
    taken.add(`${base}-${n}`);
    return `${base}-${n}`;
  };
  const elements = diagram.elements.map((e) => ({ ...e, id: fresh(e.id) }) as DiagramElement);
  const ends = new Map(diagram.elements.map((e, i) => [e.id, elements[i]!.id]));
  const flows = diagram.flows.map((f): DataFlow => ({ ...f, id: fresh(f.id), from: ends.get(f.from) ?? f.from, to: ends.get(f.to) ?? f.to }));
  const boundaries = diagram.boundaries.map((b) => ({ ...b, id: fresh(b.id) }) as TrustBoundary);
  return { ...diagram, elements, flows, boundaries };
}
