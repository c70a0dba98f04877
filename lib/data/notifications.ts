import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db, type Tx } from "@/lib/db/client";
import { acceptanceReminderKind, expiringSoonUntil } from "@/lib/domain/acceptance";
import { fromDay, toDay } from "@/lib/domain/calendar";
import { isAppPath, isNotificationKind, type NotificationKind } from "@/lib/domain/notifications";
import { NOTIFICATIONS_PAGE_SIZE } from "@/lib/validation/notifications";

// Notifications are each member's private state in one organization: every query here is scoped
// by the organization AND the user, and reading or dismissing them is not audited.

export type { NotificationKind } from "@/lib/domain/notifications";

export type NotificationItem = { id: string; kind: NotificationKind; title: string; link: string; createdAt: Date; read: boolean };

/** Long titles (a model or threat title inside) are cut so the bell stays readable. */
const TITLE_MAX = 300;

const ITEM_SELECT = { id: true, kind: true, title: true, link: true, createdAt: true, readAt: true } as const;

function toItem(row: { id: string; kind: string; title: string; link: string; createdAt: Date; readAt: Date | null }): NotificationItem {
  // Kinds are written only by notify(); an unknown one (from a newer version) reads as a comment.
  return {
    id: row.id,
    kind: isNotificationKind(row.kind) ? row.kind : "comment",
    title: row.title,
    link: row.link,
    createdAt: row.createdAt,
    read: row.readAt !== null,
  };
}

function clipTitle(title: string) {
  const t = title.trim();
  return t.length <= TITLE_MAX ? t : `${t.slice(0, TITLE_MAX - 1).trimEnd()}…`;
}

/** Inside the caller's transaction; skips `exceptUserId` (the actor) and users who are not members of the organization; returns how many were created. */
export async function notify(
  tx: Tx,
  input: { organizationId: string; userIds: string[]; kind: NotificationKind; title: string; link: string; exceptUserId?: string },
): Promise<number> {
  // Links come from our own code, never from input; a wrong one is a bug worth failing on.
  if (!isAppPath(input.link)) throw new Error(`A notification must link to a path inside the app, got ${JSON.stringify(input.link)}`);
  const wanted = [...new Set(input.userIds)].filter((id) => id && id !== input.exceptUserId);
  if (wanted.length === 0) return 0;
  const members = await tx.membership.findMany({
    where: { organizationId: input.organizationId, userId: { in: wanted } },
    select: { userId: true },
  });
  if (members.length === 0) return 0;
  const title = clipTitle(input.title);
  const { count } = await tx.notification.createMany({
    data: members.map((m) => ({ organizationId: input.organizationId, userId: m.userId, kind: input.kind, title, link: input.link })),
  });
  return count;
}

const mine = (ctx: OrgContext) => ({ organizationId: ctx.organizationId, userId: ctx.userId });

/** The member's latest notifications here (newest first) and how many are unread in all. */
export async function listNotifications(
  ctx: OrgContext,
  options: { limit?: number; unreadOnly?: boolean } = {},
): Promise<{ items: NotificationItem[]; unread: number }> {
  requirePermission(ctx, "org.read");
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 10), 1), 100);
  const [rows, unread] = await Promise.all([
    db().notification.findMany({
      where: { ...mine(ctx), ...(options.unreadOnly ? { readAt: null } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      select: ITEM_SELECT,
    }),
    db().notification.count({ where: { ...mine(ctx), readAt: null } }),
  ]);
  return { items: rows.map(toItem), unread };
}

/** One page of the member's notifications for the full list; a page past the end shows the last one. */
export async function listNotificationsPage(
  ctx: OrgContext,
  options: { page?: number; unreadOnly?: boolean } = {},
): Promise<{ items: NotificationItem[]; unread: number; total: number; page: number; pageCount: number; pageSize: number }> {
  requirePermission(ctx, "org.read");
  const where = { ...mine(ctx), ...(options.unreadOnly ? { readAt: null } : {}) };
  const [total, unread] = await Promise.all([db().notification.count({ where }), db().notification.count({ where: { ...mine(ctx), readAt: null } })]);
  const pageCount = Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE));
  const page = Math.min(Math.max(Math.trunc(options.page ?? 1), 1), pageCount);
  const rows = await db().notification.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * NOTIFICATIONS_PAGE_SIZE,
    take: NOTIFICATIONS_PAGE_SIZE,
    select: ITEM_SELECT,
  });
  return { items: rows.map(toItem), unread, total, page, pageCount, pageSize: NOTIFICATIONS_PAGE_SIZE };
}

/** Marks the listed notifications (or all of them) read; ids that are not the caller's here are ignored. */
export async function markNotificationsRead(ctx: OrgContext, input: { ids?: string[]; all?: boolean }): Promise<{ updated: number }> {
  requirePermission(ctx, "org.read");
  if (!input.all && !input.ids?.length) return { updated: 0 };
  const { count } = await db().notification.updateMany({
    where: { ...mine(ctx), readAt: null, ...(input.all ? {} : { id: { in: input.ids } }) },
    data: { readAt: new Date() },
  });
  return { updated: count };
}

