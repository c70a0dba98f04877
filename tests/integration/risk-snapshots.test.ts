// The recorded trend: one snapshot of each organization's open threats per day, taken by the
// daily job or by the first dashboard load of the day, and the 12-week trend drawn from them.
import { beforeAll, describe, expect, it } from "vitest";
import type { DashboardClock } from "@/lib/data/dashboard/clock";
import { getDashboard } from "@/lib/data/dashboard/get-dashboard";
import { getRiskTrend } from "@/lib/data/risk-snapshots/get-risk-trend";
import { recordDailyRiskSnapshots } from "@/lib/data/risk-snapshots/record-daily-risk-snapshots";
import { recordRiskSnapshot } from "@/lib/data/risk-snapshots/record-risk-snapshot";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import { db } from "@/lib/db/client";
import { emptyDocument, type ThreatModelDocument } from "@/lib/domain/model-document";
import { createOrg, documentThreat, type TestOrg } from "./helpers";

const DAY = 86_400_000;
const clockAt = (iso: string): DashboardClock => ({ today: iso.slice(0, 10), now: new Date(iso) });
const daysBefore = (clock: DashboardClock, days: number) => new Date(clock.now.getTime() - days * DAY).toISOString().slice(0, 10);

type Threat = ThreatModelDocument["threats"][number];
const threat = (title: string, likelihood: Threat["likelihood"], impact: Threat["impact"], priority: Threat["priority"], mitigationKeys: string[] = []) =>
  documentThreat(title, "SPOOFING", likelihood, impact, priority, mitigationKeys);

async function insertModel(org: TestOrg, doc: Partial<ThreatModelDocument> & { title: string }) {
  return db().$transaction((tx) =>
    insertThreatModelDocument(tx, { organizationId: org.id, createdById: org.users.OWNER.id, ownerId: null }, { ...emptyDocument(doc.title), ...doc }),
  );
}

