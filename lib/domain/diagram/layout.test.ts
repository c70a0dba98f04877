import { describe, expect, it } from "vitest";
import type { Diagram } from "./diagram";
import { diagramGeometry } from "./geometry";
import { DAGRE_LIMITS, layOutDiagram, placeUnplaced } from "./layout";
import { newBoundaryBox, newEntity, newFlow, newProcess, newStore } from "./new-items";

function unplaced(): Diagram {
  return {
    id: "d",
    name: "Shop",
    elements: [
      newEntity({ id: "user", name: "User" }),
      newProcess({ id: "api", name: "A process with a rather long name indeed" }),
      newStore({ id: "orders", name: "Orders" }),
      newStore({ id: "log", name: "Audit log" }),
      newEntity({ id: "psp", name: "Payment provider" }),
    ],
    flows: [
      newFlow({ id: "f1", from: "user", to: "api" }),
      newFlow({ id: "f2", from: "api", to: "orders" }),
      newFlow({ id: "f3", from: "api", to: "log" }),
      newFlow({ id: "f4", from: "api", to: "psp" }),
      newFlow({ id: "f5", from: "psp", to: "api" }),
      newFlow({ id: "f6", from: "api", to: "api" }),
    ],
    boundaries: [
      newBoundaryBox({ id: "dc", name: "Data centre" }),
      newBoundaryBox({ id: "db", name: "Databases" }),
      newBoundaryBox({ id: "empty", name: "Empty" }),
    ],
  };
}
const parents = new Map<string, string | null>([
  ["user", null],
  ["api", "dc"],
  ["orders", "db"],
  ["log", "db"],
  ["db", "dc"],
  ["psp", null],
  ["dc", null],
  ["empty", null],
]);

describe("layOutDiagram", () => {
  it("places every element with a finite, non-empty box, and sizes each boundary box around exactly its members", () => {
    const laid = layOutDiagram(unplaced(), parents);
    for (const e of laid.elements) {
      const p = e.position!;
      expect([p.x, p.y, p.width, p.height].every(Number.isFinite)).toBe(true);
      expect(p.width! * p.height!).toBeGreaterThan(0);
    }
    const enclosing = Object.fromEntries([...diagramGeometry(laid).enclosing].map(([id, boxes]) => [id, boxes.map((b) => b.id)]));
    expect(enclosing).toEqual({ user: [], api: ["dc"], orders: ["dc", "db"], log: ["dc", "db"], psp: [] });
    const empty = laid.boundaries.find((b) => b.id === "empty")!;
    expect(empty).toMatchObject({ kind: "box", width: expect.any(Number) });
    expect(empty.kind === "box" && empty.width > 0 && empty.height > 0).toBe(true);
    // The longer name gets the wider box.
    expect(laid.elements[1]!.position!.width).toBeGreaterThan(laid.elements[0]!.position!.width!);
  });

  it("lays out the same diagram the same way every time, without changing the one given", () => {
    const diagram = unplaced();
    expect(layOutDiagram(diagram, parents)).toEqual(layOutDiagram(unplaced(), parents));
    expect(diagram).toEqual(unplaced());
  });
});

describe("placeUnplaced", () => {
  it("keeps placed elements where they are and sets the unplaced ones below everything", () => {
    const diagram = unplaced();
    diagram.elements[0]!.position = { x: 10, y: 20, width: 100, height: 50 };
    diagram.boundaries[0] = { ...diagram.boundaries[0]!, kind: "box", x: 0, y: 0, width: 300, height: 400 } as Diagram["boundaries"][number];
    const placed = placeUnplaced(diagram);
    expect(placed.elements[0]!.position).toEqual({ x: 10, y: 20, width: 100, height: 50 });
    expect(placed.boundaries).toEqual(diagram.boundaries);
    for (const e of placed.elements.slice(1)) expect(e.position!.y).toBeGreaterThan(400);
    const all = { ...diagram, elements: placed.elements };
    expect(placeUnplaced(all)).toBe(all);
  });
});

describe("layOutDiagram past dagre's limits", () => {
  it("lays a large diagram on a grid that keeps the nesting, quickly", () => {
    const count = DAGRE_LIMITS.elements * 4;
    const elements = Array.from({ length: count }, (_, i) => newProcess({ id: `p${i}`, name: `Process ${i}` }));
    const flows = Array.from({ length: DAGRE_LIMITS.flows * 3 }, (_, i) => newFlow({ id: `f${i}`, from: `p${i % count}`, to: `p${(i * 7 + 3) % count}` }));
    const boundaries = [
      newBoundaryBox({ id: "outer", name: "Outer" }),
      newBoundaryBox({ id: "inner", name: "Inner" }),
      newBoundaryBox({ id: "side", name: "Side" }),
    ];
    const nesting = new Map<string, string | null>([
      ["inner", "outer"],
      ["outer", null],
      ["side", null],
    ]);
    elements.forEach((e, i) => nesting.set(e.id, i % 4 === 0 ? "inner" : i % 4 === 1 ? "outer" : i % 4 === 2 ? "side" : null));
    const started = performance.now();
    const laid = layOutDiagram({ id: "big", name: "Big", elements, flows, boundaries }, nesting);
    const took = performance.now() - started;
    const enclosing = diagramGeometry(laid).enclosing;
    elements.forEach((e, i) => {
      const expected = i % 4 === 0 ? ["outer", "inner"] : i % 4 === 1 ? ["outer"] : i % 4 === 2 ? ["side"] : [];
      expect(enclosing.get(e.id)!.map((b) => b.id)).toEqual(expected);
    });
    const rects = laid.elements.map((e) => e.position!);
    const overlap = rects.some((a, i) =>
      rects.some((b, j) => i < j && a.x < b.x + b.width! && b.x < a.x + a.width! && a.y < b.y + b.height! && b.y < a.y + a.height!),
    );
    expect(overlap).toBe(false);
    // Generous for a busy machine; dagre alone took most of a minute at this size.
    expect(took).toBeLessThan(2_000);
  });
});
