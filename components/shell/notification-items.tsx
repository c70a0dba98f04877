"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { markNotificationsReadAction } from "@/lib/actions/notifications";
import { cx } from "@/lib/cx";
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from "@/lib/domain/notifications";
import { formatUtcDateTime } from "@/lib/format-time";

/** A notification as the server hands it to the browser (the date as an ISO string). */
export type NotificationEntry = { id: string; kind: NotificationKind; title: string; link: string; createdAt: string; read: boolean };

/**
 * Marks notifications read on the server. Fire and forget for a clicked link: the request is
 * sent before the navigation starts and finishes on the server even if the page moves on.
 */
export function useMarkRead(organizationSlug: string) {
  return useAction((input: { ids?: string[]; all?: boolean }) => markNotificationsReadAction(organizationSlug, input));
}

/** One notification as a link; following it marks it read. Unread ones are bold and say so. */
export function NotificationLink({
  organizationSlug,
  notification,
  onRead,
  onFollow,
  compact = false,
}: {
  organizationSlug: string;
  notification: NotificationEntry;
  onRead: (id: string) => void;
  /** Called on every click, read or not (the bell closes its panel). */
  onFollow?: () => void;
  compact?: boolean;
}) {
  const n = notification;
  const onClick = () => {
    onFollow?.();
    if (n.read) return;
    onRead(n.id);
    void markNotificationsReadAction(organizationSlug, { ids: [n.id] }).catch(() => undefined);
  };
  return (
    <Link
      href={n.link}
      onClick={onClick}
      data-unread={n.read ? undefined : "true"}
      className={cx(
        "flex gap-3 rounded-md text-sm focus-visible:outline-2 focus-visible:outline-offset-2",
        compact ? "px-3 py-2.5" : "px-5 py-3.5",
        n.read ? "text-slate-600 hover:bg-slate-50" : "bg-brand-50/60 text-slate-900 hover:bg-brand-50",
      )}
    >
      <span aria-hidden="true" className={cx("mt-1.5 h-2 w-2 shrink-0 rounded-full", n.read ? "bg-transparent" : "bg-brand-600")} />
      <span className="min-w-0 flex-1">
        <span className={cx("block break-words", !n.read && "font-semibold")}>
          {!n.read && <span className="sr-only">Unread: </span>}
          {n.title}
        </span>
        <span className="mt-0.5 block text-xs text-slate-600">
          {NOTIFICATION_KIND_LABELS[n.kind]} · <time dateTime={n.createdAt}>{formatUtcDateTime(n.createdAt)}</time>
        </span>
      </span>
    </Link>
  );
}

/** "Mark all as read" for the member's notifications in this organization. */
export function MarkAllReadButton({
  organizationSlug,
  disabled,
  onDone,
  size = "sm",
}: {
  organizationSlug: string;
  disabled?: boolean;
  onDone?: () => void;
  size?: "sm" | "md";
}) {
  const router = useRouter();
  const action = useMarkRead(organizationSlug);
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        type="button"
        variant="secondary"
        size={size}
        disabled={disabled}
        pending={action.pending}
        onClick={() =>
          action.run({ all: true }, () => {
            onDone?.();
            // The bell in the layout and the list on the page both re-read their counts.
            router.refresh();
          })
        }
      >
        Mark all as read
      </Button>
      {action.error && (
        <span role="alert" className="max-w-xs text-xs text-red-700">
          {action.error}
        </span>
      )}
    </span>
  );
}

/** The notifications page's list: local read state so a clicked item turns read at once. */
export function NotificationList({ organizationSlug, items }: { organizationSlug: string; items: NotificationEntry[] }) {
  const [readHere, setReadHere] = useState<ReadonlySet<string>>(new Set());
  return (
    <ul className="divide-y divide-slate-100">
      {items.map((n) => (
        <li key={n.id}>
          <NotificationLink
            organizationSlug={organizationSlug}
            notification={readHere.has(n.id) ? { ...n, read: true } : n}
            onRead={(id) => setReadHere((s) => new Set(s).add(id))}
          />
        </li>
      ))}
    </ul>
  );
}
