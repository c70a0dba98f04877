// What a member is told about in the app (the bell), and when an accepted residual risk needs a
// reminder. Calendar dates are "YYYY-MM-DD" in UTC, as the database stores them.
import { addDays } from "./calendar";

export const NOTIFICATION_KINDS = [
  "review-requested",
  "review-decision",
  "changes-requested",
  "mentioned",
  "comment",
  "acceptance-expiring",
  "acceptance-expired",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  "review-requested": "Review requested",
  "review-decision": "Review decision",
  "changes-requested": "Changes requested",
  mentioned: "Mention",
  comment: "Comment",
  "acceptance-expiring": "Risk review due",
  "acceptance-expired": "Risk acceptance expired",
};

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** How many days before its review date an accepted risk is announced as due. */
export const ACCEPTANCE_REMINDER_DAYS = 14;

/**
 * The reminder an accepted risk calls for today: "expired" once its review date has passed,
 * "expiring" from `withinDays` days before it up to and including the day itself (the review
 * date is still a valid day), otherwise none.
 */
export function acceptanceReminderKind(
  reviewDate: string,
  today: string,
  withinDays = ACCEPTANCE_REMINDER_DAYS,
): "acceptance-expiring" | "acceptance-expired" | null {
  if (reviewDate < today) return "acceptance-expired";
  if (reviewDate <= addDays(today, withinDays)) return "acceptance-expiring";
  return null;
}

/** Notifications only ever link inside the app: a path, never another site ("//evil.example"). */
export function isAppPath(link: string): boolean {
  if (!link.startsWith("/") || link.startsWith("//") || link.startsWith("/\\")) return false;
  return ![...link].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || /\s/.test(c));
}
