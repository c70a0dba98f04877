// A diagram as one standalone SVG picture, for a download, a document or a revision's diff: no
// fonts, images or scripts from anywhere else, every text escaped, the view fitted to what is
// drawn. Shapes follow the data-flow diagram convention: external entities are rectangles,
// processes rounded, data stores open-ended (two horizontal lines), flows arrows, trust
// boundaries dashed. Meaning is never carried by colour alone: an out-of-scope item is greyed
// and says "(out of scope)", and a diff's added, removed and changed items carry +, − and ~ as
// well as their coloured outline.
import type { DataFlow, Diagram, DiagramElement, TrustBoundary } from "./diagram";
import { placeUnplaced } from "./layout";

export type DiagramHighlight = { added?: ReadonlySet<string>; removed?: ReadonlySet<string>; changed?: ReadonlySet<string> };
export type DiagramSvgOptions = {
  /** Per element or flow id, a short text shown under it ("2 open · High"). */
  badges?: Readonly<Record<string, string>>;
  /** Ids of elements, flows and boundaries added, removed or changed since a revision. */
  highlight?: DiagramHighlight;
};

type Rect = { x: number; y: number; width: number; height: number };
type Mark = "added" | "removed" | "changed";

// Text sizes stay readable when the picture is shown at its own size: 12 px at the least.
const NAME_SIZE = 13;
const SMALL_SIZE = 12;
const LINE_HEIGHT = 16;
const MARGIN = 24;
// Roughly what a character of the sans-serif font takes at 12-13 px, for wrapping and label backgrounds.
const CHAR_WIDTH = 7;

const INK = "#1f2328";
const MUTED = "#6e7781";
const MUTED_INK = "#57606a";
const MUTED_FILL = "#eaeef2";
const BOUNDARY = "#b3261e";
const MARKS: Record<Mark, { colour: string; sign: string; word: string; dash?: string }> = {
  added: { colour: "#1a7f37", sign: "+", word: "added" },
  removed: { colour: "#cf222e", sign: "−", word: "removed", dash: "6 3" },
  changed: { colour: "#9a6700", sign: "~", word: "changed" },
};
const FILLS: Record<DiagramElement["kind"], string> = { entity: "#ddf4ff", process: "#fff8c5", store: "#dafbe1" };

/** Text as XML character data or an attribute value: markup characters escaped, characters XML cannot hold dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A coordinate as written: one decimal, no "-0", so the same diagram gives the same bytes. */
function num(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

const attrs = (values: Record<string, string | number | undefined>) =>
  Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === "number" ? num(v) : escapeXml(v!)}"`)
    .join("");

/** Words in lines of at most `max` characters, at most `lines` lines, the last cut with "…" if more remain. */
export function wrapText(text: string, max: number, lines = 3): string[] {
  const out: string[] = [];
  const words = text.split(/\s+/).filter(Boolean);
  let current = "";
  for (let word of words) {
    while (word.length > max) {
      if (current) out.push(current);
      out.push(word.slice(0, max));
      current = "";
      word = word.slice(max);
    }
    if (!current) current = word;
    else if (current.length + 1 + word.length <= max) current += ` ${word}`;
    else {
      out.push(current);
      current = word;
    }
  }
  if (current) out.push(current);
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines - 1);
  kept.push(
    `${out
      .slice(lines - 1)
      .join(" ")
      .slice(0, Math.max(0, max - 1))}…`,
  );
  return kept;
}

function textBlock(lines: { text: string; size: number; italic?: boolean }[], cx: number, cy: number, fill: string): string {
  const height = lines.length * LINE_HEIGHT;
  let y = cy - height / 2 + LINE_HEIGHT / 2;
  return lines
    .map((line) => {
      const out = `<text${attrs({ x: cx, y, "font-size": line.size, "font-style": line.italic ? "italic" : undefined, fill, "text-anchor": "middle", "dominant-baseline": "central" })}>${escapeXml(line.text)}</text>`;
      y += LINE_HEIGHT;
      return out;
    })
    .join("");
}

const rectOf = (element: DiagramElement): Rect => {
  const p = element.position!;
  return { x: p.x, y: p.y, width: p.width || 140, height: p.height || 70 };
};
const boxRect = (b: Extract<TrustBoundary, { kind: "box" }>): Rect => ({
  x: Math.min(b.x, b.x + b.width),
  y: Math.min(b.y, b.y + b.height),
  width: Math.abs(b.width),
  height: Math.abs(b.height),
});
const centre = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

