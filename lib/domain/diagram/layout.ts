// Automatic layout for diagrams that arrive without positions: a Mermaid block read from
// Markdown, or elements a picture is asked for before anyone placed them. Dagre ranks the
// elements left to right along their flows and sizes each trust boundary box to enclose what
// the box holds, so the geometry (which box encloses which element, which flows cross it) reads
// the same as the nesting the text said.
import dagre from "@dagrejs/dagre";
import type { Diagram, DiagramElement, Position, TrustBoundary, TrustBoundaryBox } from "./diagram";

/** Room for a name of one line at 13 px, clamped so one long name does not stretch a rank. */
export function elementSize(element: Pick<DiagramElement, "kind" | "name">): { width: number; height: number } {
  const longest = Math.max(0, ...element.name.split("\n").map((line) => line.length));
  const width = Math.min(260, Math.max(element.kind === "process" ? 120 : 140, Math.round(longest * 7.5) + 40));
  return { width, height: element.kind === "store" ? 60 : 70 };
}

// Spacing between elements and ranks, and the band at a box's top that holds its name.
const NODE_SEP = 60;
const RANK_SEP = 90;
const BOX_PADDING = 12;
const BOX_TITLE = 20;
const EMPTY_BOX = { width: 160, height: 80 };

/**
 * Dagre's crossing reduction grows fast with size (a second for about a hundred elements on a
 * busy machine, a minute for five hundred): past these, and should it ever fail, the diagram is
 * laid out on a plain grid that keeps the same nesting, so an import stays quick whatever it holds.
 */
export const DAGRE_LIMITS = { elements: 50, flows: 100 } as const;
const GRID_PER_ROW = 4;

const finitePosition = (p: Position) => [p.x, p.y, p.width, p.height].every((v) => v === undefined || Number.isFinite(v));

/**
 * Every element placed anew, and every trust boundary box named in `parents` (as an element's
 * or a box's parent, or as a box with nothing inside) sized around its members. `parents` maps
 * an element id or box id to the id of the box it sits in (absent or null: the diagram itself).
 * Boxes it does not name, and boundary lines, are left as they are. The result is a new
 * diagram; the one given is not changed.
 */
export function layOutDiagram(diagram: Diagram, parents: ReadonlyMap<string, string | null> = new Map()): Diagram {
  const boxIds = new Set(diagram.boundaries.filter((b) => b.kind === "box").map((b) => b.id));
  const laidBoxes = new Set<string>();
  for (const [child, parent] of parents) {
    if (boxIds.has(child)) laidBoxes.add(child);
    if (parent && boxIds.has(parent)) laidBoxes.add(parent);
  }
  const sizes = new Map(diagram.elements.map((e) => [e.id, elementSize(e)]));
  const centres =
    diagram.elements.length <= DAGRE_LIMITS.elements && diagram.flows.length <= DAGRE_LIMITS.flows ? dagreCentres(diagram, parents, laidBoxes, sizes) : null;
  const grid = centres ? null : gridRects(diagram, parents, laidBoxes, sizes);
  const place = (id: string, size: { width: number; height: number }) => {
    const rect = grid?.get(id);
    if (rect) return { x: rect.x, y: rect.y, ...size };
    const c = centres?.get(id) ?? { x: 0, y: 0 };
    return { x: Math.round(c.x - size.width / 2), y: Math.round(c.y - size.height / 2), ...size };
  };
  const elements = diagram.elements.map((e) => ({ ...e, position: place(e.id, sizes.get(e.id)!) })) as DiagramElement[];
  return { ...diagram, elements, boundaries: fitBoxes(diagram, parents, laidBoxes, elements, place) };
}

type Size = { width: number; height: number };
type Rect = { x: number; y: number; width: number; height: number };

/** Element and empty-box centres as dagre places them, or null when dagre gives up. */
function dagreCentres(diagram: Diagram, parents: ReadonlyMap<string, string | null>, laidBoxes: Set<string>, sizes: Map<string, Size>) {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: "LR", nodesep: NODE_SEP, ranksep: RANK_SEP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const element of diagram.elements) g.setNode(element.id, { ...sizes.get(element.id)! });
  // A box with members is a cluster dagre sizes; one without is an ordinary node of a box's size.
  const hasMembers = new Set([...parents.values()].filter((p): p is string => !!p && laidBoxes.has(p)));
  for (const id of laidBoxes) g.setNode(id, hasMembers.has(id) ? { paddingTop: BOX_TITLE } : { ...EMPTY_BOX });
  for (const [child, parent] of parents) if (parent && laidBoxes.has(parent) && g.hasNode(child)) g.setParent(child, parent);
  for (const flow of diagram.flows) if (sizes.has(flow.from) && sizes.has(flow.to)) g.setEdge(flow.from, flow.to, {}, flow.id);
  try {
    if (g.nodeCount() > 0) dagre.layout(g);
  } catch {
    // Dagre refuses some compound graphs ("Not possible to find intersection…"): the grid takes over.
    return null;
  }
  const centres = new Map<string, { x: number; y: number }>();
  for (const id of g.nodes()) {
    const node = g.node(id) as { x?: number; y?: number } | undefined;
    if (!node || !Number.isFinite(node.x) || !Number.isFinite(node.y)) return null;
    centres.set(id, { x: node.x!, y: node.y! });
  }
  return centres;
}

/**
 * The grid: each box's members in rows, its boxes side by side below them, every box with room
 * for its name. Rectangles by id, for elements and boxes.
 */
