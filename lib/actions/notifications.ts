"use server";
import { listNotifications, markNotificationsRead } from "@/lib/data/notifications";
import { ZListNotifications, ZMarkNotificationsRead } from "@/lib/validation/notifications";
import { orgAction } from "./action";

/** Dates travel as ISO strings, the same shape the layout hands the bell. */
export const listNotificationsAction = orgAction({ name: "notifications.list", permission: "org.read", schema: ZListNotifications }, async (ctx, input) => {
  const { items, unread } = await listNotifications(ctx, input);
  return { items: items.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })), unread };
});

export const markNotificationsReadAction = orgAction(
  { name: "notifications.mark-read", permission: "org.read", schema: ZMarkNotificationsRead },
  (ctx, input) => markNotificationsRead(ctx, input),
);