/**
 * Marks read, inside the caller's transaction, the caller's unread notifications of `kinds` that
 * link to `link`: done when the member does what they asked for (a lead decides on the model they
 * were asked to review, an author submits again after changes were requested, a security lead
 * renews the risk they were reminded of). Others' notifications stay as they are.
 */
export async function markActedOn(tx: Tx, ctx: OrgContext, input: { kinds: NotificationKind[]; link: string }): Promise<number> {
  const { count } = await tx.notification.updateMany({
    where: { ...mine(ctx), readAt: null, kind: { in: input.kinds }, link: input.link },
    data: { readAt: new Date() },
  });
  return count;
}

/** Where a reminder about one residual-risk acceptance leads: the model, at that acceptance. */
export function acceptanceLink(ctx: Pick<OrgContext, "organizationSlug">, modelId: string, acceptanceId: string): string {
  return `/${ctx.organizationSlug}/models/${modelId}#acceptance-${acceptanceId}`;
}

type Reminder = { userId: string; kind: "acceptance-expiring" | "acceptance-expired"; title: string; link: string };

const reminderKey = (r: { userId: string; kind: string; link: string }) => `${r.userId}\n${r.kind}\n${r.link}`;

/** The reminders of `wanted` that no notification exists for yet. */
async function withoutExisting(client: Pick<Tx, "notification">, organizationId: string, wanted: Reminder[]): Promise<Reminder[]> {
  const existing = await client.notification.findMany({
    where: {
      organizationId,
      userId: { in: [...new Set(wanted.map((r) => r.userId))] },
      kind: { in: [...new Set(wanted.map((r) => r.kind))] },
      link: { in: [...new Set(wanted.map((r) => r.link))] },
    },
    select: { userId: true, kind: true, link: true },
  });
  const have = new Set(existing.map(reminderKey));
  return wanted.filter((r) => !have.has(reminderKey(r)));
}

/**
 * Creates, once each, "acceptance-expiring" (accepted, expiring soon) and "acceptance-expired"
 * (accepted, review date passed) notifications, as acceptanceReminderKind says, for the proposer
 * and the deciding security lead of each such acceptance in ctx's organization. Idempotent: safe to call on every page load from several instances
 * (dedupe by user + kind + link, under a transaction-scoped advisory lock per organization).
 */
export async function refreshAcceptanceReminders(ctx: OrgContext, today: Date = new Date()): Promise<number> {
  requirePermission(ctx, "org.read");
  const organizationId = ctx.organizationId;
  const todayYmd = toDay(today);
  const horizon = fromDay(expiringSoonUntil(todayYmd));
  const acceptances = await db().residualRiskAcceptance.findMany({
    where: { organizationId, status: "ACCEPTED", reviewDate: { lte: horizon } },
    select: {
      id: true,
      threatModelId: true,
      threatTitle: true,
      reviewDate: true,
      proposedById: true,
      decidedById: true,
      threatModel: { select: { title: true } },
    },
  });
  if (acceptances.length === 0) return 0;

  const people = [...new Set(acceptances.flatMap((a) => [a.proposedById, a.decidedById]).filter((id): id is string => Boolean(id)))];
  // Someone who has left the organization is not reminded (notify() would skip them anyway, but
  // then every page load would find their reminder "missing" and take the lock for nothing).
  const members = new Set(
    (await db().membership.findMany({ where: { organizationId, userId: { in: people } }, select: { userId: true } })).map((m) => m.userId),
  );
  const wanted: Reminder[] = [];
  for (const a of acceptances) {
    const reviewYmd = toDay(a.reviewDate);
    const kind = acceptanceReminderKind(reviewYmd, todayYmd);
    if (!kind) continue;
    // One link per acceptance, so two risks of one model are each reminded about.
    const link = acceptanceLink(ctx, a.threatModelId, a.id);
    const title =
      kind === "acceptance-expiring"
        ? `The accepted risk “${a.threatTitle}” in “${a.threatModel.title}” is due for review on ${reviewYmd}.`
        : `The accepted risk “${a.threatTitle}” in “${a.threatModel.title}” passed its review date (${reviewYmd}) and counts as open again.`;
    for (const userId of new Set([a.proposedById, a.decidedById])) {
      if (userId && members.has(userId)) wanted.push({ userId, kind, title, link });
    }
  }
  if (wanted.length === 0) return 0;

  // Most page loads end here: everything was created on an earlier visit, and no lock is taken.
  const missing = await withoutExisting(db(), organizationId, wanted);
  if (missing.length === 0) return 0;

  return db().$transaction(async (tx) => {
    // Two instances (or two tabs) refreshing at once: the second waits here, then finds the
    // first one's rows and creates nothing.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`notifications:acceptance-reminders:${organizationId}`}, 0))`;
    const stillMissing = await withoutExisting(tx, organizationId, missing);
    // The proposer and the decider of one acceptance share one notify() call.
    const byAcceptance = new Map<string, Reminder[]>();
    for (const r of stillMissing) {
      const key = `${r.kind}\n${r.link}`;
      byAcceptance.set(key, [...(byAcceptance.get(key) ?? []), r]);
    }
    let created = 0;
    for (const group of byAcceptance.values()) {
      const { kind, title, link } = group[0]!;
      created += await notify(tx, { organizationId, userIds: group.map((r) => r.userId), kind, title, link });
    }
    return created;
  });
}