/** Where the line from the rectangle's centre towards `to` leaves the rectangle. */
function edgePoint(r: Rect, to: { x: number; y: number }) {
  const c = centre(r);
  const dx = to.x - c.x;
  const dy = to.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const scale = 1 / Math.max(Math.abs(dx) / (r.width / 2 || 1), Math.abs(dy) / (r.height / 2 || 1));
  return { x: c.x + dx * Math.min(1, scale), y: c.y + dy * Math.min(1, scale) };
}

class Bounds {
  minX = Infinity;
  minY = Infinity;
  maxX = -Infinity;
  maxY = -Infinity;
  add(r: Rect) {
    if (![r.x, r.y, r.width, r.height].every(Number.isFinite)) return;
    this.minX = Math.min(this.minX, r.x);
    this.minY = Math.min(this.minY, r.y);
    this.maxX = Math.max(this.maxX, r.x + r.width);
    this.maxY = Math.max(this.maxY, r.y + r.height);
  }
}

function markOf(id: string, highlight: DiagramHighlight | undefined): Mark | null {
  if (highlight?.removed?.has(id)) return "removed";
  if (highlight?.added?.has(id)) return "added";
  if (highlight?.changed?.has(id)) return "changed";
  return null;
}

/** The outline and the sign of a diff mark around a rectangle, with the word for screen readers. */
function markAround(r: Rect, mark: Mark, bounds: Bounds): string {
  const m = MARKS[mark];
  const outline = { x: r.x - 6, y: r.y - 6, width: r.width + 12, height: r.height + 12 };
  bounds.add({ x: outline.x - 10, y: outline.y - 10, width: outline.width + 10, height: outline.height + 10 });
  return (
    `<g class="mark ${mark}"><title>${m.word}</title>` +
    `<rect${attrs({ ...outline, rx: 6, fill: "none", stroke: m.colour, "stroke-width": 3, "stroke-dasharray": m.dash })}/>` +
    `<circle${attrs({ cx: outline.x, cy: outline.y, r: 9, fill: "#ffffff", stroke: m.colour, "stroke-width": 2 })}/>` +
    `<text${attrs({ x: outline.x, y: outline.y, "font-size": 14, "font-weight": "bold", fill: m.colour, "text-anchor": "middle", "dominant-baseline": "central" })}>${m.sign}</text></g>`
  );
}

function badgeUnder(r: Rect, text: string, bounds: Bounds): string {
  const width = Math.min(text.length, 40) * CHAR_WIDTH + 12;
  const box = { x: r.x + r.width / 2 - width / 2, y: r.y + r.height + 6, width, height: 20 };
  bounds.add(box);
  return (
    `<g class="badge"><rect${attrs({ ...box, rx: 10, fill: "#ffffff", stroke: INK, "stroke-width": 1 })}/>` +
    textBlock([{ text: wrapText(text, 40, 1)[0] ?? "", size: SMALL_SIZE }], box.x + width / 2, box.y + 10, INK) +
    "</g>"
  );
}

function drawElement(element: DiagramElement, bounds: Bounds): string {
  const r = rectOf(element);
  bounds.add(r);
  const muted = element.outOfScope;
  const stroke = muted ? MUTED : INK;
  const fill = muted ? MUTED_FILL : FILLS[element.kind];
  const dash = muted ? "4 3" : undefined;
  let shape: string;
  if (element.kind === "entity") shape = `<rect${attrs({ ...r, fill, stroke, "stroke-width": 1.5, "stroke-dasharray": dash })}/>`;
  else if (element.kind === "process")
    shape =
      Math.abs(r.width - r.height) <= r.height * 0.1
        ? `<ellipse${attrs({ cx: r.x + r.width / 2, cy: r.y + r.height / 2, rx: r.width / 2, ry: r.height / 2, fill, stroke, "stroke-width": 1.5, "stroke-dasharray": dash })}/>`
        : `<rect${attrs({ ...r, rx: Math.min(r.height / 2, 28), fill, stroke, "stroke-width": 1.5, "stroke-dasharray": dash })}/>`;
  else
    shape =
      `<rect${attrs({ ...r, fill, stroke: "none" })}/>` +
      `<line${attrs({ x1: r.x, y1: r.y, x2: r.x + r.width, y2: r.y, stroke, "stroke-width": 2, "stroke-dasharray": dash })}/>` +
      `<line${attrs({ x1: r.x, y1: r.y + r.height, x2: r.x + r.width, y2: r.y + r.height, stroke, "stroke-width": 2, "stroke-dasharray": dash })}/>`;
  const max = Math.max(6, Math.floor((r.width - 12) / CHAR_WIDTH));
  const lines: { text: string; size: number; italic?: boolean }[] = wrapText(element.name || "(unnamed)", max, muted ? 2 : 3).map((text) => ({
    text,
    size: NAME_SIZE,
  }));
  if (muted) lines.push({ text: "(out of scope)", size: SMALL_SIZE, italic: true });
  const c = centre(r);
  return `<g${attrs({ class: `element ${element.kind}${muted ? " out-of-scope" : ""}`, "data-id": element.id })}>${shape}${textBlock(lines, c.x, c.y, muted ? MUTED_INK : INK)}</g>`;
}

