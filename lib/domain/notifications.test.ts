import { describe, expect, it } from "vitest";
import { acceptanceReminderKind, isAppPath, isNotificationKind } from "./notifications";

describe("acceptanceReminderKind", () => {
  const today = "2026-03-10";

  it("is expired once the review date has passed", () => {
    expect(acceptanceReminderKind("2026-03-09", today)).toBe("acceptance-expired");
    expect(acceptanceReminderKind("2025-01-01", today)).toBe("acceptance-expired");
  });

  it("is expiring from today up to 14 days ahead, both ends included", () => {
    expect(acceptanceReminderKind("2026-03-10", today)).toBe("acceptance-expiring");
    expect(acceptanceReminderKind("2026-03-24", today)).toBe("acceptance-expiring");
  });

  it("is nothing further ahead", () => {
    expect(acceptanceReminderKind("2026-03-25", today)).toBeNull();
    expect(acceptanceReminderKind("2027-03-10", today)).toBeNull();
  });

  it("takes another window when asked", () => {
    expect(acceptanceReminderKind("2026-03-13", today, 3)).toBe("acceptance-expiring");
    expect(acceptanceReminderKind("2026-03-14", today, 3)).toBeNull();
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
