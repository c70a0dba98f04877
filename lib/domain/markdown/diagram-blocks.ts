// A diagram in Markdown: a "### Diagram: name" heading and a ```mermaid flowchart, which GitHub
// and most Markdown viewers draw. Mermaid carries the picture (kinds, names, flows, nesting);
// what it has no place for (ids, descriptions, scope, the STRIDE flags, linked assets and trust
// boundaries) rides along in one `%% threatdesk:` comment line, which Mermaid ignores. Reading a
// block back, the flowchart as written wins: details apply to the nodes and flows that are still
// there, so a hand-edited block still reads, with its new items at their defaults.
import { diagramRefusals, type DataFlow, type Diagram, type DiagramElement, type TrustBoundary, type TrustBoundaryBox } from "../diagram/diagram";
import { layOutDiagram } from "../diagram/layout";
import { exportMermaidFlowchart, mermaidIds, nestBoxes, parseMermaidFlowchart } from "../diagram/mermaid";
import { ZDocumentDiagram } from "../model-document";
import { escapeHeading } from "./export-escape";

export { isMermaidFlowchartText } from "./flowchart-text";

const DETAILS = /^\s*%%\s*threatdesk:\s*(.*)$/;
/** The name a heading "Diagram: name" gives the block after it; null for another heading. */
export function diagramHeadingName(text: string): string | null {
  const match = /^diagram\s*:\s*([\s\S]*)$/i.exec(text.trim());
  return match ? match[1]!.trim() : null;
}

export function diagramHeading(name: string): string {
  return `### Diagram: ${escapeHeading(name)}`;
}

type Details = { id?: unknown; items?: unknown; flows?: unknown };

/** The fenced block: the flowchart, then the details line. */
export function diagramBlock(diagram: Diagram): string {
  const ids = mermaidIds(diagram);
  const items: Record<string, Record<string, unknown>> = {};
  for (const element of diagram.elements) {
    const { kind: _kind, name: _name, position: _position, ...rest } = element;
    items[ids.get(element.id)!] = rest;
  }
  for (const boundary of diagram.boundaries) {
    if (boundary.kind !== "box") continue;
    const { kind: _kind, name: _name, x: _x, y: _y, width: _w, height: _h, ...rest } = boundary;
    items[ids.get(boundary.id)!] = rest;
  }
  // The flows the flowchart shows, in its order: those whose two ends are elements.
  const flows = diagram.flows.flatMap(({ kind: _kind, ...flow }) => {
    const from = ids.get(flow.from);
    const to = ids.get(flow.to);
    return from && to ? [{ ...flow, from, to }] : [];
  });
  const details = JSON.stringify({ id: diagram.id, items, flows } satisfies Details);
  const text = `${exportMermaidFlowchart(diagram)}%% threatdesk: ${details}`;
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

  const detailsLine = text.split(/\r?\n/).find((line) => DETAILS.test(line));
  let details: Details | null = null;
  if (detailsLine) {
    try {
      const value: unknown = JSON.parse(DETAILS.exec(detailsLine)![1]!);
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
    return { ...flow, ...detail, ...ends, kind: "flow", protocol: flow.protocol, ...(same ? {} : { label: flow.label, name: flow.name }) };
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
