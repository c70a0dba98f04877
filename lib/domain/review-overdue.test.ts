import { describe, expect, it } from "vitest";
import { THREAT_MODEL_STATUSES } from "./threat-model";
import { isReviewOverdue } from "./review-overdue";

describe("isReviewOverdue", () => {
  const model = (nextReviewDate: string | Date | null, status: (typeof THREAT_MODEL_STATUSES)[number] = "APPROVED") => ({ status, nextReviewDate });

  it("is overdue only once the review date has passed", () => {
    expect(isReviewOverdue(model(null), "2026-06-15")).toBe(false);
    expect(isReviewOverdue(model("2026-06-16"), "2026-06-15")).toBe(false);
    expect(isReviewOverdue(model("2026-06-15"), "2026-06-15")).toBe(false);
    expect(isReviewOverdue(model("2026-06-14"), "2026-06-15")).toBe(true);
    expect(isReviewOverdue(model("2025-12-31"), "2026-01-01")).toBe(true);
  });

  it("reads a date from the database (UTC midnight) by its calendar day", () => {
    expect(isReviewOverdue(model(new Date("2026-06-15T00:00:00.000Z")), "2026-06-15")).toBe(false);
    expect(isReviewOverdue(model(new Date("2026-06-14T00:00:00.000Z")), "2026-06-15")).toBe(true);
  });

  it("holds for every status but Archived", () => {
    for (const status of THREAT_MODEL_STATUSES) {
      expect(isReviewOverdue(model("2026-01-01", status), "2026-06-15")).toBe(status !== "ARCHIVED");
    }
  });
});
