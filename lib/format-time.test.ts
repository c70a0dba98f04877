import { describe, expect, it } from "vitest";
import { formatUtcDateTime } from "./format-time";

describe("formatUtcDateTime", () => {
  it("formats an instant in UTC, from a Date or an ISO string", () => {
    expect(formatUtcDateTime(new Date("2026-03-02T04:05:00.000Z"))).toBe("2 Mar 2026, 04:05 UTC");
    expect(formatUtcDateTime("2026-12-31T23:59:59.999-01:00")).toBe("1 Jan 2027, 00:59 UTC");
  });

  it("shows a dash for something that is not a date", () => {
    expect(formatUtcDateTime("not a date")).toBe("—");
  });
});
