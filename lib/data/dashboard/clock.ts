/** Calendar "today" (UTC, as calendar dates are stored) and the moment the trend ends at. */
export type DashboardClock = { today: string; now: Date };

export function clockNow(): DashboardClock {
  const now = new Date();
  return { today: now.toISOString().slice(0, 10), now };
}
