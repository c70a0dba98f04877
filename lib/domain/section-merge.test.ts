import { describe, expect, it } from "vitest";
import { baseAfterMerge, keepBoth, mergeFields, mergeRows, mergeSection, resolveConflicts, sameValue, type SectionRow } from "./section-merge";

describe("merging a section's fields", () => {
  const base = { dataFlow: "Webhooks", systemDiagramRef: "C4 v1", overview: "Old" };

  it("keeps each side's change of a different field, with no conflict", () => {
    const theirs = { ...base, dataFlow: "Webhooks arrive signed" };
    const mine = { ...base, systemDiagramRef: "C4 v2" };
    const { merged, conflicts } = mergeFields(base, theirs, mine);
    expect(conflicts).toEqual([]);
    expect(merged).toEqual({ dataFlow: "Webhooks arrive signed", systemDiagramRef: "C4 v2", overview: "Old" });
  });

  it("reports a field both changed differently, holding theirs until a choice is made", () => {
    const theirs = { ...base, overview: "Theirs", dataFlow: "Their notes" };
    const mine = { ...base, overview: "Mine", systemDiagramRef: "C4 v2" };
    const result = mergeFields(base, theirs, mine);
    expect(result.conflicts).toEqual([{ field: "overview", base: "Old", theirs: "Theirs", mine: "Mine" }]);
    expect(result.merged).toEqual({ overview: "Theirs", dataFlow: "Their notes", systemDiagramRef: "C4 v2" });
    // No choice drops a field the author did not touch, nor one only the author changed.
    expect(resolveConflicts(result, ["theirs"])).toEqual({ overview: "Theirs", dataFlow: "Their notes", systemDiagramRef: "C4 v2" });
    expect(resolveConflicts(result, ["mine"])).toEqual({ overview: "Mine", dataFlow: "Their notes", systemDiagramRef: "C4 v2" });
    expect(resolveConflicts(result, ["both"])).toEqual({ overview: "Theirs\n\nMine", dataFlow: "Their notes", systemDiagramRef: "C4 v2" });
    expect(resolveConflicts(result, ["both"], () => " ")).toMatchObject({ overview: "Theirs Mine" });
  });

  it("is no conflict when both made the same change", () => {
    const same = { ...base, overview: "New" };
    expect(mergeFields(base, same, { ...same }).conflicts).toEqual([]);
  });

  it("treats a field without a base as changed by someone else: never a silent overwrite", () => {
    const { conflicts, merged } = mergeFields({}, { ...base, overview: "Stored" }, { ...base, overview: "Mine" });
    expect(conflicts.map((c) => c.field)).toEqual(["overview"]);
    expect(merged.overview).toBe("Stored");
    expect(mergeFields(undefined, { overview: "Same" }, { overview: "Same" }).conflicts).toEqual([]);
  });

  it("compares null, undefined and contents, not identities", () => {
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue("", null)).toBe(false);
    expect(sameValue(["a", "b"], ["a", "b"])).toBe(true);
    expect(sameValue(["a", "b"], ["b", "a"])).toBe(false);
    expect(mergeSection({ justification: "x" }, { justification: "x", residualRisk: "LOW" }, { justification: "y", residualRisk: null }).merged).toEqual({
      justification: "y",
      residualRisk: "LOW",
    });
  });
});

