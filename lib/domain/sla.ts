// Fix-by dates: how long each priority may stay unmitigated, per the team template's risk
// summary ("Critical: before the feature ships; High: within 7 days of discovery; Medium: within
// 30 days; Low: next sprint"), with the day counts set per organization.
import { addDays } from "date-fns";
import type { Priority } from "./threat-model";

export type FixBySettings = { fixByDaysHigh: number; fixByDaysMedium: number; fixByDaysLow: number };

export const DEFAULT_FIX_BY: FixBySettings = { fixByDaysHigh: 7, fixByDaysMedium: 30, fixByDaysLow: 14 };

/** Days allowed for a priority, or null for Critical, which has no grace period: it blocks shipping. */
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

/** The calendar date (UTC midnight) by which a threat discovered at `discoveredAt` must be fixed, or null for Critical. */
export function fixByDate(priority: Priority, discoveredAt: Date, settings: FixBySettings): Date | null {
  const days = fixByDays(priority, settings);
  if (days === null) return null;
  const day = new Date(Date.UTC(discoveredAt.getUTCFullYear(), discoveredAt.getUTCMonth(), discoveredAt.getUTCDate()));
  return addDays(day, days);
}

export function fixByRule(priority: Priority, settings: FixBySettings): string {
  const days = fixByDays(priority, settings);
  if (days === null) return "Before the feature ships";
  if (priority === "LOW") return `Next sprint (${days} days)`;
  return `Within ${days} days of discovery`;
}