type FlowGeometry = { path: string; label: { x: number; y: number } };

/** `offset`: how far to the side of the line between the two centres the flow is drawn. */
function flowGeometry(flow: DataFlow, from: Rect, to: Rect, offset: number): FlowGeometry {
  if (flow.from === flow.to) {
    // A flow from an element to itself: a loop over its top edge.
    const x = from.x + from.width / 2;
    const y = from.y;
    return { path: `M${num(x - 14)},${num(y)} C${num(x - 30)},${num(y - 44)} ${num(x + 30)},${num(y - 44)} ${num(x + 14)},${num(y)}`, label: { x, y: y - 46 } };
  }
  const a = centre(from);
  const b = centre(to);
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  // Flows between the same two elements sit side by side instead of on top of each other.
  const nx = (-(b.y - a.y) / length) * offset;
  const ny = ((b.x - a.x) / length) * offset;
  const start = edgePoint(from, { x: b.x + nx, y: b.y + ny });
  const end = edgePoint(to, { x: a.x + nx, y: a.y + ny });
  const s = { x: start.x + nx, y: start.y + ny };
  const e = { x: end.x + nx, y: end.y + ny };
  return { path: `M${num(s.x)},${num(s.y)} L${num(e.x)},${num(e.y)}`, label: { x: (s.x + e.x) / 2, y: (s.y + e.y) / 2 } };
}

/** "label / protocol" as the flow's label reads: its data (or its name when it has none) and its protocol. */
export function flowLabel(flow: DataFlow): string {
  const data = flow.label || flow.name;
  return [data, flow.protocol].filter(Boolean).join(" / ");
}

/**
 * The diagram as a standalone SVG document. Elements without a position are laid out first,
 * below those that have one, by the same layout as a Markdown import. The output depends only
 * on its input: the same diagram and options give the same string.
 */
