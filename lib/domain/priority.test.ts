import { describe, expect, it } from "vitest";
import { effectivePriority, priorityOverrideOf, suggestPriority } from "./priority";
import { IMPACTS, LIKELIHOODS, type Impact, type Likelihood, type Priority } from "./threat-model";

// The matrix from priority.ts's header comment, with Critical impact = the High column raised
// one level (Critical stays Critical).
//
//                 impact:  Low      Medium   High      Critical
//   likelihood High        Low      High     Critical  Critical
//   likelihood Medium      Low      Medium   High      Critical
//   likelihood Low         Low      Low      Medium    High
// prettier-ignore
const CASES: [Likelihood, Impact, Priority][] = [
  ["HIGH",   "LOW",      "LOW"],
  ["HIGH",   "MEDIUM",   "HIGH"],
  ["HIGH",   "HIGH",     "CRITICAL"],
  ["HIGH",   "CRITICAL", "CRITICAL"],
  ["MEDIUM", "LOW",      "LOW"],
  ["MEDIUM", "MEDIUM",   "MEDIUM"],
  ["MEDIUM", "HIGH",     "HIGH"],
  ["MEDIUM", "CRITICAL", "CRITICAL"],
  ["LOW",    "LOW",      "LOW"],
  ["LOW",    "MEDIUM",   "LOW"],
  ["LOW",    "HIGH",     "MEDIUM"],
  ["LOW",    "CRITICAL", "HIGH"],
];

describe("suggestPriority", () => {
  it.each(CASES)("likelihood %s × impact %s → %s", (likelihood, impact, expected) => {
    expect(suggestPriority(likelihood, impact)).toBe(expected);
  });

  it("the table covers all likelihood × impact combinations exactly once", () => {
    const seen = CASES.map(([l, i]) => `${l}/${i}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(LIKELIHOODS.length * IMPACTS.length);
    for (const l of LIKELIHOODS) for (const i of IMPACTS) expect(seen).toContain(`${l}/${i}`);
  });
});

describe("effectivePriority", () => {
  it("is the hand-set priority when there is one, else likelihood × impact", () => {
    expect(effectivePriority({ likelihood: "LOW", impact: "LOW" })).toBe("LOW");
    expect(effectivePriority({ likelihood: "LOW", impact: "LOW", priorityOverride: null })).toBe("LOW");
    expect(effectivePriority({ likelihood: "LOW", impact: "LOW", priorityOverride: "CRITICAL" })).toBe("CRITICAL");
    expect(effectivePriority({ likelihood: "HIGH", impact: "HIGH", priorityOverride: "MEDIUM" })).toBe("MEDIUM");
  });

  it("reads a stored priority as an override only when it carries a reason", () => {
    expect(priorityOverrideOf({ priority: "HIGH", priorityOverrideReason: "Regulator asked" })).toBe("HIGH");
    expect(priorityOverrideOf({ priority: "HIGH", priorityOverrideReason: null })).toBeNull();
    expect(priorityOverrideOf({ priority: "HIGH", priorityOverrideReason: "" })).toBeNull();
  });
});
