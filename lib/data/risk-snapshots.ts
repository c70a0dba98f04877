import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { addDays } from "@/lib/domain/calendar";
import type { Priority } from "@/lib/domain/threat-model";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { TREND_WEEKS, clockNow, threatScope, type DashboardClock, type PriorityCounts } from "./dashboard";
import { openThreatSql } from "./threat-models";

// The dashboard's history: each organization's open threats per priority, recorded once a day
// (RiskSnapshot). The daily job (instrumentation.ts, `npm run tm -- snapshot`) takes the day's
// snapshot of every organization; the day's first dashboard load takes its organization's when
// the job has not. The trend is drawn from these records only: a week without one says so.

/** One week end of the trend: the last snapshot recorded in the seven days up to it, if any. */
export type RecordedTrendPoint = {
  weekEnd: string;
  /** The day of the snapshot shown, null when none was recorded that week. */
  recordedOn: string | null;
  counts: PriorityCounts | null;
  /** Written by the demo seed rather than recorded. */
  demo: boolean;
  /** The week ended before the organization's first snapshot. */
  beforeRecording: boolean;
};
export type RiskTrend = {
  /** TREND_WEEKS week ends, oldest first; the last is today. */
  points: RecordedTrendPoint[];
  /** The organization's first snapshot, null when there is none. */
  firstRecordedOn: string | null;
  /** Some point shown is demo data. */
  demo: boolean;
};


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

/** How often each server checks whether today's snapshots are taken (cheap when they are). */
const SNAPSHOT_CHECK_MS = 15 * 60_000;

/**
 * The daily job, started by each server (instrumentation.ts): now, then every quarter of an hour,
 * so a new day's snapshots are taken within minutes of midnight (UTC) by whichever instance gets
 * there first. Returns at once: the server answers requests meanwhile.
 */
export function scheduleDailyRiskSnapshots() {
  const run = async () => {
    try {
      const result = await recordDailyRiskSnapshots();
      if (result.recorded > 0) log.info("risk-snapshots.recorded", result);
    } catch (error) {
      // The next check, or the day's first dashboard load, takes it instead.
      log.error("risk-snapshots.failed", { error });
    }
  };
  void run();
  setInterval(() => void run(), SNAPSHOT_CHECK_MS).unref();
}

type SnapshotRow = { day: string; openCritical: number; openHigh: number; openMedium: number; openLow: number; demo: boolean };

async function readSnapshots(organizationId: string, from: string, to: string) {
  return db().$queryRaw<(SnapshotRow & { first: string })[]>`
    SELECT to_char(s.day, 'YYYY-MM-DD') AS day, s."openCritical", s."openHigh", s."openMedium", s."openLow", s.demo,
           (SELECT to_char(min(f.day), 'YYYY-MM-DD') FROM "RiskSnapshot" f WHERE f."organizationId" = ${organizationId}) AS first
    FROM "RiskSnapshot" s
    WHERE s."organizationId" = ${organizationId} AND s.day > ${from}::date AND s.day <= ${to}::date
    ORDER BY s.day`;
}

/**
 * The organization's 12-week trend from its snapshots: at each week end (today and every seventh
 * day before it) the last snapshot of the seven days up to it. Takes today's snapshot first when
 * there is none yet (the daily job's fallback).
 */
export async function getRiskTrend(ctx: OrgContext, clock: DashboardClock = clockNow()): Promise<RiskTrend> {
  requirePermission(ctx, "model.read");
  const weekEnds = Array.from({ length: TREND_WEEKS }, (_, i) => addDays(clock.today, -(TREND_WEEKS - 1 - i) * 7));
  const from = addDays(weekEnds[0]!, -7);
  let rows = await readSnapshots(ctx.organizationId, from, clock.today);
  if (rows.at(-1)?.day !== clock.today) {
    await recordRiskSnapshot(ctx.organizationId, clock);
    rows = await readSnapshots(ctx.organizationId, from, clock.today);
  }
  const firstRecordedOn = rows[0]?.first ?? null;
  const points = weekEnds.map((weekEnd): RecordedTrendPoint => {
    const weekStart = addDays(weekEnd, -7);
    const last = rows.filter((r) => r.day > weekStart && r.day <= weekEnd).at(-1);
    return {
      weekEnd,
      recordedOn: last?.day ?? null,
      counts: last ? { CRITICAL: last.openCritical, HIGH: last.openHigh, MEDIUM: last.openMedium, LOW: last.openLow } : null,
      demo: last?.demo ?? false,
      beforeRecording: firstRecordedOn === null || weekEnd < firstRecordedOn,
    };
  });
  return { points, firstRecordedOn, demo: points.some((p) => p.demo) };
}