export function diagramSvg(diagram: Diagram, options: DiagramSvgOptions = {}): string {
  const placed = placeUnplaced(diagram);
  const bounds = new Bounds();
  const { badges = {}, highlight } = options;
  const badgeOf = (id: string) => (Object.hasOwn(badges, id) && typeof badges[id] === "string" && badges[id].trim() ? badges[id] : null);
  const back: string[] = [];
  const middle: string[] = [];
  const front: string[] = [];

  for (const boundary of placed.boundaries) {
    const muted = boundary.outOfScope;
    const stroke = muted ? MUTED : BOUNDARY;
    const name = boundary.name + (muted ? " (out of scope)" : "");
    let anchor: { x: number; y: number };
    let shape: string;
    let outline: Rect;
    if (boundary.kind === "box") {
      const r = boxRect(boundary);
      bounds.add(r);
      outline = r;
      anchor = { x: r.x + 8, y: r.y + 14 };
      shape = `<rect${attrs({ ...r, rx: 4, fill: "none", stroke, "stroke-width": 1.5, "stroke-dasharray": "8 5" })}/>`;
    } else {
      const points = boundary.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
      if (points.length < 2) continue;
      for (const p of points) bounds.add({ x: p.x, y: p.y, width: 0, height: 0 });
      const xs = points.map((p) => p.x);
      const ys = points.map((p) => p.y);
      outline = { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
      anchor = { x: points[0]!.x + 6, y: points[0]!.y - 10 };
      shape = `<polyline${attrs({ points: points.map((p) => `${num(p.x)},${num(p.y)}`).join(" "), fill: "none", stroke, "stroke-width": 2, "stroke-dasharray": "8 5" })}/>`;
    }
    const label = escapeXml(wrapText(name, 60, 1)[0] ?? "");
    bounds.add({ x: anchor.x, y: anchor.y - 10, width: Math.min(name.length, 60) * CHAR_WIDTH, height: 20 });
    back.push(
      `<g${attrs({ class: `boundary ${boundary.kind}${muted ? " out-of-scope" : ""}`, "data-id": boundary.id })}>${shape}` +
        `<text${attrs({ x: anchor.x, y: anchor.y, "font-size": SMALL_SIZE, "font-style": muted ? "italic" : undefined, fill: muted ? MUTED_INK : BOUNDARY, "dominant-baseline": "central" })}>${label}</text></g>`,
    );
    const mark = markOf(boundary.id, highlight);
    if (mark) front.push(markAround(outline, mark, bounds));
  }

  const elements = new Map(placed.elements.map((e) => [e.id, e]));
  const pairs = new Map<string, DataFlow[]>();
  for (const flow of placed.flows) {
    if (!elements.has(flow.from) || !elements.has(flow.to)) continue;
    const key = [flow.from, flow.to].sort().join("\u0000");
    pairs.set(key, [...(pairs.get(key) ?? []), flow]);
  }
  for (const flows of pairs.values())
    flows.forEach((flow, i) => {
      // Offsets are taken in one direction (the pair's sorted order), so a flow and its reply separate.
      const sign = flow.from <= flow.to ? 1 : -1;
      const offset = flows.length > 1 ? (i - (flows.length - 1) / 2) * 16 * sign : 0;
      const geometry = flowGeometry(flow, rectOf(elements.get(flow.from)!), rectOf(elements.get(flow.to)!), offset);
      const muted = flow.outOfScope;
      const mark = markOf(flow.id, highlight);
      const stroke = mark ? MARKS[mark].colour : muted ? MUTED : INK;
      middle.push(
        `<path${attrs({ class: `flow${muted ? " out-of-scope" : ""}`, "data-id": flow.id, d: geometry.path, fill: "none", stroke, "stroke-width": mark ? 3 : 1.5, "stroke-dasharray": muted || mark === "removed" ? "5 4" : undefined, "marker-end": muted ? "url(#td-arrow-muted)" : "url(#td-arrow)" })}/>`,
      );
      const markSign = mark ? `${MARKS[mark].sign} ` : "";
      const words = [markSign + flowLabel(flow), muted ? "(out of scope)" : "", badgeOf(flow.id) ?? ""].filter(Boolean);
      if (!words.length) return;
      const lines = words.flatMap((w) => wrapText(w, 32, 2));
      const width = Math.max(...lines.map((l) => l.length)) * CHAR_WIDTH + 8;
      const height = lines.length * LINE_HEIGHT + 4;
      // The labels of flows between the same two elements are stacked, so they never overlap.
      const stacked = flows.length > 1 ? (i - (flows.length - 1) / 2) * (height + 4) : 0;
      const at = { x: geometry.label.x, y: geometry.label.y + stacked };
      const box = { x: at.x - width / 2, y: at.y - height / 2, width, height };
      bounds.add(box);
      front.push(
        `<g${attrs({ class: `flow-label${mark ? ` mark ${mark}` : ""}`, "data-id": flow.id })}>${mark ? `<title>${MARKS[mark].word}</title>` : ""}` +
          `<rect${attrs({ ...box, rx: 3, fill: "#ffffff", "fill-opacity": 0.9, stroke: mark ? MARKS[mark].colour : "none" })}/>` +
          textBlock(
            lines.map((text) => ({ text, size: SMALL_SIZE })),
            at.x,
            at.y,
            muted ? MUTED_INK : INK,
          ) +
          "</g>",
      );
    });

  for (const element of placed.elements) {
    middle.push(drawElement(element, bounds));
    const r = rectOf(element);
    const badge = badgeOf(element.id);
    if (badge) front.push(badgeUnder(r, badge, bounds));
    const mark = markOf(element.id, highlight);
    if (mark) front.push(markAround(r, mark, bounds));
  }

  if (!Number.isFinite(bounds.minX)) bounds.add({ x: 0, y: 0, width: 200, height: 60 });
  const view = {
    x: bounds.minX - MARGIN,
    y: bounds.minY - MARGIN,
    width: bounds.maxX - bounds.minX + 2 * MARGIN,
    height: bounds.maxY - bounds.minY + 2 * MARGIN,
  };
  const marker = (id: string, colour: string) =>
    `<marker${attrs({ id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, orient: "auto", markerUnits: "userSpaceOnUse" })}><path${attrs({ d: "M0,0 L10,5 L0,10 z", fill: colour })}/></marker>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs({ viewBox: `${num(view.x)} ${num(view.y)} ${num(view.width)} ${num(view.height)}`, width: view.width, height: view.height, role: "img", "aria-labelledby": "td-diagram-title", "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" })}>` +
    `<title id="td-diagram-title">${escapeXml(diagram.name || "Diagram")}</title>` +
    `<defs>${marker("td-arrow", INK)}${marker("td-arrow-muted", MUTED)}</defs>` +
    `<rect${attrs({ ...view, fill: "#ffffff" })}/>` +
    [...back, ...middle, ...front].join("") +
    "</svg>\n"
  );
}
