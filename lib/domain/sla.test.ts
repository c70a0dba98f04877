import { describe, expect, it } from "vitest";
import { PRIORITIES } from "./threat-model";
import { DEFAULT_FIX_BY, fixByDate, fixByDays, fixByRule } from "./sla";

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
    expect(fixByRule(priority, DEFAULT_FIX_BY)).toBe(rule);
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
