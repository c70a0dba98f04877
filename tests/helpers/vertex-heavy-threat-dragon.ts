// Threat Dragon files of nearly 5 MB (the import limit) made mostly of geometry: the shapes that
// make finding which flows cross which boundaries expensive. Shared by the importer's test and
// `npm run bench:import`.
import { MAX_IMPORT_BYTES } from "@/lib/domain/exchange/detect";

type Cell = Record<string, unknown>;

// Flows zig-zag across the top of the diagram and boundaries across the bottom: no flow crosses a
// boundary, so the crossing test never stops early and every segment pair is tried.
const point = (i: number, top = 0) => ({ x: (i * 37) % 1000, y: top + ((i * 91) % 300) });
const points = (n: number, from = 0, top = 0) => Array.from({ length: n }, (_, i) => point(from + i, top));

const flow = (id: string, vertices: number, from = 0): Cell => ({
  id,
  shape: "flow",
  source: { x: 0, y: 0 },
  target: { x: 1000, y: 300 },
  vertices: points(vertices, from),
  data: { type: "tm.flow", name: `Flow ${id}` },
});
const curve = (id: string, vertices: number, from = 0): Cell => ({
  id,
  shape: "trust-boundary-curve",
  source: { x: 1000, y: 400 },
  target: { x: 0, y: 700 },
  vertices: points(vertices, from, 400),
  data: { type: "tm.boundary", name: `Boundary ${id}` },
});
const text = (id: string): Cell => ({ id, shape: "td-text-block", position: point(Number(id.slice(1))), data: { type: "tm.text", name: `Note ${id}` } });

function file(cells: Cell[]) {
  return JSON.stringify({ version: "2.2.0", summary: { title: "Geometry" }, detail: { diagrams: [{ id: 0, title: "Main", diagramType: "STRIDE", cells }] } });
}

/** Adds cells until the file is as close to 5 MB as they allow. */
function fill(make: (i: number) => Cell, fixed: Cell[] = []): string {
  const cells = [...fixed];
  // The largest cells measure: later cells have longer ids, and kinds alternate.
  const size = Math.max(...[999_998, 999_999].map((i) => Buffer.byteLength(JSON.stringify(make(i))))) + 1;
  const room = MAX_IMPORT_BYTES - Buffer.byteLength(file(cells)) - 1_000;
  for (let i = 0; i < Math.floor(room / size); i++) cells.push(make(i));
  return file(cells);
}

export const VERTEX_HEAVY_FILES: { name: string; text: () => string }[] = [
  {
    name: "one flow and one boundary curve, with half the file's bend points each",
    text: () => {
      const perPoint = Buffer.byteLength(JSON.stringify(points(1000, 0, 400))) / 1000;
      const half = Math.floor((MAX_IMPORT_BYTES - 1_000) / 2 / perPoint);
      return file([flow("f", half), curve("b", half, 7)]);
    },
  },
  { name: "flows and curves of 500 bend points each (the per-cell limit)", text: () => fill((i) => (i % 2 ? flow(`f${i}`, 500, i) : curve(`b${i}`, 500, i))) },
  { name: "flows and curves without bend points", text: () => fill((i) => (i % 2 ? flow(`f${i}`, 0) : curve(`b${i}`, 0))) },
  {
    name: "within every limit: 4,900 flow segments × 1,010 boundary segments, the rest text",
    text: () =>
      fill(
        (i) => text(`t${i}`),
        [...Array.from({ length: 10 }, (_, i) => flow(`f${i}`, 489, i)), ...Array.from({ length: 10 }, (_, i) => curve(`b${i}`, 100, i))],
      ),
  },
];
