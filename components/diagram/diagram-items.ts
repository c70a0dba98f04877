// What the diagram editor's parts share: the domain view of an editor diagram, an item's open
// threats as its badge reads, and the edits every part makes to one diagram's items.
import type { DataFlow, Diagram, DiagramElement, TrustBoundary } from "@/lib/domain/diagram/diagram";
import { threatBadges } from "@/lib/domain/diagram/badges";
import { PRIORITIES } from "@/lib/domain/threat-model";
import type { DiagramThreat, EditorDiagram } from "./types";

export type DiagramItem = DiagramElement | DataFlow | TrustBoundary;

/** Elements are drawn this size; the size is stored so the domain can find an element's centre. */
export const ELEMENT_SIZE = { width: 160, height: 64 } as const;
/** The canvas grid: drags snap to it, and an arrow key moves the selected element one step. */
export const GRID = 20;

export function toDomain(d: EditorDiagram): Diagram {
  return { id: d.id ?? d.key, name: d.name, elements: d.elements, flows: d.flows, boundaries: d.boundaries };
}

export function itemsOf(d: EditorDiagram): DiagramItem[] {
  return [...d.elements, ...d.flows, ...d.boundaries];
}

export function findItem(d: EditorDiagram, id: string): DiagramItem | undefined {
  return itemsOf(d).find((item) => item.id === id);
}

/** The open threats on an item, the highest priority first. */
export function openThreatsOn(threats: readonly DiagramThreat[], id: string): DiagramThreat[] {
  return threats.filter((t) => t.open && t.elementIds.includes(id)).sort((a, b) => PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority));
}

/** Each item's badge: the model's badge rule (lib/domain/diagram/badges.ts) over its open threats. */
export function openThreatBadges(d: EditorDiagram, threats: readonly DiagramThreat[]): Record<string, string> {
  return threatBadges(
    itemsOf(d).map((item) => item.id),
    threats.filter((t) => t.open),
  );
}

/** How an item is named in lists and forms: its name, or its kind when it has none yet. */
export function itemName(item: DiagramItem): string {
  if (item.name.trim()) return item.name.trim();
  if (item.kind === "flow") return item.label.trim() || "Unnamed data flow";
  return "Unnamed";
}

/** "session cookie / HTTPS", or whichever of the two is given. */
export function flowCaption(flow: DataFlow): string {
  return [flow.label.trim(), flow.protocol.trim()].filter(Boolean).join(" / ");
}

/** Replaces one item of a diagram by id, whichever list it is in. */
export function updateItem(d: EditorDiagram, id: string, update: (item: DiagramItem) => DiagramItem): EditorDiagram {
  const apply = <T extends DiagramItem>(list: T[]) => list.map((item) => (item.id === id ? (update(item) as T) : item));
  return { ...d, elements: apply(d.elements), flows: apply(d.flows), boundaries: apply(d.boundaries) };
}

/** What deleting items takes away: the items, and the flows that ended at a deleted element. */
export type Removed = { elements: DiagramElement[]; flows: DataFlow[]; boundaries: TrustBoundary[] };

export function removeItems(d: EditorDiagram, ids: ReadonlySet<string>): { diagram: EditorDiagram; removed: Removed } {
  const elements = d.elements.filter((e) => ids.has(e.id));
  const gone = new Set(elements.map((e) => e.id));
  const flows = d.flows.filter((f) => ids.has(f.id) || gone.has(f.from) || gone.has(f.to));
  const boundaries = d.boundaries.filter((b) => ids.has(b.id));
  const removedFlows = new Set(flows.map((f) => f.id));
  return {
    diagram: {
      ...d,
      elements: d.elements.filter((e) => !gone.has(e.id)),
      flows: d.flows.filter((f) => !removedFlows.has(f.id)),
      boundaries: d.boundaries.filter((b) => !ids.has(b.id)),
    },
    removed: { elements, flows, boundaries },
  };
}

/** Puts deleted items back, leaving alone any that are there again and flows whose ends are gone. */
export function restoreItems(d: EditorDiagram, removed: Removed): EditorDiagram {
  const present = new Set(itemsOf(d).map((i) => i.id));
  const elements = [...d.elements, ...removed.elements.filter((e) => !present.has(e.id))];
  const ends = new Set(elements.map((e) => e.id));
  return {
    ...d,
    elements,
    flows: [...d.flows, ...removed.flows.filter((f) => !present.has(f.id) && ends.has(f.from) && ends.has(f.to))],
    boundaries: [...d.boundaries, ...removed.boundaries.filter((b) => !present.has(b.id))],
  };
}

/**
 * Where the next new element goes: right of the last one, three to a row so a row fits the
 * canvas beside the properties panel, clear of the others.
 */
export function nextPosition(d: EditorDiagram): { x: number; y: number } {
  const placed = d.elements.filter((e) => e.position).length;
  const column = placed % 3;
  const row = Math.floor(placed / 3);
  return { x: GRID + column * (ELEMENT_SIZE.width + 2 * GRID), y: 2 * GRID + row * (ELEMENT_SIZE.height + 3 * GRID) };
}
