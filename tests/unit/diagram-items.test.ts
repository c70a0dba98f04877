import { describe, expect, it } from "vitest";
import { openThreatBadges, removeItems, restoreItems } from "@/components/diagram/diagram-items";
import type { DiagramThreat, EditorDiagram } from "@/components/diagram/types";
import { newBoundaryBox, newFlow, newProcess, newStore } from "@/lib/domain/diagram/new-items";

const threat = (fields: Partial<DiagramThreat>): DiagramThreat => ({
  key: crypto.randomUUID(),
  category: "TAMPERING",
  title: "t",
  priority: "LOW",
  open: true,
  elementIds: ["api"],
  ...fields,
});

const diagram: EditorDiagram = {
  key: "d",
  name: "Overview",
  elements: [newProcess({ id: "api", name: "API" }), newStore({ id: "db", name: "Orders" })],
  flows: [newFlow({ id: "q", from: "api", to: "db", label: "orders" })],
  boundaries: [newBoundaryBox({ id: "dmz", name: "DMZ" })],
};

describe("an item's threat badge", () => {
  it("counts the open threats on the item and names the highest priority", () => {
    const threats = [
      threat({ priority: "MEDIUM" }),
      threat({ priority: "HIGH" }),
      threat({ priority: "CRITICAL", open: false }),
      threat({ elementIds: ["db"] }),
    ];
    expect(openThreatBadges(diagram, threats)).toEqual({ api: "2 threats · High", db: "1 threat · Low" });
  });
});

describe("deleting items and undoing it", () => {
  it("takes the flows of a deleted element with it, and puts all of them back", () => {
    const { diagram: rest, removed } = removeItems(diagram, new Set(["db"]));
    expect(rest.elements.map((e) => e.id)).toEqual(["api"]);
    expect(rest.flows).toEqual([]);
    expect(removed.flows.map((f) => f.id)).toEqual(["q"]);
    expect(restoreItems(rest, removed)).toEqual(diagram);
  });

  it("does not bring back a flow whose other end has been deleted since", () => {
    const { diagram: withoutStore, removed } = removeItems(diagram, new Set(["db"]));
    const { diagram: withoutBoth } = removeItems(withoutStore, new Set(["api"]));
    const restored = restoreItems(withoutBoth, removed);
    expect(restored.elements.map((e) => e.id)).toEqual(["db"]);
    expect(restored.flows).toEqual([]);
  });
});
