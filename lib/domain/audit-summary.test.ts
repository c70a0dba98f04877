import { describe, expect, it } from "vitest";
import { SUMMARY_MAX_ENTRIES, SUMMARY_MAX_VALUE, humanizeKey, summaryEntries } from "./audit-summary";

describe("humanizeKey", () => {
  it("splits camelCase, snake_case and kebab-case into lower-case words", () => {
    expect(humanizeKey("sourceTitle")).toBe("source title");
    expect(humanizeKey("fixByDaysHigh")).toBe("fix by days high");
    expect(humanizeKey("threat_model")).toBe("threat model");
    expect(humanizeKey("lock-version")).toBe("lock version");
    expect(humanizeKey("sourceID")).toBe("source id");
    expect(humanizeKey("title")).toBe("title");
  });
});

describe("summaryEntries", () => {
  it("lists top-level values as key: value in stored order", () => {
    expect(summaryEntries({ title: "Payments", start: "blank", sessionsEnded: 2, demo: true, owner: null })).toEqual([
      { key: "title", value: "Payments" },
      { key: "start", value: "blank" },
      { key: "sessions ended", value: "2" },
      { key: "demo", value: "yes" },
      { key: "owner", value: "—" },
    ]);
  });

  it("is empty for an empty or missing summary", () => {
    expect(summaryEntries({})).toEqual([]);
    expect(summaryEntries(null)).toEqual([]);
    expect(summaryEntries(undefined)).toEqual([]);
  });

  it("joins arrays of plain values and inlines arrays of objects", () => {
    expect(summaryEntries({ roles: ["OWNER", "ADMIN"], none: [] })).toEqual([
      { key: "roles", value: "OWNER, ADMIN" },
      { key: "none", value: "none" },
    ]);
    expect(
      summaryEntries({
        changes: [
          { field: "status", from: "DRAFT", to: "IN_REVIEW" },
          { field: "title", from: "A", to: "B" },
        ],
      }),
    ).toEqual([{ key: "changes", value: "field: status, from: DRAFT, to: IN_REVIEW; field: title, from: A, to: B" }]);
  });

  it("spreads a nested object into parent-child entries and stops at depth two", () => {
    expect(summaryEntries({ counts: { created: 1, removed: 0 }, deep: { a: { b: { c: 1 } } }, empty: {} })).toEqual([
      { key: "counts created", value: "1" },
      { key: "counts removed", value: "0" },
      { key: "deep a", value: "b: 1 field" },
      { key: "empty", value: "—" },
    ]);
  });

  it("shows a non-object summary as one value", () => {
    expect(summaryEntries("just text")).toEqual([{ key: "value", value: "just text" }]);
    expect(summaryEntries([1, 2])).toEqual([{ key: "value", value: "1, 2" }]);
  });

  it("keeps markup as plain text (rendering escapes it) and shows empty strings visibly", () => {
    expect(summaryEntries({ title: "<img src=x onerror=alert(1)>", note: "" })).toEqual([
      { key: "title", value: "<img src=x onerror=alert(1)>" },
      { key: "note", value: "(empty)" },
    ]);
  });

  it("cuts long values and long lists", () => {
    const [entry] = summaryEntries({ title: "x".repeat(1000) });
    expect(entry!.value).toHaveLength(SUMMARY_MAX_VALUE);
    expect(entry!.value.endsWith("…")).toBe(true);

    const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}`, i]));
    const entries = summaryEntries(many);
    expect(entries).toHaveLength(SUMMARY_MAX_ENTRIES);
    expect(entries[SUMMARY_MAX_ENTRIES - 2]).toEqual({ key: `k${SUMMARY_MAX_ENTRIES - 2}`, value: String(SUMMARY_MAX_ENTRIES - 2) });
    expect(entries.at(-1)).toEqual({ key: "and", value: `${25 - (SUMMARY_MAX_ENTRIES - 1)} more` });
  });
});
