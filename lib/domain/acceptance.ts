// Whether an accepted residual risk holds, the one rule for it. PostgreSQL evaluates the same
// rule through lib/data/sql/acceptance.ts; tests/integration/rule-agreement.test.ts runs both on
// the same rows. Calendar dates are "YYYY-MM-DD" in UTC, as the database stores them.
import { addDays, addMonths, isCalendarDay, toDay } from "./calendar";
import type { NotificationKind } from "./notifications";

export type AcceptanceInput = { status: "PROPOSED" | "ACCEPTED" | "REJECTED"; reviewDate: string };
export type AcceptanceState = "proposed" | "accepted" | "expired" | "rejected";

/** How many days before its review date an accepted risk is announced as expiring soon. */
export const ACCEPTANCE_EXPIRY_NOTICE_DAYS = 14;

/**
 * An accepted risk whose review date is before today is expired and counts as open risk again.
 * On the review date itself the acceptance still holds: that is the day to review it.
 */
export function acceptanceState(a: AcceptanceInput, today: string): AcceptanceState {
  if (a.status === "PROPOSED") return "proposed";
  if (a.status === "REJECTED") return "rejected";
  return toDay(a.reviewDate) < toDay(today) ? "expired" : "accepted";
}

/** Accepted and not past its review date: the acceptance covers its threat today. */
export function isAcceptanceInForce(a: AcceptanceInput, today: string): boolean {
  return acceptanceState(a, today) === "accepted";
}

/** The last review date that counts as "expiring soon" today. */
export function expiringSoonUntil(today: string, withinDays = ACCEPTANCE_EXPIRY_NOTICE_DAYS): string {
  return addDays(toDay(today), withinDays);
}

/** An acceptance in force whose review date falls within [today, today + withinDays]. */
export function acceptanceExpiresSoon(a: AcceptanceInput, today: string, withinDays = ACCEPTANCE_EXPIRY_NOTICE_DAYS): boolean {
  return isAcceptanceInForce(a, today) && toDay(a.reviewDate) <= expiringSoonUntil(today, withinDays);
}

/**
 * The reminder an accepted risk with this review date calls for today: "expired" once the date
 * has passed, "expiring" while it expires soon (up to and including the date itself), otherwise none.
 */
export function acceptanceReminderKind(
  reviewDate: string,
  today: string,
  withinDays = ACCEPTANCE_EXPIRY_NOTICE_DAYS,
): Extract<NotificationKind, "acceptance-expiring" | "acceptance-expired"> | null {
  const accepted = { status: "ACCEPTED", reviewDate } as const;
  if (acceptanceState(accepted, today) === "expired") return "acceptance-expired";
  return acceptanceExpiresSoon(accepted, today, withinDays) ? "acceptance-expiring" : null;
}

// ─── Who decides, and for how long ────────────────────────────────────────────────────────

/** How many years ahead a review date may be set unless the organization chose otherwise. */
export const DEFAULT_ACCEPTANCE_HORIZON_YEARS = 3;
/** The longest horizon an organization may choose: an acceptance is reviewed at least this often. */
export const MAX_ACCEPTANCE_HORIZON_YEARS = 10;

/** The last review date an acceptance may be given today. */
export function latestReviewDate(today: string, horizonYears: number): string {
  return addMonths(toDay(today), 12 * horizonYears);
}

/**
 * Why a review date cannot be set today, or null when it may: it must be a real calendar day and
 * no further ahead than the organization's horizon, so no acceptance silently lasts for decades.
 */
export function reviewDateRefusal(reviewDate: string, today: string, horizonYears: number): string | null {
  if (!isCalendarDay(reviewDate)) return `${reviewDate} is not a real date.`;
  const latest = latestReviewDate(today, horizonYears);
  if (reviewDate > latest) {
    return `A review date can be at most ${horizonYears} year${horizonYears === 1 ? "" : "s"} ahead (until ${latest}).`;
  }
  return null;
}

/**
 * Why `deciderId` may not accept the residual risk `proposedById` proposed, or null: the lead who
 * proposes a risk for acceptance does not also sign it off, so every acceptance has two people.
 */
export function acceptanceDeciderRefusal(a: { proposedById: string }, deciderId: string): string | null {
  return a.proposedById === deciderId ? "You proposed this residual risk: another security lead must accept it." : null;
}
