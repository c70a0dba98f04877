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

  it("toDay reads a date as the database and JSON write it, a day or a UTC timestamp, as its day", () => {
    expect(toDay("2026-06-15")).toBe("2026-06-15");
    expect(toDay("2026-06-15T23:30:00.000Z")).toBe("2026-06-15");
    expect(toDay(undefined)).toBeNull();
  });

  it("fromDay is the day's UTC midnight, and round-trips with toDay", () => {
    expect(fromDay("2028-02-29").toISOString()).toBe("2028-02-29T00:00:00.000Z");
    expect(toDay(fromDay("2026-03-29"))).toBe("2026-03-29");
    expect(fromDay(null)).toBeNull();
    expect(fromDay("")).toBeNull();
    expect(() => fromDay("29.03.2026")).toThrow(RangeError);
  });

  it("addDays crosses month ends, year ends, leap days and daylight-saving changes", () => {
    const cases: [string, number, string][] = [
      ["2026-01-31", 1, "2026-02-01"],
      ["2026-02-28", 1, "2026-03-01"],
      ["2028-02-28", 1, "2028-02-29"],
      ["2028-02-20", 14, "2028-03-05"],
      ["2026-12-25", 14, "2027-01-08"],
      ["2026-01-01", -1, "2025-12-31"],
      ["2026-03-28", 2, "2026-03-30"],
    ];
    expect(cases.map(([day, days]) => addDays(day, days))).toEqual(cases.map(([, , expected]) => expected));
  });

  it("addMonths keeps the day, or takes the month's last day when it lacks it", () => {
    const cases: [string, number, string][] = [
      ["2026-01-15", 3, "2026-04-15"],
      ["2026-11-30", 3, "2027-02-28"],
      ["2027-11-30", 3, "2028-02-29"],
      ["2026-01-31", 1, "2026-02-28"],
      ["2026-03-31", 1, "2026-04-30"],
      ["2026-10-31", 14, "2027-12-31"],
      ["2026-03-31", -1, "2026-02-28"],
    ];
    expect(cases.map(([day, months]) => addMonths(day, months))).toEqual(cases.map(([, , expected]) => expected));
  });

  it("daysBetween counts calendar days, leap days included", () => {
    expect([daysBetween("2026-02-01", "2026-03-01"), daysBetween("2028-02-01", "2028-03-01"), daysBetween("2026-12-31", "2026-12-24")]).toEqual([28, 29, -7]);
    expect([daysBetween("2026-01-01", "2027-01-01"), daysBetween("2028-01-01", "2029-01-01")]).toEqual([365, 366]);
  });

  it("compareDays orders days; isCalendarDay knows real dates", () => {
    expect([compareDays("2026-09-30", "2026-10-01"), compareDays("2026-10-01", "2026-10-01"), compareDays("2027-01-01", "2026-12-31")]).toEqual([-1, 0, 1]);
    expect(["2028-02-29", "2026-02-29", "2026-04-31", "2026-4-1"].map(isCalendarDay)).toEqual([true, false, false, false]);
  });
});
