import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importCounts } from "@/tests/helpers/import-counts";
import { importedTitle, prepareImport, titleKey, unknownOwnerWarnings } from "./prepare";

const fixtures = path.resolve(import.meta.dirname, "../../../tests/fixtures");
const text = (name: string) => fs.readFileSync(path.join(fixtures, name), "utf8");

/** A deterministic pseudo-random generator, so a failing input can be found again. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("prepareImport", () => {
  it("previews ThreatDesk JSON: per document its title, sections and counts; statuses become Draft with a warning", () => {
    const prepared = prepareImport("models.json", text("threatdesk-json/models.json"));
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.preview.format).toBe("json");
    expect(prepared.preview.documents.map((d) => d.title)).toEqual(["Payments API", "Empty model"]);
    expect(prepared.preview.documents[0]!.counts).toEqual(
      importCounts({
        threatsByCategory: { SPOOFING: 1, TAMPERING: 1, DENIAL_OF_SERVICE: 1 },
        mitigationsByStatus: { IN_PROGRESS: 1, IMPLEMENTED: 1 },
        scenarios: 1,
        controls: 1,
        assets: 1,
        boundaries: 1,
        invariants: 1,
        residualRisks: 2,
      }),
    );
    expect(prepared.preview.documents[0]!.sections).toEqual([
      "Overview",
      "Scope",
      "Architecture",
      "Data flow",
      "Trust boundaries",
      "Assets",
      "Threats",
      "STRIDE assessments",
      "Mitigations",
      "Attack scenarios",
      "Security controls",
      "Security invariants",
      "Residual risks",
    ]);
    expect(prepared.preview.documents[1]!.sections).toEqual([]);
    expect(prepared.preview.warnings).toEqual([
      { document: 0, message: "“Payments API” is marked Approved in the file; it is imported as a Draft, to be reviewed here." },
    ]);
    expect(prepared.models.map((m) => m.document.status)).toEqual(["DRAFT", "DRAFT"]);
  });

  it("previews only the models of an organization backup, and says so", () => {
    const prepared = prepareImport("backup.json", text("threatdesk-json/organization-backup.json"));
    expect(prepared.ok && prepared.preview.warnings[0]!.message).toMatch(
      /^This is a backup of the organization “Acme Payments”: only its 1 threat models are imported here/,
    );
  });

  it("previews a Threat Dragon file", () => {
    const prepared = prepareImport("shop.json", text("threat-dragon/typical.json"));
    expect(prepared.ok && prepared.preview.format).toBe("threat-dragon");
    expect(prepared.ok && prepared.preview.documents[0]!.counts.threatsByCategory.TAMPERING).toBe(2);
  });

  it("previews the example Markdown threat model", () => {
    const prepared = prepareImport("000_94c6fb0c6808696b.txt", fs.readFileSync(path.join(fixtures, "seeds/000_94c6fb0c6808696b.txt")));
    expect(prepared.ok).toBe(true);
    expect(prepared.ok && prepared.preview.format).toBe("markdown");
    expect(prepared.ok && prepared.preview.documents).toHaveLength(1);
  });

  it("refuses a file whose JSON has the wrong shape, with the paths", () => {
    const value = JSON.parse(text("threatdesk-json/models.json"));
    value.models[0].threats[0].impact = "HUGE";
    expect(prepareImport("x.json", JSON.stringify(value))).toEqual({
      ok: false,
      error: "This ThreatDesk JSON file does not have the expected shape.",
      details: ["models[0].threats[0].impact: expected one of LOW, MEDIUM, HIGH, CRITICAL"],
    });
  });

  it("removes NUL characters from the text, with a warning", () => {
    const value = JSON.parse(text("threatdesk-json/models.json"));
    value.models[1].overview = "before\u0000after";
    const prepared = prepareImport("x.json", JSON.stringify(value));
    expect(prepared.ok && prepared.models[1]!.document.overview).toBe("beforeafter");
    expect(prepared.ok && prepared.preview.warnings).toContainEqual({ document: 1, message: "NUL characters in the text were removed." });
  });

  it("refuses an envelope without models", () => {
    expect(prepareImport("x.json", '{"format":"threatdesk","version":1,"exportedAt":"","models":[]}')).toEqual({
      ok: false,
      error: "The file holds no threat models.",
      details: [],
    });
  });
});

describe("malformed input never throws", () => {
  const sources = [
    ["models.json", text("threatdesk-json/models.json")],
    ["backup.json", text("threatdesk-json/organization-backup.json")],
    ["typical.json", text("threat-dragon/typical.json")],
    ["trust-boundaries.json", text("threat-dragon/trust-boundaries.json")],
    ["seed.md", text("seeds/000_94c6fb0c6808696b.txt")],
  ] as const;

  it.each(sources)("every truncation of %s gives a preview or a refusal", (name, source) => {
    const step = Math.max(1, Math.floor(source.length / 150));
    for (let end = 0; end < source.length; end += step) {
      const result = prepareImport(name, source.slice(0, end));
      expect(typeof result.ok).toBe("boolean");
      if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
      // Cut JSON is never taken for a complete file.
      if (name.endsWith(".json") && end < source.trimEnd().length) expect(result.ok).toBe(false);
    }
  });

  it("random bytes are refused or previewed, never thrown", () => {
    const next = random(20260501);
    for (let i = 0; i < 300; i++) {
      const data = new Uint8Array(1 + Math.floor(next() * 2000)).map(() => Math.floor(next() * 256));
      const result = prepareImport(i % 2 ? "random.json" : "random.md", data);
      expect(result.ok).toBe(false);
    }
  });

  it("JSON values of every wrong type in every field are refused with a path", () => {
    const base = JSON.parse(text("threatdesk-json/models.json"));
    const wrong = [null, 0, "", [], {}, true];
    const model = base.models[0];
    for (const key of Object.keys(model)) {
      for (const value of wrong) {
        const copy = structuredClone(base);
        copy.models[0][key] = value;
        const result = prepareImport("x.json", JSON.stringify(copy));
        if (!result.ok) expect(result.details.join("\n")).toMatch(/^models\[0\]\./);
      }
    }
  });
});

describe("what only the importing organization can tell", () => {
  it("importedTitle marks a taken title as an imported copy, numbered when that is taken too, within the title limit", () => {
    const taken = new Set([titleKey("Checkout")]);
    const day = new Date("2026-12-01T15:00:00Z");
    expect(importedTitle("Checkout", taken, day)).toBe("Checkout (imported 1 Dec 2026)");
    expect(importedTitle(" checkout ", taken, day)).toBe("checkout (imported 1 Dec 2026, 2)");
    expect(importedTitle("Payments", taken, day)).toBe("Payments");
    expect(importedTitle("Payments", taken, day)).toBe("Payments (imported 1 Dec 2026)");
    const long = "x".repeat(200);
    taken.add(titleKey(long));
    const copy = importedTitle(long, taken, day);
    expect(copy.length).toBeLessThanOrEqual(200);
    expect(copy.endsWith(" (imported 1 Dec 2026)")).toBe(true);
  });

  it("unknownOwnerWarnings names each row whose owner is not a member, with its line", () => {
    const prepared = prepareImport(
      "owners.md",
      "## 9. Mitigations Implemented\n\n| Mitigation | Status | Owner |\n|---|---|---|\n| MFA | Done | ada@example.com |\n| WAF | Planned | bob@example.com |\n| CSP | Planned | |\n",
    );
    if (!prepared.ok) throw new Error(prepared.error);
    expect(unknownOwnerWarnings(prepared.models, (email) => email === "ADA@example.com".toLowerCase())).toEqual([
      {
        document: 0,
        line: 6,
        message: "The owner “bob@example.com” of the mitigation “WAF” is not a member of this organization; the mitigation is imported without an owner.",
      },
    ]);
  });
});
