// When a model's review is overdue, the one rule for it. PostgreSQL evaluates the same rule
// through lib/data/sql/review-overdue.ts; tests/integration/rule-agreement.test.ts runs both on
// the same rows.
import { toDay } from "./calendar";
import { countsAsOpenRisk } from "./model-standing";
import type { ThreatModelStatus } from "./threat-model";

export type ReviewOverdueInput = { status: ThreatModelStatus; nextReviewDate: string | Date | null };

/**
 * Overdue once the next review date has passed: on the date itself the review is due, not late.
 * Any status counts except Archived: an archived model is out of the risk picture, never overdue.
 */
export function isReviewOverdue(model: ReviewOverdueInput, today: string): boolean {
  return countsAsOpenRisk(model) && model.nextReviewDate !== null && toDay(model.nextReviewDate) < toDay(today);
}
