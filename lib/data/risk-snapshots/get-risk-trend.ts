import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { clockNow, type DashboardClock } from "../dashboard/clock";
import type { PriorityCounts } from "../dashboard/get-dashboard";
import { recordRiskSnapshot } from "./record-risk-snapshot";
import { addDays } from "@/lib/domain/calendar";

// The dashboard's trend, drawn from the daily records only (record-risk-snapshot.ts): a week
// without one says so.

/** The recorded trend's length. */
export const TREND_WEEKS = 12;

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
