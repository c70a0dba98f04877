import "server-only";
import { db } from "@/lib/db/client";
import { clockNow, type DashboardClock } from "../dashboard/clock";
import { recordRiskSnapshot } from "./record-risk-snapshot";

/**
 * The daily job: the day's snapshot of every organization that has none yet. Safe to run as
 * often as wanted and on every instance at once. Resolves to how many it stored.
 */
export async function recordDailyRiskSnapshots(clock: DashboardClock = clockNow()): Promise<{ day: string; organizations: number; recorded: number }> {
  const pending = await db().$queryRaw<{ id: string }[]>`
    SELECT o.id FROM "Organization" o
    WHERE NOT EXISTS (SELECT 1 FROM "RiskSnapshot" s WHERE s."organizationId" = o.id AND s.day = ${clock.today}::date)
    ORDER BY o.id`;
  let recorded = 0;
  for (const { id } of pending) if (await recordRiskSnapshot(id, clock)) recorded++;
  const [all] = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Organization"`;
  return { day: clock.today, organizations: all?.n ?? 0, recorded };
}
