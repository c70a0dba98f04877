// When a model's review is overdue, the one rule for it. PostgreSQL evaluates the same rule
// through lib/data/sql/review-overdue.ts; tests/integration/rule-agreement.test.ts runs both on
// the same rows.
import { countsAsOpenRisk } from "./model-standing";
import type { ThreatModelStatus } from "./threat-model";

export type ReviewOverdueInput = { status: ThreatModelStatus; nextReviewDate: string | Date | null };

/** A calendar date from the database (UTC midnight) or a "YYYY-MM-DD" string, as "YYYY-MM-DD". */
function dayOf(date: string | Date): string {
  return typeof date === "string" ? date.slice(0, 10) : date.toISOString().slice(0, 10);
}

/**
 * Overdue once the next review date has passed: on the date itself the review is due, not late.
 * Any status counts except Archived: an archived model is out of the risk picture, never overdue.
 */
export function isReviewOverdue(model: ReviewOverdueInput, today: string): boolean {
  return countsAsOpenRisk(model) && model.nextReviewDate !== null && dayOf(model.nextReviewDate) < dayOf(today);
}
