import "server-only";
import { db } from "@/lib/db/client";
import type { Priority } from "@/lib/domain/threat-model";
import { Prisma } from "@/lib/generated/prisma/client";
import { clockNow, type DashboardClock } from "../dashboard/clock";
import { threatScope } from "../dashboard/scope";
import { openThreatSql } from "../sql/open-threat";

// The dashboard's history: each organization's open threats per priority, recorded once a day
// (RiskSnapshot). The daily job (instrumentation.ts, `npm run tm -- snapshot`) takes the day's
// snapshot of every organization; the day's first dashboard load takes its organization's when
// the job has not. The trend is drawn from these records only: a week without one says so.

/**
 * The day's snapshot of one organization, counted and stored in one statement: its open threats
 * (the dashboard's definition and scope, unfiltered) per priority. When the day's snapshot exists,
 * the NOT EXISTS (a one-time filter) spares the count, and the row of zeros the aggregate then
 * still yields meets the primary key and is dropped; the key settles a race the same way (ON
 * CONFLICT DO NOTHING), so the first snapshot of a day stands. True when this call stored it.
 */
export async function recordRiskSnapshot(organizationId: string, clock: DashboardClock = clockNow()): Promise<boolean> {
  const scope = threatScope(organizationId, {});
  const count = (p: Priority) => Prisma.sql`count(*) FILTER (WHERE t.priority = ${p}::"Priority")::int`;
  const stored = await db().$executeRaw`
    INSERT INTO "RiskSnapshot" ("organizationId", day, "openCritical", "openHigh", "openMedium", "openLow")
    SELECT ${organizationId}, ${clock.today}::date, ${count("CRITICAL")}, ${count("HIGH")}, ${count("MEDIUM")}, ${count("LOW")}
    FROM "Threat" t ${scope.join}
    WHERE ${scope.where} AND ${openThreatSql(clock.today)}
      AND NOT EXISTS (SELECT 1 FROM "RiskSnapshot" s WHERE s."organizationId" = ${organizationId} AND s.day = ${clock.today}::date)
    ON CONFLICT ("organizationId", day) DO NOTHING`;
  return stored > 0;
}
