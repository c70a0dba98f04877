"use client";
import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { listNotificationsAction } from "@/lib/actions/notifications";
import { cx } from "@/lib/cx";
import { MarkAllReadButton, NotificationLink, type NotificationEntry } from "./notification-items";

type BellState = { items: NotificationEntry[]; unread: number };

/**
 * The bell in the app shell: the unread count as text, and a panel with the latest
 * notifications. The layout renders it with what the server read; opening the panel reads
 * again, since the layout is not re-rendered on every navigation.
 */
export function NotificationBell({
  organizationSlug,
  initial,
  placement = "down",
  compact = false,
}: {
  organizationSlug: string;
  initial: BellState;
  /** Where the panel opens: "up" from the sidebar's foot, "down" from the top bar. */
  placement?: "up" | "down";
  /** Icon and count only, for the narrow top bar. */
  compact?: boolean;
}) {
  const id = useId();
  const panelId = `${id}-panel`;
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<BellState>(initial);
  // A refreshed layout (after "Mark all as read", a router.refresh()) brings new server data.
  const [fromServer, setFromServer] = useState(initial);
  if (fromServer !== initial) {
    setFromServer(initial);
    setState(initial);
  }
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close(true);
    };
    const onPointer = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) close(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onPointer);
    };
  }, [open, close]);

  async function reload() {
    setLoading(true);
    setLoadError(null);
    try {
      const result = await listNotificationsAction(organizationSlug, { limit: 10 });
      if (result.ok) setState(result.data);
      else setLoadError(result.message);
    } catch {
      setLoadError("Could not reach ThreatDesk; showing what was loaded with the page.");
    } finally {
      setLoading(false);
    }
  }

  const markRead = (notificationId: string) =>
    setState((s) => ({
      items: s.items.map((n) => (n.id === notificationId ? { ...n, read: true } : n)),
      unread: Math.max(0, s.unread - (s.items.some((n) => n.id === notificationId && !n.read) ? 1 : 0)),
    }));

  const unreadLabel = `${state.unread} unread`;

  return (
    // Opening down (the phone's top bar), the panel hangs from the bar, not the bell, so it spans the screen.
    <div ref={rootRef} className={placement === "up" ? "relative" : undefined}>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          const next = !open;
          setOpen(next);
          if (next) void reload();
        }}
        className={cx(
          "flex items-center gap-2 rounded-md border border-slate-200 bg-white text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50",
          compact ? "h-9 px-2" : "h-9 w-full px-3",
        )}
      >
        <BellIcon />
        <span className={compact ? "sr-only" : "flex-1 text-left"}>Notifications</span>
        {state.unread > 0 ? (
          <Badge tone="red" className="tabular-nums">
            {compact ? (
              <>
                {state.unread}
                <span className="sr-only"> unread</span>
              </>
            ) : (
              unreadLabel
            )}
          </Badge>
        ) : (
          <span className="sr-only">, none unread</span>
        )}
      </button>
      <div
        id={panelId}
        hidden={!open}
        role="region"
        aria-label="Notifications"
        className={cx(
          "absolute z-40 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white shadow-xl",
          placement === "up" ? "bottom-full left-0 mb-2 w-80" : "top-full right-4 left-4 mt-1 sm:left-auto sm:w-80",
        )}
      >
        {open && (
          <>
            <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-3 py-2">
              <h2 className="text-sm font-semibold text-slate-900">
                Notifications <span className="font-normal text-slate-600">({state.unread > 0 ? unreadLabel : "all read"})</span>
              </h2>
              <MarkAllReadButton
                organizationSlug={organizationSlug}
                disabled={state.unread === 0}
                onDone={() => setState((s) => ({ items: s.items.map((n) => ({ ...n, read: true })), unread: 0 }))}
              />
            </div>
            <div aria-busy={loading || undefined}>
              {loadError && (
                <p role="alert" className="px-3 pt-2 text-xs text-red-700">
                  {loadError}
                </p>
              )}
              {state.items.length === 0 ? (
                <p className="px-3 py-6 text-center text-sm text-slate-600">
                  {loading ? "Loading…" : "Nothing new. Mentions, comments and reviews show up here."}
                </p>
              ) : (
                <ul className="max-h-96 space-y-0.5 overflow-y-auto p-1">
                  {state.items.map((n) => (
                    <li key={n.id}>
                      <NotificationLink organizationSlug={organizationSlug} notification={n} compact onRead={markRead} onFollow={() => setOpen(false)} />
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div className="border-t border-slate-200 px-3 py-2 text-right">
              <Link href={`/${organizationSlug}/notifications`} onClick={() => setOpen(false)} className="text-sm font-medium text-brand-700 hover:underline">
                See all
              </Link>
            </div>
          </>
        )}
      </div>
    </div>
  );
}

function BellIcon() {
  return (
    <svg
      className="h-5 w-5 shrink-0 text-slate-600"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}
