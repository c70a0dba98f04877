import type { Metadata } from "next";
import Link from "next/link";
import { MarkAllReadButton, NotificationList } from "@/components/shell/notification-items";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { listNotificationsPage } from "@/lib/data/notifications";
import { openOrgPage, type OrgPageProps } from "@/lib/org-page";
import { ZNotificationsPage } from "@/lib/validation/notifications";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage(props: OrgPageProps) {
  const { ctx, query: filter, base } = await openOrgPage(props, (raw) => ZNotificationsPage.parse({ page: raw.page, unreadOnly: raw.unread }));
  const list = await listNotificationsPage(ctx, filter);

  const slug = ctx.organizationSlug;
  const basePath = `${base}/notifications`;
  const href = (changes: { page?: number; unreadOnly?: boolean }) => {
    const next = { page: list.page, unreadOnly: filter.unreadOnly, ...changes };
    const query = new URLSearchParams();
    if (next.unreadOnly) query.set("unread", "1");
    if (next.page > 1) query.set("page", String(next.page));
    const qs = query.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  const first = list.total === 0 ? 0 : (list.page - 1) * list.pageSize + 1;
  const last = Math.min(list.page * list.pageSize, list.total);
  const items = list.items.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() }));

  return (
    <>
      <PageHeader
        title="Notifications"
        description={`What happened in ${ctx.organizationName} that concerns you: mentions, comments on your models, reviews and residual risks due for review. Only you see these.`}
        actions={<MarkAllReadButton organizationSlug={slug} disabled={list.unread === 0} size="md" />}
      />
      <Card>
        <CardHeader
          title={filter.unreadOnly ? "Unread notifications" : "All notifications"}
          description={list.unread === 0 ? "Everything is read." : `${list.unread} unread.`}
          actions={
            <nav aria-label="Which notifications" className="flex gap-1">
              <Link
                href={href({ page: 1, unreadOnly: false })}
                aria-current={!filter.unreadOnly ? "page" : undefined}
                className={buttonClass(filter.unreadOnly ? "ghost" : "secondary", "sm")}
              >
                All
              </Link>
              <Link
                href={href({ page: 1, unreadOnly: true })}
                aria-current={filter.unreadOnly ? "page" : undefined}
                className={buttonClass(filter.unreadOnly ? "secondary" : "ghost", "sm")}
              >
                Unread only
              </Link>
            </nav>
          }
        />
        {list.total === 0 ? (
          <EmptyState
            title={filter.unreadOnly ? "No unread notifications" : "No notifications yet"}
            description={
              filter.unreadOnly
                ? "You are up to date."
                : "You will be notified here when someone mentions you, comments on a model you wrote or own, asks for your review, or an accepted risk is due for review."
            }
            action={
              filter.unreadOnly ? (
                <Link href={href({ page: 1, unreadOnly: false })} className={buttonClass("secondary", "sm")}>
                  Show all notifications
                </Link>
              ) : undefined
            }
          />
        ) : (
          <>
            <NotificationList organizationSlug={slug} items={items} />
            <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3 text-sm text-slate-600">
              <p>
                {first}–{last} of {list.total}
              </p>
              {list.pageCount > 1 && (
                <nav aria-label="Pages" className="flex items-center gap-2">
                  {list.page > 1 ? (
                    <Link href={href({ page: list.page - 1 })} className={buttonClass("secondary", "sm")}>
                      Previous
                    </Link>
                  ) : (
                    <span aria-disabled="true" className={buttonClass("secondary", "sm", "pointer-events-none opacity-50")}>
                      Previous
                    </span>
                  )}
                  <span>
                    Page {list.page} of {list.pageCount}
                  </span>
                  {list.page < list.pageCount ? (
                    <Link href={href({ page: list.page + 1 })} className={buttonClass("secondary", "sm")}>
                      Next
                    </Link>
                  ) : (
                    <span aria-disabled="true" className={buttonClass("secondary", "sm", "pointer-events-none opacity-50")}>
                      Next
                    </span>
                  )}
                </nav>
              )}
            </div>
          </>
        )}
      </Card>
    </>
  );
}
