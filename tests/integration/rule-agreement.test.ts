// The rules PostgreSQL evaluates too exist as TypeScript (lib/domain) and as SQL (lib/data/sql).
// Each pair runs here on the same rows, a table of cases with the answer the rule gives, so the
// two forms cannot drift apart: open threat (both SQL forms), acceptance in force or expired,
// review overdue, and mitigation overdue (SQL only).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { acceptanceExpiredSql, acceptanceInForceSql } from "@/lib/data/sql/acceptance";
import { mitigationOverdueSql } from "@/lib/data/sql/mitigation-overdue";
import { openThreatSql, threatCoversSql } from "@/lib/data/sql/open-threat";
import { reviewOverdueSql } from "@/lib/data/sql/review-overdue";
import { acceptanceState, type AcceptanceInput } from "@/lib/domain/acceptance";
import { isOpenThreat } from "@/lib/domain/open-threat";
import { isReviewOverdue } from "@/lib/domain/review-overdue";
import { THREAT_MODEL_STATUSES, type ImplementationStatus, type ThreatModelStatus } from "@/lib/domain/threat-model";
import { createOrg, type TestOrg } from "./helpers";

const TODAY = "2026-06-15";
const YESTERDAY = "2026-06-14";
const TOMORROW = "2026-06-16";
const day = (ymd: string) => new Date(`${ymd}T00:00:00.000Z`);

type AcceptanceCase = { status: AcceptanceInput["status"]; reviewDate: string };
/** Each threat's covers, and whether the rule calls it open today. */
const THREAT_CASES: { title: string; mitigations: ImplementationStatus[]; acceptances: AcceptanceCase[]; open: boolean }[] = [
  { title: "nothing", mitigations: [], acceptances: [], open: true },
  { title: "not started", mitigations: ["NOT_STARTED"], acceptances: [], open: true },
  { title: "planned and in progress", mitigations: ["PLANNED", "IN_PROGRESS"], acceptances: [], open: true },
  { title: "implemented", mitigations: ["IMPLEMENTED"], acceptances: [], open: false },
  { title: "implemented beside planned", mitigations: ["PLANNED", "IMPLEMENTED"], acceptances: [], open: false },
  { title: "proposed", mitigations: [], acceptances: [{ status: "PROPOSED", reviewDate: TOMORROW }], open: true },
  { title: "rejected", mitigations: [], acceptances: [{ status: "REJECTED", reviewDate: TOMORROW }], open: true },
  { title: "accepted until yesterday", mitigations: [], acceptances: [{ status: "ACCEPTED", reviewDate: YESTERDAY }], open: true },
  { title: "accepted until today", mitigations: [], acceptances: [{ status: "ACCEPTED", reviewDate: TODAY }], open: false },
  { title: "accepted until tomorrow", mitigations: ["PLANNED"], acceptances: [{ status: "ACCEPTED", reviewDate: TOMORROW }], open: false },
  {
    title: "expired and renewed",
    mitigations: [],
    acceptances: [
      { status: "ACCEPTED", reviewDate: YESTERDAY },
      { status: "ACCEPTED", reviewDate: TOMORROW },
    ],
    open: false,
  },
  { title: "expired, mitigation implemented", mitigations: ["IMPLEMENTED"], acceptances: [{ status: "ACCEPTED", reviewDate: YESTERDAY }], open: false },
];

