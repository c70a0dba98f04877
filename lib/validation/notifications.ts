import { z } from "zod";
import { ZId } from "./fields";

export const NOTIFICATIONS_PAGE_SIZE = 50;

/** Either the listed notifications or all of the member's unread ones. */
export const ZMarkNotificationsRead = z.object({
  ids: z.array(ZId).max(100).optional(),
  all: z.boolean().optional(),
});
export type TMarkNotificationsRead = z.output<typeof ZMarkNotificationsRead>;

export const ZListNotifications = z.object({
  limit: z.number().int().min(1).max(NOTIFICATIONS_PAGE_SIZE).default(10),
  unreadOnly: z.boolean().default(false),
});

/** The notifications page's URL (`?page=2&unread=1`); bad values fall back to the first page of all. */
export const ZNotificationsPage = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  unreadOnly: z.preprocess((v) => v === "1" || v === true, z.boolean()).catch(false),
});
export type TNotificationsPage = z.output<typeof ZNotificationsPage>;
