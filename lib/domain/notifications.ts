// What a member is told about in the app (the bell); when an accepted residual risk calls for a
// reminder is the acceptance rule's (acceptance.ts). Calendar dates are "YYYY-MM-DD" in UTC, as
// the database stores them.

export const NOTIFICATION_KINDS = [
  "review-requested",
  "review-decision",
  "changes-requested",
  "mentioned",
  "comment",
  "acceptance-expiring",
  "acceptance-expired",
  "role-grant-requested",
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
  "role-grant-requested": "Role grant to confirm",
};

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** Notifications only ever link inside the app: a path, never another site ("//evil.example"). */
export function isAppPath(link: string): boolean {
  if (!link.startsWith("/") || link.startsWith("//") || link.startsWith("/\\")) return false;
  return ![...link].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || /\s/.test(c));
}
