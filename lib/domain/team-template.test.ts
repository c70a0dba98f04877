import { describe, expect, it } from "vitest";
import { readSeed, SEED_EXAMPLE, SEED_TEMPLATE } from "@/tests/helpers/seeds";
import { emptyDocument } from "./model-document";
import { TEMPLATE_SECTIONS } from "./team-template";
import { templateStartDocument } from "./template-start-document";

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

describe("TEMPLATE_SECTIONS", () => {
  const headingsOf = (seed: string) => Array.from(readSeed(seed).matchAll(/^## (\d+)\. (.+)$/gm), (m) => ({ number: Number(m[1]), heading: m[2]! }));

  it("numbers the sections 1, 2, 3… in their order", () => {
    expect(TEMPLATE_SECTIONS.map((s) => s.number)).toEqual(TEMPLATE_SECTIONS.map((_, i) => i + 1));
  });

  it("holds every section of the team's template, with its heading, in the template's order", () => {
    const template = headingsOf(SEED_TEMPLATE);
    expect(template).toHaveLength(10);
    const registered = TEMPLATE_SECTIONS.filter((s) => template.some((t) => t.heading === s.heading));
    expect(registered.map((s) => s.heading)).toEqual(template.map((t) => t.heading));
  });

  it("keeps the template's own numbers up to the sections it lacks, which follow its Mitigations", () => {
    const template = headingsOf(SEED_TEMPLATE);
    const mitigations = template.find((t) => t.heading === "Mitigations Implemented")!;
    for (const t of template.filter((t) => t.number <= mitigations.number)) {
      expect(TEMPLATE_SECTIONS.find((s) => s.heading === t.heading)?.number).toBe(t.number);
    }
    const added = TEMPLATE_SECTIONS.filter((s) => !template.some((t) => t.heading === s.heading));
    expect(added.map((s) => [s.number, s.heading])).toEqual([
      [8, "Attack Scenarios"],
      [9, "Security Controls Summary"],
    ]);
    // Both come from the filled-in example, under the same headings.
    const example = headingsOf(SEED_EXAMPLE).map((e) => e.heading);
    for (const s of added) expect(example).toContain(s.heading);
  });
});