describe("merging a table's rows", () => {
  const row = (id: string, title: string, extra: Partial<SectionRow> = {}): SectionRow => ({ key: id, id, title, description: "", ...extra });
  const base = [row("t1", "Spoofed login"), row("t2", "Token replay")];

  it("merges two people editing different rows", () => {
    const theirs = [row("t1", "Spoofed login via SSO"), row("t2", "Token replay")];
    const mine = [row("t1", "Spoofed login"), row("t2", "Token replay", { description: "Refresh tokens reused" })];
    const { merged, conflicts } = mergeRows(base, theirs, mine);
    expect(conflicts).toEqual([]);
    expect(merged).toEqual([row("t1", "Spoofed login via SSO"), row("t2", "Token replay", { description: "Refresh tokens reused" })]);
  });

  it("merges different fields of one row, and asks only about a field both changed", () => {
    const theirs = [row("t1", "Theirs", { description: "Their description" }), base[1]!];
    const mine = [row("t1", "Mine", { likelihood: "HIGH" }), base[1]!];
    const result = mergeRows(
      base.map((r) => ({ ...r, likelihood: "LOW" })),
      theirs.map((r) => ({ ...r, likelihood: "LOW" })),
      mine.map((r) => (r.id === "t1" ? r : { ...r, likelihood: "LOW" })),
    );
    expect(result.conflicts).toEqual([{ rowId: "t1", field: "title", base: "Spoofed login", theirs: "Theirs", mine: "Mine" }]);
    expect(resolveConflicts(result, ["mine"])[0]).toEqual({ key: "t1", id: "t1", title: "Mine", description: "Their description", likelihood: "HIGH" });
    expect(resolveConflicts(result, ["theirs"])[0]).toEqual({ key: "t1", id: "t1", title: "Theirs", description: "Their description", likelihood: "HIGH" });
  });

  it("keeps rows either side added, each after the row it follows", () => {
    const theirs = [base[0]!, row("t3", "Their new threat"), base[1]!];
    const mine = [...base, { key: "k-new", title: "My new threat", description: "" }];
    const { merged, conflicts } = mergeRows(base, theirs, mine);
    expect(conflicts).toEqual([]);
    expect(merged.map((r) => r.title)).toEqual(["Spoofed login", "Their new threat", "Token replay", "My new threat"]);
  });

  it("removes a row one side removed and the other left alone", () => {
    expect(mergeRows(base, [base[1]!], base).merged.map((r) => r.id)).toEqual(["t2"]);
    expect(mergeRows(base, base, [base[0]!]).merged.map((r) => r.id)).toEqual(["t1"]);
  });

  it("asks when one side removed a row the other changed, and keeps it until then", () => {
    const changedByThem = mergeRows(base, [row("t1", "Changed by them"), base[1]!], [base[1]!]);
    expect(changedByThem.conflicts).toEqual([{ rowId: "t1", field: null, base: base[0], theirs: row("t1", "Changed by them"), mine: null }]);
    expect(changedByThem.merged.map((r) => r.title)).toEqual(["Changed by them", "Token replay"]);
    expect(resolveConflicts(changedByThem, ["mine"]).map((r) => r.id)).toEqual(["t2"]);
    expect(resolveConflicts(changedByThem, ["theirs"]).map((r) => r.title)).toEqual(["Changed by them", "Token replay"]);

    const removedByThem = mergeRows(base, [base[1]!], [row("t1", "Changed by me"), base[1]!]);
    expect(removedByThem.conflicts).toEqual([{ rowId: "t1", field: null, base: base[0], theirs: null, mine: row("t1", "Changed by me") }]);
    expect(resolveConflicts(removedByThem, ["theirs"]).map((r) => r.id)).toEqual(["t2"]);
    // Kept by choice, it comes back as a new row: its old id no longer exists.
    expect(resolveConflicts(removedByThem, ["mine"])).toEqual([base[1], { key: "t1", title: "Changed by me", description: "" }]);
  });

  it("keeps their order unless the author reordered", () => {
    const swapped = [base[1]!, base[0]!];
    expect(mergeRows(base, swapped, base).merged.map((r) => r.id)).toEqual(["t2", "t1"]);
    expect(mergeRows(base, [row("t1", "Renamed"), base[1]!], swapped).merged.map((r) => r.title)).toEqual(["Token replay", "Renamed"]);
  });
});

describe("keeping both texts", () => {
  it("puts theirs first and mine after, and drops nothing when one is empty", () => {
    expect(keepBoth("Theirs", "Mine")).toBe("Theirs\n\nMine");
    expect(keepBoth("", "Mine")).toBe("Mine");
    expect(keepBoth("Theirs", "")).toBe("Theirs");
  });
});

describe("the base after taking theirs in", () => {
  it("is theirs, except where an unsaved change of the author collides", () => {
    const result = mergeFields({ a: "base", b: "base" }, { a: "theirs", b: "theirs" }, { a: "base", b: "mine" });
    expect(baseAfterMerge({ a: "theirs", b: "theirs" }, result.conflicts)).toEqual({ a: "theirs", b: "base" });
    const rows = mergeRows([{ id: "r1", title: "base" }], [], [{ id: "r1", title: "mine" }]);
    expect(baseAfterMerge([], rows.conflicts)).toEqual([{ id: "r1", title: "base" }]);
  });
});
