import { describe, expect, it } from "vitest";
import {
  acceptanceDeciderRefusal,
  latestReviewDate,
  reviewDateRefusal,
  ACCEPTANCE_EXPIRY_NOTICE_DAYS,
  acceptanceExpiresSoon,
  acceptanceReminderKind,
  acceptanceState,
  expiringSoonUntil,
  isAcceptanceInForce,
} from "./acceptance";

describe("acceptanceState and acceptanceExpiresSoon", () => {
  const today = "2026-06-15";
  const accepted = (reviewDate: string) => ({ status: "ACCEPTED" as const, reviewDate });

  it.each([
    ["2026-06-14", "expired"],
    ["2026-06-15", "accepted"],
    ["2026-06-16", "accepted"],
    ["2025-12-31", "expired"],
  ] as const)("an acceptance reviewed on %s is %s", (reviewDate, state) => {
    expect(acceptanceState(accepted(reviewDate), today)).toBe(state);
  });

  it("keeps proposed and rejected as they are, whatever the date", () => {
    expect(acceptanceState({ status: "PROPOSED", reviewDate: "2020-01-01" }, today)).toBe("proposed");
    expect(acceptanceState({ status: "REJECTED", reviewDate: "2030-01-01" }, today)).toBe("rejected");
  });

  it("reads a review date given as a full ISO timestamp by its day", () => {
    expect(acceptanceState(accepted("2026-06-15T00:00:00.000Z"), today)).toBe("accepted");
    expect(acceptanceState(accepted("2026-06-14T00:00:00.000Z"), today)).toBe("expired");
  });

  it.each([
    ["2026-06-14", false], // already expired
    ["2026-06-15", true], // today
    ["2026-06-29", true], // today + 14
    ["2026-06-30", false], // today + 15
  ] as const)("with the default 14 days, review date %s expires soon: %s", (reviewDate, soon) => {
    expect(acceptanceExpiresSoon(accepted(reviewDate), today)).toBe(soon);
  });

  it("follows the window it is given, across a month end", () => {
    expect(acceptanceExpiresSoon(accepted("2026-07-05"), "2026-06-28", 7)).toBe(true);
    expect(acceptanceExpiresSoon(accepted("2026-07-06"), "2026-06-28", 7)).toBe(false);
  });

  it("never says a proposed or rejected risk expires soon", () => {
    expect(acceptanceExpiresSoon({ status: "PROPOSED", reviewDate: today }, today)).toBe(false);
    expect(acceptanceExpiresSoon({ status: "REJECTED", reviewDate: today }, today)).toBe(false);
  });
});

describe("isAcceptanceInForce and expiringSoonUntil", () => {
  it("holds for an accepted risk up to and including its review date", () => {
    expect(isAcceptanceInForce({ status: "ACCEPTED", reviewDate: "2026-06-15" }, "2026-06-15")).toBe(true);
    expect(isAcceptanceInForce({ status: "ACCEPTED", reviewDate: "2026-06-14" }, "2026-06-15")).toBe(false);
    expect(isAcceptanceInForce({ status: "PROPOSED", reviewDate: "2026-07-01" }, "2026-06-15")).toBe(false);
  });

  it("announces expiry the same number of days ahead everywhere", () => {
    expect(ACCEPTANCE_EXPIRY_NOTICE_DAYS).toBe(14);
    expect(expiringSoonUntil("2026-06-15")).toBe("2026-06-29");
    expect(expiringSoonUntil("2026-12-25")).toBe("2027-01-08");
  });
});

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

describe("review dates and who accepts", () => {
  it("refuses impossible dates and dates past the horizon; the last day of the horizon is fine", () => {
    expect(reviewDateRefusal("2027-02-31", "2026-12-02", 3)).toMatch(/not a real date/);
    expect(reviewDateRefusal("2027-13-45", "2026-12-02", 3)).toMatch(/not a real date/);
    expect(latestReviewDate("2026-12-02", 3)).toBe("2029-12-02");
    expect(reviewDateRefusal("2029-12-02", "2026-12-02", 3)).toBeNull();
    expect(reviewDateRefusal("2029-12-03", "2026-12-02", 3)).toMatch(/at most 3 years ahead \(until 2029-12-02\)/);
    expect(reviewDateRefusal("2027-12-03", "2026-12-02", 1)).toMatch(/at most 1 year ahead/);
  });

  it("the proposer does not accept their own risk", () => {
    expect(acceptanceDeciderRefusal({ proposedById: "lead" }, "lead")).toMatch(/another security lead/);
    expect(acceptanceDeciderRefusal({ proposedById: "author" }, "lead")).toBeNull();
  });
});
