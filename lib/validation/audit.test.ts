import { describe, expect, it } from "vitest";
import { auditSearchParams, hasAuditFilter, parseAuditSearchParams } from "./audit";

describe("parseAuditSearchParams", () => {
  it("defaults to the first page without filters", () => {
    expect(parseAuditSearchParams({})).toEqual({ page: 1 });
  });

  it("reads every filter", () => {
    expect(
      parseAuditSearchParams({ actor: "user_1", action: "threat-model.created", model: "model_1", from: "2026-01-01", to: "2026-01-31", page: "3" }),
    ).toEqual({
      actor: "user_1",
      action: "threat-model.created",
      model: "model_1",
      from: "2026-01-01",
      to: "2026-01-31",
      page: 3,
    });
  });

  it("drops a bad value and keeps the good ones", () => {
    expect(parseAuditSearchParams({ action: "access.denied", from: "2026-02-31", to: "yesterday", page: "-2" })).toEqual({ action: "access.denied", page: 1 });
    expect(parseAuditSearchParams({ action: "<script>", model: "m".repeat(101), actor: "u1" })).toEqual({ actor: "u1", page: 1 });
    expect(parseAuditSearchParams({ page: "1.5", to: "2026-12-31" })).toEqual({ to: "2026-12-31", page: 1 });
  });

  it("ignores empty and takes the first of repeated values", () => {
    expect(parseAuditSearchParams({ actor: "", action: ["member.added", "access.denied"], from: "  " })).toEqual({ action: "member.added", page: 1 });
  });
});

describe("auditSearchParams", () => {
  it("round-trips through parseAuditSearchParams and leaves out defaults", () => {
    const filters = { actor: "u1", action: "member.added", model: "m1", from: "2026-01-01", to: "2026-01-02", page: 2 };
    const sp = auditSearchParams(filters);
    expect(parseAuditSearchParams(Object.fromEntries(sp))).toEqual(filters);
    expect(auditSearchParams({ page: 1 }).toString()).toBe("");
  });
});

describe("hasAuditFilter", () => {
  it("is true for any filter and false for a page alone", () => {
    expect(hasAuditFilter({ page: 4 })).toBe(false);
    expect(hasAuditFilter({ to: "2026-01-01" })).toBe(true);
  });
});
