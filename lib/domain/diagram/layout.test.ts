import { describe, expect, it } from "vitest";
import type { Diagram } from "./diagram";
import { diagramGeometry } from "./geometry";
import { layOutDiagram, placeUnplaced } from "./layout";
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