function gridRects(diagram: Diagram, parents: ReadonlyMap<string, string | null>, laidBoxes: Set<string>, sizes: Map<string, Size>) {
  const rects = new Map<string, Rect>();
  const childrenOf = new Map<string | null, string[]>();
  const ids = [...diagram.elements.map((e) => e.id), ...diagram.boundaries.filter((b) => laidBoxes.has(b.id)).map((b) => b.id)];
  for (const id of ids) {
    const parent = parents.get(id) ?? null;
    const at = parent && laidBoxes.has(parent) ? parent : null;
    childrenOf.set(at, [...(childrenOf.get(at) ?? []), id]);
  }
  const cell = { width: 260, height: 70 };
  const visiting = new Set<string>();
  const placeGroup = (group: string | null, x: number, y: number): Size => {
    if (group) visiting.add(group);
    const inset = group ? BOX_PADDING : 0;
    const top = y + inset + (group ? BOX_TITLE : 0);
    const members = (childrenOf.get(group) ?? []).filter((id) => sizes.has(id));
    members.forEach((id, i) => {
      const size = sizes.get(id)!;
      rects.set(id, { x: x + inset + (i % GRID_PER_ROW) * (cell.width + NODE_SEP), y: top + Math.floor(i / GRID_PER_ROW) * (cell.height + NODE_SEP), ...size });
    });
    const rows = Math.ceil(members.length / GRID_PER_ROW);
    let width = members.length ? Math.min(members.length, GRID_PER_ROW) * (cell.width + NODE_SEP) - NODE_SEP : 0;
    const below = top + rows * (cell.height + NODE_SEP);
    let left = x + inset;
    let tallest = 0;
    for (const box of (childrenOf.get(group) ?? []).filter((id) => !sizes.has(id) && !visiting.has(id))) {
      const size = placeGroup(box, left, below);
      left += size.width + NODE_SEP;
      tallest = Math.max(tallest, size.height);
    }
    width = Math.max(width, left - x - inset - NODE_SEP, group ? EMPTY_BOX.width : 0);
    const height = Math.max(below - y + tallest - (tallest ? 0 : NODE_SEP), group ? EMPTY_BOX.height : 0) + inset;
    const size = { width: width + 2 * inset, height };
    if (group) rects.set(group, { x, y, ...size });
    return size;
  };
  placeGroup(null, 0, 0);
  return rects;
}

function fitBoxes(
  diagram: Diagram,
  parents: ReadonlyMap<string, string | null>,
  laidBoxes: Set<string>,
  elements: DiagramElement[],
  place: (id: string, size: Size) => Rect,
): TrustBoundary[] {
  // Dagre's cluster sizes can miss a member's edge by a rounding, and leave no band for the
  // name: each box is fitted to what it holds, innermost first, with padding and a title band.
  const boxes = new Map<string, TrustBoundaryBox>();
  for (const b of diagram.boundaries) if (b.kind === "box" && laidBoxes.has(b.id)) boxes.set(b.id, { ...b, ...place(b.id, EMPTY_BOX) });
  const depth = (id: string) => {
    let d = 0;
    for (let at = parents.get(id); at && d <= boxes.size; at = parents.get(at)) d++;
    return d;
  };
  const rectOf = new Map<string, { x: number; y: number; width: number; height: number }>(elements.map((e) => [e.id, e.position as Required<Position>]));
  for (const box of [...boxes.values()].sort((a, b) => depth(b.id) - depth(a.id))) {
    const members = [...parents].filter(([, parent]) => parent === box.id).map(([child]) => rectOf.get(child) ?? boxes.get(child));
    const inside = members.filter((m): m is { x: number; y: number; width: number; height: number } => !!m);
    if (inside.length) {
      const left = Math.min(...inside.map((m) => m.x)) - BOX_PADDING;
      const top = Math.min(...inside.map((m) => m.y)) - BOX_PADDING - BOX_TITLE;
      const right = Math.max(...inside.map((m) => m.x + m.width)) + BOX_PADDING;
      const bottom = Math.max(...inside.map((m) => m.y + m.height)) + BOX_PADDING;
      Object.assign(box, { x: left, y: top, width: right - left, height: bottom - top });
    }
    rectOf.set(box.id, box);
  }
  return diagram.boundaries.map((b) => boxes.get(b.id) ?? b);
}

/**
 * The diagram with its unplaced elements laid out among themselves and set below what is
 * already placed; placed elements and every boundary stay where they are. A diagram whose
 * elements all have positions comes back as it is.
 */
export function placeUnplaced(diagram: Diagram): Diagram {
  const unplaced = diagram.elements.filter((e) => !e.position || !finitePosition(e.position));
  if (unplaced.length === 0) return diagram;
  const ids = new Set(unplaced.map((e) => e.id));
  const laid = layOutDiagram({ ...diagram, elements: unplaced, flows: diagram.flows.filter((f) => ids.has(f.from) && ids.has(f.to)), boundaries: [] });
  const placed = diagram.elements.filter((e) => !ids.has(e.id)).map((e) => e.position!);
  const boxes = diagram.boundaries.flatMap((b) => (b.kind === "box" ? [b] : []));
  const bottoms = [...placed.map((p) => p.y + (p.height ?? 0)), ...boxes.map((b) => b.y + Math.max(0, b.height))];
  const lefts = [...placed.map((p) => p.x), ...boxes.map((b) => b.x)];
  const top = bottoms.length ? Math.max(...bottoms) + RANK_SEP : 0;
  const left = lefts.length ? Math.min(...lefts) : 0;
  const newPositions = new Map(laid.elements.map((e) => [e.id, { ...e.position!, x: e.position!.x + left, y: e.position!.y + top }]));
  return { ...diagram, elements: diagram.elements.map((e) => (ids.has(e.id) ? ({ ...e, position: newPositions.get(e.id)! } as DiagramElement) : e)) };
}
