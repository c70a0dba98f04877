import { describe, expect, it } from "vitest";
import { PRIORITIES } from "./threat-model";
import { DEFAULT_FIX_BY, fixByClockStart, fixByDate, fixByDateAfterEdit, fixByDays, fixByWording } from "./sla";

describe("fix-by dates", () => {
  const discovered = new Date("2026-11-22T17:45:00.000Z");

  it.each([
    ["CRITICAL", null, "Before the feature ships"],
    ["HIGH", "2026-11-29", "Within 7 days of discovery"],
    ["MEDIUM", "2026-12-22", "Within 30 days of discovery"],
    ["LOW", "2026-12-06", "Next sprint (14 days)"],
  ] as const)("%s with the default settings: due %s (%s)", (priority, due, rule) => {
    const date = fixByDate(priority, discovered, DEFAULT_FIX_BY);
    expect(date ? date.toISOString().slice(0, 10) : null).toBe(due);
    expect(fixByWording(priority, DEFAULT_FIX_BY)).toBe(rule);
  });

  it("follows the organization's own settings for every priority", () => {
    const settings = { fixByDaysHigh: 3, fixByDaysMedium: 10, fixByDaysLow: 21 };
    const expected = { CRITICAL: null, HIGH: "2026-11-25", MEDIUM: "2026-12-02", LOW: "2026-12-13" };
    for (const p of PRIORITIES) {
      const date = fixByDate(p, discovered, settings);
      expect(date ? date.toISOString().slice(0, 10) : null, p).toBe(expected[p]);
    }
    expect(fixByDays("HIGH", settings)).toBe(3);
  });

  it("counts from the calendar day of discovery in UTC, whatever the time of day", () => {
    expect(fixByDate("HIGH", new Date("2026-12-31T23:59:59.000Z"), DEFAULT_FIX_BY)!.toISOString()).toBe("2027-01-07T00:00:00.000Z");
    expect(fixByDate("HIGH", new Date("2026-12-31T00:00:00.000Z"), DEFAULT_FIX_BY)!.toISOString()).toBe("2027-01-07T00:00:00.000Z");
  });
});

describe("the fix-by clock", () => {
  const settings = { fixByDaysHigh: 5, fixByDaysMedium: 20, fixByDaysLow: 10 };
  const created = new Date("2026-10-01T09:00:00.000Z");
  const approved = new Date("2026-11-10T15:00:00.000Z");
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

  it("states the organization's own rule in words", () => {
    expect(fixByWording("HIGH", settings)).toBe("Within 5 days of discovery");
    expect(fixByWording("MEDIUM", settings)).toBe("Within 20 days of discovery");
    expect(fixByWording("LOW", settings)).toBe("Next sprint (10 days)");
    expect(fixByWording("CRITICAL", settings)).toBe("Before the feature ships");
  });

  it("starts at the approval a threat was part of, else at the threat's creation", () => {
    expect(fixByClockStart(created, approved)).toBe(approved);
    expect(fixByClockStart(created, null)).toBe(created);
    const addedInTheNextRevision = new Date("2026-11-20T08:00:00.000Z");
    expect(fixByClockStart(addedInTheNextRevision, approved)).toBe(addedInTheNextRevision);
  });

  it("an edit keeps a threat's date while its priority stays, and dates a new priority from the clock's start", () => {
    const setByApproval = new Date("2026-11-15T00:00:00.000Z");
    expect(fixByDateAfterEdit("HIGH", { priority: "HIGH", dueDate: setByApproval, createdAt: created }, approved, settings)).toBe(setByApproval);
    expect(day(fixByDateAfterEdit("MEDIUM", { priority: "HIGH", dueDate: setByApproval, createdAt: created }, approved, settings))).toBe("2026-11-30");
    expect(fixByDateAfterEdit("CRITICAL", { priority: "HIGH", dueDate: setByApproval, createdAt: created }, approved, settings)).toBeNull();
    expect(day(fixByDateAfterEdit("HIGH", { priority: "HIGH", dueDate: null, createdAt: created }, null, settings))).toBe("2026-10-06");
    expect(day(fixByDateAfterEdit("LOW", null, approved, settings, new Date("2026-12-30T23:00:00.000Z")))).toBe("2027-01-09");
  });
});
