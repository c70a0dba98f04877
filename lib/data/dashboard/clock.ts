import { today } from "@/lib/domain/calendar";

/** Calendar "today" (UTC, as calendar dates are stored) and the moment the trend ends at. */
export type DashboardClock = { today: string; now: Date };

export function clockNow(): DashboardClock {
  const now = new Date();
  return { today: today(now), now };
}
