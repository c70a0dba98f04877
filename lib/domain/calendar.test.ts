import { describe, expect, it } from "vitest";
import { addDays, addMonths, compareDays, daysBetween, fromDay, isCalendarDay, toDay, today } from "./calendar";

describe("calendar days in UTC", () => {
  it("today and toDay give the UTC day of an instant, whatever its offset", () => {
    expect(today(new Date("2026-12-31T23:59:59.999Z"))).toBe("2026-12-31");
    expect(today(new Date("2027-01-01T00:00:00.000Z"))).toBe("2027-01-01");
    expect(toDay(new Date("2026-06-15T23:30:00.000-05:00"))).toBe("2026-06-16");
    expect(today()).toBe(new Date().toISOString().slice(0, 10));
    expect(toDay(null)).toBeNull();
  });

  it("fromDay is the day's UTC midnight, and round-trips with toDay", () => {
    expect(fromDay("2028-02-29").toISOString()).toBe("2028-02-29T00:00:00.000Z");
    expect(toDay(fromDay("2026-03-29"))).toBe("2026-03-29");
    expect(fromDay(null)).toBeNull();
    expect(fromDay("")).toBeNull();
    expect(() => fromDay("29.03.2026")).toThrow(RangeError);
  });

  it("addDays crosses month ends, year ends and leap days", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2028-02-20", 14)).toBe("2028-03-05");
    expect(addDays("2026-12-25", 14)).toBe("2027-01-08");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30"); // across Europe's daylight-saving change
  });

  it("addMonths keeps the day, or takes the month's last day when it lacks it", () => {
    expect(addMonths("2026-01-15", 3)).toBe("2026-04-15");
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addMonths("2027-11-30", 3)).toBe("2028-02-29");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-03-31", 1)).toBe("2026-04-30");
    expect(addMonths("2026-10-31", 14)).toBe("2027-12-31");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
  });

  it("daysBetween counts calendar days, leap days included", () => {
    expect(daysBetween("2026-02-01", "2026-03-01")).toBe(28);
    expect(daysBetween("2028-02-01", "2028-03-01")).toBe(29);
    expect(daysBetween("2026-12-31", "2026-12-24")).toBe(-7);
    expect(daysBetween("2026-01-01", "2027-01-01")).toBe(365);
    expect(daysBetween("2028-01-01", "2029-01-01")).toBe(366);
  });

  it("compareDays orders days; isCalendarDay knows real dates", () => {
    expect(compareDays("2026-09-30", "2026-10-01")).toBeLessThan(0);
    expect(compareDays("2026-10-01", "2026-10-01")).toBe(0);
    expect(compareDays("2027-01-01", "2026-12-31")).toBeGreaterThan(0);
    expect(isCalendarDay("2028-02-29")).toBe(true);
    expect(isCalendarDay("2026-02-29")).toBe(false);
    expect(isCalendarDay("2026-04-31")).toBe(false);
    expect(isCalendarDay("2026-4-1")).toBe(false);
  });
});
