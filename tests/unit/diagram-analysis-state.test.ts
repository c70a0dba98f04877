import { describe, expect, it } from "vitest";
import { withDismissal, withoutDismissal, withThreatAdded, withThreatAttached, withThreatDetached } from "@/components/model-editor/diagram-analysis-state";
import type { LocalState } from "@/components/model-editor/state";

const threat = (key: string, elementIds: string[]): LocalState["threats"][number] => ({
  key,
  category: "TAMPERING",
  title: `Threat ${key}`,
  description: "",
  attackVectorsText: "",
  likelihood: "HIGH",
  impact: "HIGH",
  priorityOverride: null,
  priorityOverrideReason: "",
  residualRisk: null,
  residualRiskJustification: "",
  mitigationKeys: [],
  elementIds,
});

describe("the diagram analysis panel's changes to the editor state", () => {
  it("attaches a threat to an item once, and detaches it from that item only", () => {
    const s = { threats: [threat("t1", ["api"]), threat("t2", [])] };
    const attached = withThreatAttached(withThreatAttached(s, "t1", "flow-1"), "t1", "flow-1");
    expect(attached.threats.map((t) => t.elementIds)).toEqual([["api", "flow-1"], []]);
    expect(withThreatDetached(attached, "t1", "api").threats.map((t) => t.elementIds)).toEqual([["flow-1"], []]);
  });

  it("adds a threat in the given category on the given items, at medium likelihood and impact", () => {
    const s = withThreatAdded({ threats: [threat("t1", [])] }, "new", {
      category: "DENIAL_OF_SERVICE",
      title: "Brute force on login endpoint",
      description: "From the library.",
      elementIds: ["api", "api"],
    });
    expect(s.threats[1]).toMatchObject({
      key: "new",
      category: "DENIAL_OF_SERVICE",
      title: "Brute force on login endpoint",
      description: "From the library.",
      likelihood: "MEDIUM",
      impact: "MEDIUM",
      elementIds: ["api"],
    });
  });

  it("records one dismissal per item and category, with the reason trimmed, and undoes it by key", () => {
    let s: Pick<LocalState, "dismissals"> = { dismissals: [] };
    s = withDismissal(s, "d1", { elementId: "api", category: "SPOOFING", reason: " mTLS only " });
    s = withDismissal(s, "d2", { elementId: "api", category: "SPOOFING", reason: "Internal callers only" });
    s = withDismissal(s, "d3", { elementId: "api", category: "REPUDIATION", reason: "Stateless" });
    expect(s.dismissals).toEqual([
      { key: "d2", elementId: "api", category: "SPOOFING", reason: "Internal callers only" },
      { key: "d3", elementId: "api", category: "REPUDIATION", reason: "Stateless" },
    ]);
    expect(withoutDismissal(s, "d2").dismissals.map((d) => d.key)).toEqual(["d3"]);
  });
});
