import { describe, expect, it } from "vitest";
import { threatBadges } from "./badges";

describe("threatBadges", () => {
  it("counts the threats on each item and names the highest priority in words", () => {
    const threats = [
      { priority: "LOW" as const, elementIds: ["a", "b"] },
      { priority: "HIGH" as const, elementIds: ["a"] },
      { priority: "CRITICAL" as const, elementIds: [] },
    ];
    expect(threatBadges(["a", "b", "c"], threats)).toEqual({ a: "2 threats · High", b: "1 threat · Low" });
  });
});
