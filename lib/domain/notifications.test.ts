import { describe, expect, it } from "vitest";
import { addDaysUtc, isAppPath, isNotificationKind, utcDay } from "./notifications";

describe("dates", () => {
  it("adds calendar days across months, years and leap days", () => {
    expect(addDaysUtc("2026-02-20", 14)).toBe("2026-03-06");
    expect(addDaysUtc("2028-02-20", 14)).toBe("2028-03-05");
    expect(addDaysUtc("2026-12-25", 14)).toBe("2027-01-08");
    expect(addDaysUtc("2026-01-01", -1)).toBe("2025-12-31");
  });

  it("takes the UTC day of an instant", () => {
    expect(utcDay(new Date("2026-03-10T23:59:59.999Z"))).toBe("2026-03-10");
    expect(utcDay(new Date("2026-03-10T23:30:00.000-02:00"))).toBe("2026-03-11");
  });
});

describe("isAppPath", () => {
  it("accepts paths inside the app", () => {
    expect(isAppPath("/acme/models/abc")).toBe(true);
    expect(isAppPath("/acme/models/abc/review")).toBe(true);
    expect(isAppPath("/acme/models/abc#acceptance-x")).toBe(true);
  });

  it("refuses other sites, schemes and odd characters", () => {
    for (const link of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", "acme/models", "/acme\n/x", "/a b"]) {
      expect(isAppPath(link), link).toBe(false);
    }
  });
});

describe("isNotificationKind", () => {
  it("knows the kinds and nothing else", () => {
    expect(isNotificationKind("mentioned")).toBe(true);
    expect(isNotificationKind("acceptance-expired")).toBe(true);
    expect(isNotificationKind("mention")).toBe(false);
  });
});
