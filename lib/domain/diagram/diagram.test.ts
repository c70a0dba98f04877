import { describe, expect, it } from "vitest";
import { diagramRefusals, MAX_DIAGRAM_BYTES, MAX_DIAGRAM_ELEMENTS, MAX_DIAGRAM_FLOWS, modelDiagramRefusals, type Diagram } from "./diagram";
import { newBoundaryBox, newBoundaryLine, newEntity, newFlow, newProcess, newStore } from "./new-items";

function shop(): Diagram {
  return {
    id: "d1",
    name: "Checkout",
    elements: [
      newEntity({ id: "shopper", name: "Shopper", actor: "human", position: { x: 0, y: 0, width: 100, height: 60 } }),
      newProcess({ id: "api", name: "Checkout API", position: { x: 300, y: 0, width: 120, height: 120 } }),
      newStore({ id: "orders", name: "Orders", position: { x: 600, y: 0 } }),
    ],
    flows: [
      newFlow({ id: "f1", from: "shopper", to: "api", name: "Order", label: "order" }),
      newFlow({ id: "f2", from: "api", to: "orders", name: "Save", label: "order row" }),
    ],
    boundaries: [
      newBoundaryBox({ id: "b1", name: "Data centre", x: 250, y: -50, width: 500, height: 300 }),
      newBoundaryLine({
        id: "b2",
        name: "Internet edge",
        points: [
          { x: 200, y: -100 },
          { x: 200, y: 300 },
        ],
      }),
    ],
  };
}

