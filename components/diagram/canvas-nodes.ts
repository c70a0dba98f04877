// The React Flow nodes and edges a diagram is drawn with, built from the diagram itself: the
// diagram is what is saved, the nodes only show it (plus whatever a drag in progress has moved).
import type { Edge, Node } from "@xyflow/react";
import { ELEMENT_KIND_LABEL, type DataFlow, type DiagramElement, type TrustBoundaryBox, type TrustBoundaryLine } from "@/lib/domain/diagram/diagram";
import { ELEMENT_SIZE, GRID, flowCaption, itemName, type DiagramItem } from "./diagram-items";
import type { EditorDiagram } from "./types";

export type Highlight = { added: string[]; removed: string[]; changed: string[] };
export type Marker = "Added" | "Removed" | "Changed" | null;

type Shown<T> = { item: T; badge: string | null; marker: Marker; readOnly: boolean };
export type ElementNode = Node<Shown<DiagramElement>, "element">;
export type BoxNode = Node<Shown<TrustBoundaryBox>, "box">;
export type LineNode = Node<Shown<TrustBoundaryLine> & { origin: { x: number; y: number } }, "line">;
export type DiagramNode = ElementNode | BoxNode | LineNode;
export type FlowEdge = Edge<Shown<DataFlow> & { caption: string }, "flow">;

/** Space around a boundary line's points inside its node, so the line can be grabbed at its ends. */
export const LINE_PADDING = 12;

export function markerOf(highlight: Highlight | undefined, id: string): Marker {
  if (!highlight) return null;
  if (highlight.added.includes(id)) return "Added";
  if (highlight.removed.includes(id)) return "Removed";
  if (highlight.changed.includes(id)) return "Changed";
  return null;
}

/** Where an unplaced element (one a Mermaid import brought) is shown until it is moved. */
function fallbackPosition(index: number) {
  return { x: GRID + (index % 3) * (ELEMENT_SIZE.width + 2 * GRID), y: 2 * GRID + Math.floor(index / 3) * (ELEMENT_SIZE.height + 3 * GRID) };
}

function describeForScreenReader(item: DiagramItem, badge: string | null) {
  return `${ELEMENT_KIND_LABEL[item.kind]} ${itemName(item)}${badge ? `, open threats ${badge}` : ""}${item.outOfScope ? ", out of scope" : ""}`;
}

/** Badges by item id (openThreatBadges). */
export type Badges = Readonly<Record<string, string>>;

export function diagramNodes(d: EditorDiagram, badges: Badges, highlight: Highlight | undefined, readOnly: boolean): DiagramNode[] {
  const shown = <T extends DiagramItem>(item: T) => ({ item, badge: badges[item.id] ?? null, marker: markerOf(highlight, item.id), readOnly });
  const boxes: DiagramNode[] = [];
  for (const b of d.boundaries) {
    if (b.kind === "box")
      boxes.push({
        id: b.id,
        type: "box",
        position: { x: b.x, y: b.y },
        width: Math.max(b.width, 40),
        height: Math.max(b.height, 40),
        data: shown(b),
        zIndex: -1,
        ariaLabel: describeForScreenReader(b, null),
      });
    else {
      const xs = b.points.map((p) => p.x);
      const ys = b.points.map((p) => p.y);
      const origin = { x: Math.min(...xs) - LINE_PADDING, y: Math.min(...ys) - LINE_PADDING };
      boxes.push({ id: b.id, type: "line", position: origin, data: { ...shown(b), origin }, zIndex: -1, ariaLabel: describeForScreenReader(b, null) });
    }
  }
  const elements: DiagramNode[] = d.elements.map((e, index) => {
    const data = shown(e);
    return {
      id: e.id,
      type: "element",
      position: e.position ? { x: e.position.x, y: e.position.y } : fallbackPosition(index),
      data,
      ariaLabel: describeForScreenReader(e, data.badge),
    };
  });
  return [...boxes, ...elements];
}

type Side = "top" | "right" | "bottom" | "left";

/** The sides a flow leaves and enters by: those facing each other, so arrows do not cross their ends. */
function sides(from: { x: number; y: number } | undefined, to: { x: number; y: number } | undefined): [Side, Side] {
  if (!from || !to) return ["right", "left"];
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (Math.abs(dx) >= Math.abs(dy)) return dx >= 0 ? ["right", "left"] : ["left", "right"];
  return dy >= 0 ? ["bottom", "top"] : ["top", "bottom"];
}

/** The flows as edges, without the sides they attach by (those follow the ends: withSides). */
export function diagramEdges(d: EditorDiagram, badges: Badges, highlight: Highlight | undefined, readOnly: boolean): FlowEdge[] {
  return d.flows.map((f) => {
    const badge = badges[f.id] ?? null;
    return {
      id: f.id,
      type: "flow",
      source: f.from,
      target: f.to,
      data: { item: f, badge, marker: markerOf(highlight, f.id), readOnly, caption: flowCaption(f) },
      ariaLabel: `data flow ${itemName(f)}${badge ? `, open threats ${badge}` : ""}`,
    };
  });
}

/** The sides an edge leaves and enters by, for where its ends are now. */
export function sidesFor(edge: FlowEdge, at: ReadonlyMap<string, { x: number; y: number }>): [Side, Side] {
  return sides(at.get(edge.source), at.get(edge.target));
}