const snapshotsOf = (org: TestOrg) =>
  db().$queryRaw<{ day: string; openCritical: number; openHigh: number; openMedium: number; openLow: number; demo: boolean }[]>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, "openCritical", "openHigh", "openMedium", "openLow", demo
    FROM "RiskSnapshot" WHERE "organizationId" = ${org.id} ORDER BY day`;

describe("the recorded open-risk trend", () => {
  let a: TestOrg;
  let b: TestOrg;

  beforeAll(async () => {
    [a, b] = await Promise.all([createOrg("snap"), createOrg("snap-other")]);
    // A: open Critical 1 (its mitigation only planned), open High 1, a Medium covered by an
    // implemented mitigation, open Low 2.
    await insertModel(a, {
      title: "Checkout",
      status: "DRAFT",
      threats: [
        threat("Card skimming", "HIGH", "CRITICAL", "CRITICAL", ["m1"]),
        threat("Coupon abuse", "HIGH", "MEDIUM", "HIGH"),
        threat("Order tampering", "MEDIUM", "MEDIUM", "MEDIUM", ["m2"]),
        threat("Noisy logs", "LOW", "LOW", "LOW"),
        threat("Slow pages", "LOW", "MEDIUM", "LOW"),
      ],
      mitigations: [
        { key: "m1", title: "Tokenize", description: "", status: "PLANNED", taskRef: "", implementedIn: "", dueDate: null },
        { key: "m2", title: "Sign orders", description: "", status: "IMPLEMENTED", taskRef: "", implementedIn: "", dueDate: null },
      ],
    });
    // B: risk that must never show in A's records.
    await insertModel(b, { title: "Other", status: "DRAFT", threats: [threat("Other critical", "HIGH", "HIGH", "CRITICAL")] });
  });

  it("records one snapshot per organization per day, even when the job, the CLI and dashboard loads race", async () => {
    const clock = clockAt("2031-03-14T08:00:00.000Z");
    await Promise.all([
      recordRiskSnapshot(a.id, clock),
      recordRiskSnapshot(a.id, clock),
      recordDailyRiskSnapshots(clock),
      recordDailyRiskSnapshots(clock),
      getRiskTrend(a.ctx.VIEWER, clock),
      getRiskTrend(a.ctx.OWNER, clock),
    ]);
    expect(await snapshotsOf(a)).toEqual([{ day: "2031-03-14", openCritical: 1, openHigh: 1, openMedium: 0, openLow: 2, demo: false }]);
    expect(await snapshotsOf(b)).toEqual([{ day: "2031-03-14", openCritical: 1, openHigh: 0, openMedium: 0, openLow: 0, demo: false }]);

    // The database itself refuses a second snapshot of the same day.
    await expect(
      db()
        .$executeRaw`INSERT INTO "RiskSnapshot" ("organizationId", day, "openCritical", "openHigh", "openMedium", "openLow") VALUES (${a.id}, '2031-03-14', 9, 9, 9, 9)`,
    ).rejects.toThrow(/unique|duplicate/i);

    // Later the same day the figures change; the day's record stays as it was taken.
    await db().$executeRaw`UPDATE "Mitigation" SET status = 'IMPLEMENTED' WHERE "organizationId" = ${a.id} AND title = 'Tokenize'`;
    expect(await recordRiskSnapshot(a.id, clockAt("2031-03-14T20:00:00.000Z"))).toBe(false);
    expect((await snapshotsOf(a))[0]!.openCritical).toBe(1);
    // The next day records the new figures.
    expect(await recordRiskSnapshot(a.id, clockAt("2031-03-15T00:05:00.000Z"))).toBe(true);
    expect((await snapshotsOf(a)).map((s) => [s.day, s.openCritical, s.openHigh, s.openLow])).toEqual([
      ["2031-03-14", 1, 1, 2],
      ["2031-03-15", 0, 1, 2],
    ]);
    await db().$executeRaw`UPDATE "Mitigation" SET status = 'PLANNED' WHERE "organizationId" = ${a.id} AND title = 'Tokenize'`;
  });

  it("records the figures the dashboard counts as open", async () => {
    const clock = clockAt("2031-04-01T09:00:00.000Z");
    await recordRiskSnapshot(a.id, clock);
    const d = await getDashboard(a.ctx.VIEWER, {}, clock);
    const [row] = (await snapshotsOf(a)).filter((s) => s.day === "2031-04-01");
    expect({ CRITICAL: row!.openCritical, HIGH: row!.openHigh, MEDIUM: row!.openMedium, LOW: row!.openLow }).toEqual(d.openByPriority);
  });

  it("draws the 12-week trend from the records, the last record of each week, and shows the weeks before recording began as not recorded", async () => {
    const org = await createOrg("snap-trend");
    const clock = clockAt("2031-06-30T12:00:00.000Z");
    const record = (daysAgo: number, n: number, demo = false) => ({
      organizationId: org.id,
      day: new Date(`${daysBefore(clock, daysAgo)}T00:00:00.000Z`),
      openCritical: n,
      openHigh: n + 1,
      openMedium: n + 2,
      openLow: n + 3,
      demo,
    });
    // Recording began 30 days ago; 25 and 23 days ago fall in the same week (the later one
    // counts); nothing was recorded in the week ending 14 days ago; today's exists already.
    await db().riskSnapshot.createMany({ data: [record(30, 7), record(25, 6), record(23, 5), record(9, 4), record(8, 3), record(0, 2)] });
    // Another organization's records on the same days never show.
    await db().riskSnapshot.createMany({ data: [record(30, 70), record(2, 50)].map((r) => ({ ...r, organizationId: a.id })), skipDuplicates: true });

    const trend = await getRiskTrend(org.ctx.VIEWER, clock);
    expect(trend.points.map((p) => p.weekEnd)).toEqual(Array.from({ length: 12 }, (_, i) => daysBefore(clock, (11 - i) * 7)));
    expect(trend.firstRecordedOn).toBe(daysBefore(clock, 30));
    expect(trend.demo).toBe(false);
    const shown = trend.points.map((p) =>
      p.counts ? [p.recordedOn, p.counts.CRITICAL, p.counts.HIGH, p.counts.MEDIUM, p.counts.LOW] : p.beforeRecording ? "before recording" : "not recorded",
    );
    expect(shown).toEqual([
      "before recording", // 77 days ago
      "before recording",
      "before recording",
      "before recording",
      "before recording",
      "before recording",
      "before recording", // 35 days ago
      [daysBefore(clock, 30), 7, 8, 9, 10], // week ending 28 days ago: the day recording began
      [daysBefore(clock, 23), 5, 6, 7, 8], // week ending 21 days ago: its last record
      "not recorded", // week ending 14 days ago: a gap after recording began
      [daysBefore(clock, 8), 3, 4, 5, 6], // week ending 7 days ago
      [daysBefore(clock, 0), 2, 3, 4, 5], // today
    ]);
    // Nothing was guessed: the stored records are exactly the ones written above.
    expect(await db().riskSnapshot.count({ where: { organizationId: org.id } })).toBe(6);
  });

  it("takes today's snapshot on the first dashboard load of a day when the job has not, with nothing before it", async () => {
    const org = await createOrg("snap-fallback");
    await insertModel(org, { title: "Fresh", status: "DRAFT", threats: [threat("New critical", "HIGH", "HIGH", "CRITICAL")] });
    const clock = clockAt("2031-07-02T10:00:00.000Z");
    expect(await snapshotsOf(org)).toEqual([]);
    const trend = await getRiskTrend(org.ctx.VIEWER, clock);
    expect(await snapshotsOf(org)).toEqual([{ day: "2031-07-02", openCritical: 1, openHigh: 0, openMedium: 0, openLow: 0, demo: false }]);
    expect(trend.firstRecordedOn).toBe("2031-07-02");
    expect(trend.points.at(-1)).toMatchObject({ weekEnd: "2031-07-02", recordedOn: "2031-07-02", counts: { CRITICAL: 1, HIGH: 0, MEDIUM: 0, LOW: 0 } });
    expect(trend.points.slice(0, 11).every((p) => p.counts === null && p.beforeRecording)).toBe(true);
  });

  it("says when the records are the demo seed's rather than recorded", async () => {
    const org = await createOrg("snap-demo");
    const clock = clockAt("2031-08-01T10:00:00.000Z");
    await db().riskSnapshot.create({
      data: {
        organizationId: org.id,
        day: new Date(`${daysBefore(clock, 14)}T00:00:00.000Z`),
        openCritical: 4,
        openHigh: 3,
        openMedium: 2,
        openLow: 1,
        demo: true,
      },
    });
    const trend = await getRiskTrend(org.ctx.VIEWER, clock);
    expect(trend.demo).toBe(true);
    expect(trend.points[9]).toMatchObject({ recordedOn: daysBefore(clock, 14), demo: true, counts: { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1 } });
    // Today's, taken on this load, is a real record.
    expect(trend.points[11]).toMatchObject({ recordedOn: "2031-08-01", demo: false });
  });
});
