import { describe, expect, it } from "vitest";
import { emptyDocument } from "../model-document";
import { coverage, documentCoverage, modelCoverage } from "./coverage";
import type { Diagram } from "./diagram";
import { newEntity, newFlow, newProcess, newStore } from "./new-items";

describe("coverage", () => {
  const applicable = [
    { elementId: "user", category: "SPOOFING" },
    { elementId: "user", category: "REPUDIATION" },
    { elementId: "api", category: "TAMPERING" },
  ] as const;

  it("counts a pair covered by a threat of that category attached to that element", () => {
    expect(coverage(applicable, [{ category: "SPOOFING", elementIds: ["user", "api"] }], [])).toEqual({
      covered: 1,
      applicable: 3,
      percent: 33,
      gaps: [
        { elementId: "user", category: "REPUDIATION" },
        { elementId: "api", category: "TAMPERING" },
      ],
    });
  });

  it("does not count a threat of another category, or one attached elsewhere or nowhere", () => {
    const threats = [
      { category: "TAMPERING", elementIds: ["user"] },
      { category: "REPUDIATION", elementIds: [] },
    ] as const;
    expect(coverage(applicable, threats, []).covered).toBe(0);
  });

  it("counts a recorded dismissal with a reason, not one without", () => {
    const result = coverage(
      applicable,
      [],
      [
        { elementId: "api", category: "TAMPERING", reason: "Read-only container image." },
        { elementId: "user", category: "REPUDIATION", reason: "  " },
      ],
    );
    expect(result).toMatchObject({ covered: 1, percent: 33 });
  });

  it("rounds the percentage down, so only full coverage shows 100", () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ elementId: `e${i}`, category: "TAMPERING" as const }));
    const threats = [{ category: "TAMPERING" as const, elementIds: many.slice(0, 199).map((p) => p.elementId) }];
    expect(coverage(many, threats, []).percent).toBe(99);
    expect(coverage(many, [{ category: "TAMPERING", elementIds: many.map((p) => p.elementId) }], []).percent).toBe(100);
  });

  it("counts each pair once, however often it is listed or answered", () => {
    const twice = [...applicable, applicable[0]];
    const result = coverage(twice, [{ category: "SPOOFING", elementIds: ["user", "user"] }], [{ elementId: "user", category: "SPOOFING", reason: "also" }]);
    expect(result).toMatchObject({ covered: 1, applicable: 3 });
  });

  it("gives no percentage when nothing applies", () => {
    expect(coverage([], [{ category: "SPOOFING", elementIds: ["x"] }], [])).toEqual({ covered: 0, applicable: 0, percent: null, gaps: [] });
  });
});

describe("modelCoverage", () => {
  const diagram = (id: string, elements: Diagram["elements"]): Diagram => ({ id, name: id, elements, flows: [], boundaries: [] });

  it("adds up the suggestions of every diagram of the model", () => {
    const diagrams = [diagram("a", [newEntity({ id: "user", name: "User" })]), diagram("b", [newProcess({ id: "api", name: "API" })])];
    const result = modelCoverage(
      diagrams,
      [{ category: "SPOOFING", elementIds: ["user", "api"] }],
      [{ elementId: "user", category: "REPUDIATION", reason: "Read-only." }],
    );
    // 2 entity pairs + 6 process pairs; the entity is covered, the process once.
    expect(result).toMatchObject({ covered: 3, applicable: 8, percent: 37 });
    expect(result.gaps.map((g) => g.elementId)).toEqual(["api", "api", "api", "api", "api"]);
  });

  it("has no percentage for a model without diagrams, an empty diagram, or only out-of-scope elements", () => {
    expect(modelCoverage([], [], []).percent).toBeNull();
    expect(modelCoverage([diagram("a", [])], [], []).percent).toBeNull();
    const out = newProcess({ id: "p", name: "P", outOfScope: true, outOfScopeReason: "Vendor's." });
    expect(modelCoverage([diagram("a", [out])], [], [])).toEqual({ covered: 0, applicable: 0, percent: null, gaps: [] });
  });
});

describe("documentCoverage", () => {
  it("answers a document's suggestions from its threats and dismissals, names the gaps, and calls boundaries by their rows", () => {
    const doc = emptyDocument("Doc");
    doc.trustBoundaries = [{ key: "B1", name: "Internet edge", description: "", crossing: "" }];
    doc.diagrams = [
      {
        id: "d",
        name: "Overview",
        elements: [newEntity({ id: "u", name: "User", position: { x: 0, y: 0 } }), newStore({ id: "s", name: "Sessions", position: { x: 300, y: 0 } })],
        flows: [newFlow({ id: "f", from: "u", to: "s", label: "session" })],
        boundaries: [],
      },
    ];
    doc.threats = [
      {
        category: "SPOOFING",
        title: "Stolen password",
        description: "",
        attackVectors: [],
        likelihood: "LOW",
        impact: "LOW",
        priority: "LOW",
        mitigationKeys: [],
        elementIds: ["u"],
      },
    ];
    doc.suggestionDismissals = [
      { elementId: "u", category: "REPUDIATION", reason: "Sign-ins are logged." },
      { elementId: "gone", category: "TAMPERING", reason: "An item no diagram has any more." },
    ];
    const result = documentCoverage(doc);
    // Entity: S, R; store: T, R, I, D; flow: T, I, D: 9 pairs, 2 answered.
    expect([result.covered, result.applicable, result.percent]).toEqual([2, 9, 22]);
    expect(result.gaps[0]).toEqual({ elementId: "s", category: "TAMPERING" });
    expect(result.itemNames).toEqual({ u: "External entity “User”", s: "Data store “Sessions”", f: "Data flow “session”" });
    expect(result.dismissals).toEqual([{ elementId: "u", category: "REPUDIATION", reason: "Sign-ins are logged.", itemName: "External entity “User”" }]);
  });

  it("is null, not 100 %, for a document without diagrams", () => {
    expect(documentCoverage(emptyDocument("None")).percent).toBeNull();
  });
});
