// Where things are relative to trust boundaries, read from the drawing: which boxes enclose an
// element, and which boundaries a flow crosses. The suggestions depend on it (a flow that crosses
// a boundary is exposed to whatever is on the other side), so it is computed from positions
// alone, the same way whichever editor or import drew the diagram.
import type { DataFlow, Diagram, DiagramElement, TrustBoundary, TrustBoundaryBox } from "./diagram";

export type Point = { x: number; y: number };

/** The middle of an element as drawn (its position is the top-left corner), or null if unplaced. */
export function centreOf(element: DiagramElement): Point | null {
  const p = element.position;
  if (!p) return null;
  return { x: p.x + (p.width ?? 0) / 2, y: p.y + (p.height ?? 0) / 2 };
}

/** Inside or on the edge; a box drawn with a negative size is read as the same rectangle flipped. */
export function boxContains(box: Pick<TrustBoundaryBox, "x" | "y" | "width" | "height">, p: Point): boolean {
  const [left, right] = box.width >= 0 ? [box.x, box.x + box.width] : [box.x + box.width, box.x];
  const [top, bottom] = box.height >= 0 ? [box.y, box.y + box.height] : [box.y + box.height, box.y];
  return p.x >= left && p.x <= right && p.y >= top && p.y <= bottom;
}

const orient = (p: Point, q: Point, r: Point) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
const onSegment = (p: Point, q: Point, r: Point) =>
  Math.min(p.x, q.x) <= r.x && r.x <= Math.max(p.x, q.x) && Math.min(p.y, q.y) <= r.y && r.y <= Math.max(p.y, q.y);

/** Whether segments ab and cd meet, touching included (a flow that grazes a line still reaches it). */
export function segmentsIntersect(a: Point, b: Point, c: Point, d: Point): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b));
}

/** Whether the straight segment ab meets the polyline, one of its segments at a time. */
export function segmentCrossesPolyline(a: Point, b: Point, points: readonly Point[]): boolean {
  for (let i = 0; i + 1 < points.length; i++) if (segmentsIntersect(a, b, points[i]!, points[i + 1]!)) return true;
  return false;
}

/**
 * Whether a flow between two centres crosses a boundary: a box when exactly one end is inside it
 * (a flow wholly inside or wholly outside stays on one side), a line when the straight segment
 * between the centres meets it. Flows are read as straight lines: how an editor routes them
 * around other elements does not change which sides their ends are on.
 */
export function flowCrosses(from: Point, to: Point, boundary: TrustBoundary): boolean {
  if (boundary.kind === "box") return boxContains(boundary, from) !== boxContains(boundary, to);
  return segmentCrossesPolyline(from, to, boundary.points);
}

export type DiagramGeometry = {
  /** Element id → the boxes whose area holds its centre, in the diagram's order. */
  enclosing: Map<string, TrustBoundaryBox[]>;
  /** Flow id → the boundaries it crosses, in the diagram's order. */
  crossings: Map<string, TrustBoundary[]>;
};

/**
 * Enclosures and crossings for a whole diagram in one pass: elements × boxes, and flows × boundary
 * segments. Unplaced elements are enclosed by nothing, and their flows cross nothing.
 */
export function diagramGeometry(diagram: Pick<Diagram, "elements" | "flows" | "boundaries">): DiagramGeometry {
  const centres = new Map<string, Point | null>(diagram.elements.map((e) => [e.id, centreOf(e)]));
  const boxes = diagram.boundaries.filter((b): b is TrustBoundaryBox => b.kind === "box");
  const enclosing = new Map<string, TrustBoundaryBox[]>();
  for (const element of diagram.elements) {
    const centre = centres.get(element.id);
    enclosing.set(element.id, centre ? boxes.filter((box) => boxContains(box, centre)) : []);
  }
  const crossings = new Map<string, TrustBoundary[]>();
  for (const flow of diagram.flows) crossings.set(flow.id, crossedBy(flow, centres, diagram.boundaries));
  return { enclosing, crossings };
}

function crossedBy(flow: DataFlow, centres: Map<string, Point | null>, boundaries: readonly TrustBoundary[]): TrustBoundary[] {
  const from = centres.get(flow.from);
  const to = centres.get(flow.to);
  if (!from || !to) return [];
  return boundaries.filter((boundary) => flowCrosses(from, to, boundary));
}