describe("diagramRefusals", () => {
  it("accepts a valid diagram", () => {
    expect(diagramRefusals(shop())).toEqual([]);
  });

  it("accepts an empty diagram and elements not yet placed", () => {
    expect(diagramRefusals({ id: "d", name: "New", elements: [newProcess({ id: "p", name: "P" })], flows: [], boundaries: [] })).toEqual([]);
  });

  it("refuses a flow without a start or an end", () => {
    const d = shop();
    d.flows[0]!.from = "";
    d.flows[1]!.to = " ";
    expect(diagramRefusals(d)).toEqual([
      'The data flow "Order" has no start: a flow must join two elements.',
      'The data flow "Save" has no end: a flow must join two elements.',
    ]);
  });

  it("refuses a flow pointing at an element that is not in the diagram", () => {
    const d = shop();
    d.flows[1]!.to = "payments";
    d.flows[0]!.from = "b1";
    expect(diagramRefusals(d)).toEqual([
      'The data flow "Order" starts at "b1", which is not an element of this diagram.',
      'The data flow "Save" ends at "payments", which is not an element of this diagram.',
    ]);
  });

  it("refuses duplicate ids across elements, flows and boundaries", () => {
    const d = shop();
    d.flows[1]!.id = "api";
    d.boundaries[1]!.id = "b1";
    expect(diagramRefusals(d)).toEqual([
      'The data flow "Save" has the same id "api" as the process "Checkout API"; each item needs its own.',
      'The trust boundary "Internet edge" has the same id "b1" as the trust boundary "Data centre"; each item needs its own.',
    ]);
  });

  it("refuses an item without an id, naming it by kind", () => {
    const d = shop();
    d.elements[2]!.id = "";
    d.flows.pop();
    expect(diagramRefusals(d)).toEqual(['A data store "Orders" has no id.']);
  });

  it.each([
    ["element x", (d: Diagram) => (d.elements[0]!.position!.x = Number.NaN), 'The external entity "Shopper" has a position that is not a finite number.'],
    ["element width", (d: Diagram) => (d.elements[1]!.position!.width = Infinity), 'The process "Checkout API" has a position that is not a finite number.'],
    [
      "box height",
      (d: Diagram) => d.boundaries[0]!.kind === "box" && (d.boundaries[0]!.height = -Infinity),
      'The trust boundary "Data centre" has a position or size that is not a finite number.',
    ],
    [
      "line point",
      (d: Diagram) => d.boundaries[1]!.kind === "line" && (d.boundaries[1]!.points[1]!.y = Number.NaN),
      'The trust boundary "Internet edge" has a point that is not a finite number.',
    ],
  ])("refuses a non-finite coordinate (%s)", (_, spoil, message) => {
    const d = shop();
    spoil(d);
    expect(diagramRefusals(d)).toEqual([message]);
  });

  it("refuses a trust boundary line with fewer than two points", () => {
    const d = shop();
    d.boundaries[1] = newBoundaryLine({ id: "b2", name: "Edge", points: [{ x: 0, y: 0 }] });
    expect(diagramRefusals(d)).toEqual(['The trust boundary "Edge" is a line with fewer than two points.']);
  });

  it("refuses more elements than the limit", () => {
    const d: Diagram = { id: "d", name: "Big", flows: [], boundaries: [], elements: [] };
    for (let i = 0; i <= MAX_DIAGRAM_ELEMENTS; i++) d.elements.push(newProcess({ id: `p${i}`, name: `P${i}` }));
    expect(diagramRefusals(d)).toEqual(["The diagram has 501 elements; at most 500 fit in one diagram. Split it into several."]);
    d.elements.pop();
    expect(diagramRefusals(d)).toEqual([]);
  });

  it("refuses more flows than the limit", () => {
    const d: Diagram = { id: "d", name: "Busy", boundaries: [], elements: [newProcess({ id: "a", name: "A" }), newProcess({ id: "b", name: "B" })], flows: [] };
    for (let i = 0; i <= MAX_DIAGRAM_FLOWS; i++) d.flows.push(newFlow({ id: `f${i}`, from: "a", to: "b" }));
    expect(diagramRefusals(d)).toEqual(["The diagram has 1001 data flows; at most 1000 fit in one diagram. Split it into several."]);
  });

  it("refuses a diagram larger than 2 MB once stored, counting UTF-8 bytes", () => {
    const d = shop();
    // 700,000 three-byte characters: under 2 MB as characters, over it as bytes.
    d.elements[0]!.description = "€".repeat(700_000);
    expect(diagramRefusals(d)).toEqual(["The diagram takes 2.0 MB; at most 2 MB fit in one diagram. Shorten descriptions or split it."]);
    d.elements[0]!.description = "x".repeat(MAX_DIAGRAM_BYTES - 4096);
    expect(diagramRefusals(d)).toEqual([]);
  });

  it("refuses an out-of-scope item without a reason, and accepts one with a reason", () => {
    const d = shop();
    d.elements[2]!.outOfScope = true;
    d.flows[0]!.outOfScope = true;
    d.flows[0]!.outOfScopeReason = "   ";
    d.boundaries[0]!.outOfScope = true;
    d.boundaries[0]!.outOfScopeReason = "Covered by the platform model.";
    expect(diagramRefusals(d)).toEqual([
      'The data store "Orders" is out of scope without a reason; say why it is left out.',
      'The data flow "Order" is out of scope without a reason; say why it is left out.',
    ]);
  });

  it("names an unnamed item by its id", () => {
    const d = shop();
    d.flows[0] = newFlow({ id: "f1", from: "shopper", to: "nowhere" });
    expect(diagramRefusals(d)).toEqual(['The data flow with id "f1" ends at "nowhere", which is not an element of this diagram.']);
  });
});

describe("modelDiagramRefusals", () => {
  it("accepts diagrams with distinct ids", () => {
    const other = { ...shop(), id: "d2", name: "Refunds", elements: [], flows: [], boundaries: [] };
    expect(modelDiagramRefusals([shop(), other])).toEqual([]);
  });

  it("names the diagram of each refusal and refuses ids shared between diagrams", () => {
    const second = shop();
    second.name = "Copy";
    second.flows[0]!.to = "ghost";
    expect(modelDiagramRefusals([shop(), second])).toEqual([
      'Two diagrams have the id "d1".',
      'Diagram "Copy": The data flow "Order" ends at "ghost", which is not an element of this diagram.',
      ...["shopper", "api", "orders", "f1", "f2", "b1", "b2"].map(
        (id) => `Diagrams "Checkout" and "Copy" both use the id "${id}"; ids are unique across a threat model's diagrams.`,
      ),
    ]);
  });
});
