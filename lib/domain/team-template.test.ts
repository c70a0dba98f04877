import { describe, expect, it } from "vitest";
import { emptyDocument } from "./model-document";
import { templateStartDocument } from "./team-template";

/** Every string anywhere in a value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe("templateStartDocument", () => {
  const doc = templateStartDocument("Checkout", "One-click checkout", "Payments");

  it("carries the user's title, feature and category as a fresh draft", () => {
    expect(doc).toMatchObject({ title: "Checkout", featureName: "One-click checkout", category: "Payments", status: "DRAFT", version: "0.1.0" });
  });

  it("holds the template's four trust boundaries and four filled assets", () => {
    expect(doc.trustBoundaries.map((b) => b.name)).toEqual(["Internet → API", "API → Database", "API → External", "Admin → System"]);
    expect(doc.trustBoundaries[0]).toEqual({ name: "Internet → API", description: "Public internet to your API", crossing: "HTTP requests, user input" });
    expect(doc.assets.map((a) => [a.name, a.classification])).toEqual([
      ["User passwords", "RESTRICTED"],
      ["User PII (email, name)", "CONFIDENTIAL"],
      ["Payment data", "RESTRICTED"],
      ["Session tokens / JWT", "RESTRICTED"],
    ]);
  });

  it("has nothing else: every other section is as empty as a blank model's", () => {
    const blank = { ...emptyDocument("Checkout"), featureName: "One-click checkout", category: "Payments" };
    expect({ ...doc, trustBoundaries: [], assets: [] }).toEqual(blank);
  });

  it("stores no placeholder text", () => {
    for (const s of strings(doc)) {
      expect(s).not.toMatch(/[[\]]/);
      expect(s).not.toMatch(/NNN|\bTBD\b/);
    }
    expect(doc.assets.some((a) => /other assets/i.test(a.name))).toBe(false);
  });

  it("gives every call its own rows", () => {
    const a = templateStartDocument("A", "", "");
    a.assets[0]!.name = "Changed";
    a.trustBoundaries.pop();
    const b = templateStartDocument("B", "", "");
    expect(b.assets[0]!.name).toBe("User passwords");
    expect(b.trustBoundaries).toHaveLength(4);
  });
});