describe("rules in TypeScript and in SQL agree", () => {
  let org: TestOrg;
  let modelId: string;

  beforeAll(async () => {
    org = await createOrg("rules");
    const base = { organizationId: org.id, createdById: org.users.OWNER.id };
    const model = await db().threatModel.create({ data: { ...base, title: "Rule cases" } });
    modelId = model.id;
    for (const c of THREAT_CASES) {
      const threat = await db().threat.create({
        data: { organizationId: org.id, threatModelId: modelId, category: "SPOOFING", title: c.title, likelihood: "HIGH", impact: "HIGH", priority: "HIGH" },
      });
      for (const status of c.mitigations) {
        const mitigation = await db().mitigation.create({ data: { organizationId: org.id, threatModelId: modelId, title: `${c.title}: ${status}`, status } });
        await db().threatMitigation.create({ data: { organizationId: org.id, threatId: threat.id, mitigationId: mitigation.id } });
      }
      for (const a of c.acceptances) {
        await db().residualRiskAcceptance.create({
          data: {
            organizationId: org.id,
            threatModelId: modelId,
            threatId: threat.id,
            threatTitle: c.title,
            reason: "Case",
            riskOwner: "CISO",
            reviewDate: day(a.reviewDate),
            status: a.status,
            proposedById: org.users.CONTRIBUTOR.id,
          },
        });
      }
    }
    // Every status with no review date, one passed yesterday, one due today and one due tomorrow.
    for (const status of THREAT_MODEL_STATUSES) {
      for (const next of [null, YESTERDAY, TODAY, TOMORROW]) {
        await db().threatModel.create({ data: { ...base, title: `Review ${status} ${next ?? "none"}`, status, nextReviewDate: next ? day(next) : null } });
      }
    }
  });

  it("open threat: isOpenThreat, openThreatSql and threatCoversSql give each case's answer", async () => {
    const rows = await db().$queryRaw<{ title: string; open_row: boolean; open_set: boolean }[]>`
      WITH cover AS (SELECT DISTINCT c."threatId" FROM (${threatCoversSql(org.id, TODAY)}) c)
      SELECT t.title, ${openThreatSql(TODAY)} AS open_row, cover."threatId" IS NULL AS open_set
      FROM "Threat" t LEFT JOIN cover ON cover."threatId" = t.id
      WHERE t."threatModelId" = ${modelId}`;
    const threats = await db().threat.findMany({
      where: { threatModelId: modelId },
      select: {
        title: true,
        mitigations: { select: { mitigation: { select: { status: true } } } },
        acceptances: { select: { status: true, reviewDate: true } },
      },
    });
    const byTitle = new Map(rows.map((r) => [r.title, r]));
    expect(threats).toHaveLength(THREAT_CASES.length);
    for (const c of THREAT_CASES) {
      const t = threats.find((x) => x.title === c.title)!;
      const ts = isOpenThreat(
        {
          mitigationStatuses: t.mitigations.map((l) => l.mitigation.status),
          acceptances: t.acceptances.map((a) => ({ status: a.status, reviewDate: a.reviewDate.toISOString() })),
        },
        TODAY,
      );
      expect({ title: c.title, ts, row: byTitle.get(c.title)!.open_row, set: byTitle.get(c.title)!.open_set }).toEqual({
        title: c.title,
        ts: c.open,
        row: c.open,
        set: c.open,
      });
    }
  });

  it("acceptance: acceptanceState agrees with acceptanceInForceSql and acceptanceExpiredSql on every acceptance", async () => {
    const rows = await db().$queryRaw<{ status: AcceptanceInput["status"]; reviewDate: Date; in_force: boolean; expired: boolean }[]>`
      SELECT ra.status, ra."reviewDate", ${acceptanceInForceSql("ra", TODAY)} AS in_force, ${acceptanceExpiredSql("ra", TODAY)} AS expired
      FROM "ResidualRiskAcceptance" ra WHERE ra."threatModelId" = ${modelId}`;
    expect(rows.length).toBe(THREAT_CASES.reduce((n, c) => n + c.acceptances.length, 0));
    const states = new Set<string>();
    for (const r of rows) {
      const state = acceptanceState({ status: r.status, reviewDate: r.reviewDate.toISOString() }, TODAY);
      states.add(state);
      expect({ in_force: r.in_force, expired: r.expired }).toEqual({ in_force: state === "accepted", expired: state === "expired" });
    }
    expect([...states].sort()).toEqual(["accepted", "expired", "proposed", "rejected"]);
  });

  it("review overdue: isReviewOverdue and reviewOverdueSql agree, overdue only past the date and never when archived", async () => {
    const rows = await db().$queryRaw<{ title: string; status: ThreatModelStatus; nextReviewDate: Date | null; overdue: boolean }[]>`
      SELECT m.title, m.status, m."nextReviewDate", ${reviewOverdueSql("m", TODAY)} AS overdue
      FROM "ThreatModel" m WHERE m."organizationId" = ${org.id} AND m.title LIKE 'Review %'`;
    expect(rows).toHaveLength(THREAT_MODEL_STATUSES.length * 4);
    for (const r of rows) {
      const expected = r.status !== "ARCHIVED" && r.title.endsWith(YESTERDAY);
      expect({ title: r.title, ts: isReviewOverdue(r, TODAY), sql: r.overdue }).toEqual({ title: r.title, ts: expected, sql: expected });
    }
  });

  it("mitigation overdue: past its due date and not implemented", async () => {
    const cases: { status: ImplementationStatus; dueDate: string | null; overdue: boolean }[] = [
      { status: "PLANNED", dueDate: null, overdue: false },
      { status: "PLANNED", dueDate: YESTERDAY, overdue: true },
      { status: "IN_PROGRESS", dueDate: TODAY, overdue: false },
      { status: "IMPLEMENTED", dueDate: YESTERDAY, overdue: false },
    ];
    const ids: string[] = [];
    for (const c of cases) {
      const m = await db().mitigation.create({
        data: {
          organizationId: org.id,
          threatModelId: modelId,
          title: `due ${c.status} ${c.dueDate}`,
          status: c.status,
          dueDate: c.dueDate ? day(c.dueDate) : null,
        },
      });
      ids.push(m.id);
    }
    const rows = await db().$queryRaw<
      { id: string; overdue: boolean }[]
    >`SELECT mi.id, ${mitigationOverdueSql("mi", TODAY)} AS overdue FROM "Mitigation" mi WHERE mi.id = ANY(${ids})`;
    expect(ids.map((id) => rows.find((r) => r.id === id)!.overdue)).toEqual(cases.map((c) => c.overdue));
  });
});
