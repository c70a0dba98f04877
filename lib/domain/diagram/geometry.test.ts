import { describe, expect, it } from "vitest";
import type { Diagram } from "./diagram";
import { boxContains, centreOf, diagramGeometry, flowCrosses, segmentsIntersect } from "./geometry";
import { newBoundaryBox, newBoundaryLine, newEntity, newFlow, newProcess, newStore } from "./new-items";

const box = newBoundaryBox({ id: "dc", name: "Data centre", x: 100, y: 0, width: 200, height: 100 });
const line = newBoundaryLine({
  id: "edge",
  name: "Edge",
  points: [
    { x: 50, y: -50 },
    { x: 60, y: 50 },
    { x: 50, y: 150 },
  ],
});

describe("centreOf", () => {
  it("is the middle of the drawn element, its corner when it has no size, null when unplaced", () => {
    expect(centreOf(newProcess({ id: "p", name: "P", position: { x: 10, y: 20, width: 100, height: 40 } }))).toEqual({ x: 60, y: 40 });
    expect(centreOf(newProcess({ id: "p", name: "P", position: { x: 10, y: 20 } }))).toEqual({ x: 10, y: 20 });
    expect(centreOf(newProcess({ id: "p", name: "P" }))).toBeNull();
  });
});

describe("boxContains", () => {
  it.each([
    [{ x: 150, y: 50 }, true],
    [{ x: 100, y: 0 }, true],
    [{ x: 300, y: 100 }, true],
    [{ x: 99.9, y: 50 }, false],
    [{ x: 150, y: 100.1 }, false],
  ])("%o inside → %s", (p, inside) => {
    expect(boxContains(box, p)).toBe(inside);
  });

  it("reads a box with a negative size as the same rectangle flipped", () => {
    expect(boxContains({ x: 300, y: 100, width: -200, height: -100 }, { x: 150, y: 50 })).toBe(true);
  });
});

describe("segmentsIntersect", () => {
  it.each([
    ["crossing", { x: 0, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }, { x: 10, y: 0 }, true],
    ["parallel", { x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 1 }, { x: 10, y: 1 }, false],
    ["apart", { x: 0, y: 0 }, { x: 1, y: 1 }, { x: 5, y: 0 }, { x: 5, y: 10 }, false],
    ["touching at an end", { x: 0, y: 0 }, { x: 5, y: 5 }, { x: 5, y: 0 }, { x: 5, y: 10 }, true],
    ["collinear and overlapping", { x: 0, y: 0 }, { x: 10, y: 0 }, { x: 5, y: 0 }, { x: 15, y: 0 }, true],
    ["collinear and apart", { x: 0, y: 0 }, { x: 4, y: 0 }, { x: 5, y: 0 }, { x: 15, y: 0 }, false],
  ])("%s → %s", (_, a, b, c, d, expected) => {
    expect(segmentsIntersect(a, b, c, d)).toBe(expected);
  });
});

describe("flowCrosses", () => {
  it("crosses a box when exactly one end is inside it", () => {
    expect(flowCrosses({ x: 0, y: 50 }, { x: 150, y: 50 }, box)).toBe(true);
    expect(flowCrosses({ x: 150, y: 50 }, { x: 0, y: 50 }, box)).toBe(true);
    expect(flowCrosses({ x: 150, y: 50 }, { x: 250, y: 50 }, box)).toBe(false);
    // Both ends outside: the flow may pass over the box, but it never enters it.
    expect(flowCrosses({ x: 0, y: 50 }, { x: 400, y: 50 }, box)).toBe(false);
  });

  it("crosses a line when the straight segment between the ends meets any of its segments", () => {
    expect(flowCrosses({ x: 0, y: 0 }, { x: 150, y: 0 }, line)).toBe(true);
    expect(flowCrosses({ x: 0, y: 120 }, { x: 150, y: 120 }, line)).toBe(true);
    expect(flowCrosses({ x: 0, y: 0 }, { x: 40, y: 100 }, line)).toBe(false);
    // Past the line's end: no crossing.
    expect(flowCrosses({ x: 0, y: 200 }, { x: 150, y: 200 }, line)).toBe(false);
  });
});

describe("diagramGeometry", () => {
  const diagram: Diagram = {
    id: "d",
    name: "Geometry",
    elements: [
      newEntity({ id: "user", name: "User", position: { x: 0, y: 40, width: 20, height: 20 } }),
      newProcess({ id: "api", name: "API", position: { x: 140, y: 30, width: 40, height: 40 } }),
      newStore({ id: "db", name: "DB", position: { x: 250, y: 50 } }),
      newProcess({ id: "loose", name: "Not placed" }),
    ],
    flows: [
      newFlow({ id: "in", from: "user", to: "api" }),
      newFlow({ id: "save", from: "api", to: "db" }),
      newFlow({ id: "unplaced", from: "loose", to: "api" }),
    ],
    boundaries: [box, line, newBoundaryBox({ id: "inner", name: "Database zone", x: 200, y: 0, width: 100, height: 100 })],
  };

  it("lists the boxes enclosing each element's centre", () => {
    const { enclosing } = diagramGeometry(diagram);
    expect(Object.fromEntries([...enclosing].map(([id, boxes]) => [id, boxes.map((b) => b.id)]))).toEqual({
      user: [],
      api: ["dc"],
      db: ["dc", "inner"],
      loose: [],
    });
  });

  it("lists the boundaries each flow crosses; a flow with an unplaced end crosses none", () => {
    const { crossings } = diagramGeometry(diagram);
    expect(Object.fromEntries([...crossings].map(([id, boundaries]) => [id, boundaries.map((b) => b.id)]))).toEqual({
      in: ["dc", "edge"],
      save: ["inner"],
      unplaced: [],
    });
  });

  it("handles the largest diagram allowed with long boundary lines quickly", () => {
    const elements = Array.from({ length: 500 }, (_, i) =>
      newProcess({ id: `p${i}`, name: `P${i}`, position: { x: (i % 25) * 100, y: Math.floor(i / 25) * 100 } }),
    );
    const flows = Array.from({ length: 1000 }, (_, i) => newFlow({ id: `f${i}`, from: `p${i % 500}`, to: `p${(i * 7 + 3) % 500}` }));
    const points = Array.from({ length: 200 }, (_, i) => ({ x: 1250 + (i % 2) * 10, y: i * 10 }));
    const boundaries = [newBoundaryLine({ id: "l", name: "L", points }), newBoundaryBox({ id: "b", name: "B", x: 0, y: 0, width: 1000, height: 1000 })];
    const started = performance.now();
    const { crossings } = diagramGeometry({ elements, flows, boundaries });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(crossings.size).toBe(1000);
  });
});
