// Fix-by dates: how long each priority may stay unmitigated, per the team template's risk
// summary ("Critical: before the feature ships; High: within 7 days of discovery; Medium: within
// 30 days; Low: next sprint"), with the day counts set per organization.
//
// The clock: approval starts it (README, "Review"). Approving a model dates every High, Medium
// and Low threat from the approval day. Before a model's first approval a threat carries a
// provisional date counted from its creation, which the approval replaces. Editing a threat never
// restarts its clock: its date is kept while its priority stays, and a new priority is counted
// from the day its clock started (the last approval it was part of, else its creation).
import { addDays, fromDay, toDay } from "./calendar";
import type { Priority } from "./threat-model";

export type FixBySettings = { fixByDaysHigh: number; fixByDaysMedium: number; fixByDaysLow: number };

export const DEFAULT_FIX_BY: FixBySettings = { fixByDaysHigh: 7, fixByDaysMedium: 30, fixByDaysLow: 14 };

/** The fix-by rule: days allowed for a priority, or null for Critical, which has no grace period: it blocks shipping. */
export function fixByDays(priority: Priority, settings: FixBySettings): number | null {
  switch (priority) {
    case "CRITICAL":
      return null;
    case "HIGH":
      return settings.fixByDaysHigh;
    case "MEDIUM":
      return settings.fixByDaysMedium;
    case "LOW":
      return settings.fixByDaysLow;
  }
}

/** The calendar date (UTC midnight) by which a threat whose clock started at `clockStart` must be fixed, or null for Critical. */
export function fixByDate(priority: Priority, clockStart: Date, settings: FixBySettings): Date | null {
  const days = fixByDays(priority, settings);
  return days === null ? null : fromDay(addDays(toDay(clockStart), days));
}

/** The fix-by rule in words, as every page and the Markdown export state it. */
export function fixByWording(priority: Priority, settings: FixBySettings): string {
  const days = fixByDays(priority, settings);
  if (days === null) return "Before the feature ships";
  if (priority === "LOW") return `Next sprint (${days} days)`;
  return `Within ${days} days of discovery`;
}

/** When a threat's fix-by clock started: the model's last approval if the threat was part of it, else the threat's creation. */
export function fixByClockStart(threatCreatedAt: Date, modelApprovedAt: Date | null): Date {
  return modelApprovedAt && threatCreatedAt <= modelApprovedAt ? modelApprovedAt : threatCreatedAt;
}

/**
 * A threat's fix-by date after an edit. A new threat's clock starts now; an existing threat keeps
 * the date it has (approval's, or an import's) while its priority stays the same, and a changed
 * priority, or a threat that has no date yet, is dated from the day its clock started.
 */
export function fixByDateAfterEdit(
  priority: Priority,
  stored: { priority: Priority; dueDate: Date | null; createdAt: Date } | null,
  modelApprovedAt: Date | null,
  settings: FixBySettings,
  now: Date = new Date(),
): Date | null {
  if (!stored) return fixByDate(priority, now, settings);
  if (stored.priority === priority && (stored.dueDate !== null || priority === "CRITICAL")) return stored.dueDate;
  return fixByDate(priority, fixByClockStart(stored.createdAt, modelApprovedAt), settings);
}
