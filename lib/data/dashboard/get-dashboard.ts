import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import {
  IMPACTS,
  LIKELIHOODS,
  PRIORITIES,
  RISK_RATINGS,
  STRIDE_CATEGORIES,
  THREAT_MODEL_STATUSES,
  type ImplementationStatus,
  type Impact,
  type Likelihood,
  type Priority,
  type RiskRating,
  type StrideCategory,
  type ThreatModelStatus,
} from "@/lib/domain/threat-model";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TDashboardFilters } from "@/lib/validation/dashboard";
import { acceptanceExpiredSql } from "../sql/acceptance";
import { mitigationOverdueSql } from "../sql/mitigation-overdue";
import { hasDraftInProgressSql, standingStatusSql } from "../sql/model-standing";
import { threatCoversSql } from "../sql/open-threat";
import { reviewOverdueSql } from "../sql/review-overdue";
import { coveragePercent } from "@/lib/domain/diagram/coverage";
import { clockNow, type DashboardClock } from "./clock";
import { modelHasStrideSql, modelWhere, threatScope } from "./scope";

// The residual-risk dashboard: every figure counted by PostgreSQL in two grouped statements; no
// list of threats or mitigations is loaded into Node. The rules it counts by (open threat,
// acceptance in force, review overdue, a model's standing) are those of lib/domain, in SQL from
// lib/data/sql. The lists behind its numbers are the risk register (lib/data/risk-register).

export type PriorityCounts = Record<Priority, number>;
export type AcceptanceItem = {
  id: string;
  threatId: string | null;
  threatTitle: string;
  riskOwner: string;
  reviewDate: string;
  expired: boolean;
  modelId: string;
  modelTitle: string;
};
export type OverdueMitigationItem = {
  id: string;
  title: string;
  status: ImplementationStatus;
  dueDate: string;
  ownerName: string | null;
  modelId: string;
  modelTitle: string;
};
export type TopModel = { id: string; title: string; ownerName: string | null; critical: number; high: number };
export type OverdueReviewItem = { id: string; title: string; nextReviewDate: string; ownerName: string | null };

export type Dashboard = {
  today: string;
  openByPriority: PriorityCounts;
  openTotal: number;
  heatMap: Record<Likelihood, Record<Impact, number>>;
  byCategory: Record<StrideCategory, PriorityCounts>;
  ratings: Record<StrideCategory, Record<RiskRating, number>>;
  topModels: TopModel[];
  acceptances: { total: number; expired: number; items: AcceptanceItem[] };
  overdueMitigations: { total: number; items: OverdueMitigationItem[] };
  /** Archived ones included, whatever the default scope: the panel links to each status's list. */
  modelsByStatus: Record<ThreatModelStatus, number>;
  /** The models in scope (archived ones aside unless the status filter asks for them). */
  modelTotal: number;
  /** Approved models whose next revision is being drafted, reviewed or reworked. */
  draftsInProgress: number;
  overdueReviews: { total: number; items: OverdueReviewItem[] };
  /** Diagram coverage added up over the models in scope that have something to answer. */
  diagramCoverage: DiagramCoverageTotals;
};
export type DiagramCoverageTotals = { models: number; applicable: number; covered: number; percent: number | null };

/** How many rows each short list on the dashboard shows; the full lists are a click away. */
export const DASHBOARD_LIST_SIZE = 10;

const zeroPriorities = (): PriorityCounts => ({ CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0 });
const grid = <K extends string, V extends string>(rows: readonly K[], cols: readonly V[]) =>
  Object.fromEntries(rows.map((r) => [r, Object.fromEntries(cols.map((c) => [c, 0]))])) as Record<K, Record<V, number>>;

type ThreatAggregates = {
  groups: { g: string; priority: Priority | null; likelihood: Likelihood | null; impact: Impact | null; category: StrideCategory | null; n: number }[] | null;
  top: TopModel[] | null;
};

/**
 * The threat statement: every count over the filtered threats in one grouped pass.
 *
 * `cover` holds the threats something covers now (threatCoversSql, the open-threat rule as a set);
 * a threat without a cover row is open. The trend is not here: it is recorded day by day
 * (lib/data/risk-snapshots/).
 */
function threatAggregatesSql(organizationId: string, f: TDashboardFilters, clock: DashboardClock) {
  const scope = threatScope(organizationId, f);
  return Prisma.sql`
    WITH cover AS (
      SELECT c."threatId"
      FROM (${threatCoversSql(organizationId, clock.today, scope.narrowLinks)}) c
      GROUP BY c."threatId"
    ),
    th AS (
      SELECT t.priority, t.likelihood, t.impact, t.category, cover."threatId" IS NULL AS open,
             CASE WHEN cover."threatId" IS NULL AND t.priority IN ('CRITICAL', 'HIGH') THEN t."threatModelId" END AS top_model
      FROM "Threat" t ${scope.join}
      LEFT JOIN cover ON cover."threatId" = t.id
      WHERE ${scope.where}
    ),
    grouped AS MATERIALIZED (
      SELECT CASE WHEN GROUPING(top_model) = 0 THEN 'top' ELSE 'open' END AS g,
             open, priority, likelihood, impact, category, top_model, count(*)::int AS n,
             count(*) FILTER (WHERE priority = 'CRITICAL')::int AS critical, count(*) FILTER (WHERE priority = 'HIGH')::int AS high
      FROM th
      GROUP BY GROUPING SETS ((open, priority, likelihood, impact, category), (top_model))
    ),
    open_groups AS (
      SELECT CASE WHEN GROUPING(likelihood) = 0 THEN 'heat' WHEN GROUPING(category) = 0 THEN 'category' ELSE 'priority' END AS g,
             priority, likelihood, impact, category, sum(n)::int AS n
      FROM grouped WHERE g = 'open' AND open
      GROUP BY GROUPING SETS ((priority), (likelihood, impact), (category, priority))
    ),
    top_models AS (
      SELECT m.id, m.title, u.name AS "ownerName", g.critical, g.high
      FROM grouped g JOIN "ThreatModel" m ON m.id = g.top_model LEFT JOIN "User" u ON u.id = m."ownerId"
      WHERE g.g = 'top'
      ORDER BY g.critical DESC, g.high DESC, lower(m.title), m.id
      LIMIT ${DASHBOARD_LIST_SIZE}
    )
    SELECT (SELECT json_agg(open_groups) FROM open_groups) AS groups,
           (SELECT json_agg(top_models) FROM top_models) AS top`;
}

type OtherAggregates = {
  statuses: { status: ThreatModelStatus; n: number }[] | null;
  model_total: number;
  drafts_in_progress: number;
  reviews_total: number;
  reviews: OverdueReviewItem[] | null;
  acceptances_total: number;
  acceptances_expired: number;
  acceptances: AcceptanceItem[] | null;
  mitigations_total: number;
  mitigations: OverdueMitigationItem[] | null;
  ratings: { category: StrideCategory; rating: RiskRating; n: number }[] | null;
  coverage: { models: number; applicable: number; covered: number };
};

/** Models, acceptances, overdue mitigations and STRIDE ratings: small tables, one statement. */
function otherAggregatesSql(organizationId: string, f: TDashboardFilters, today: string) {
  const strideThreat = f.stride ? Prisma.sql`JOIN "Threat" t ON t.id = ra."threatId" AND t.category = ${f.stride}::"StrideCategory"` : Prisma.empty;
  const strideMitigation = f.stride
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "ThreatMitigation" tm JOIN "Threat" t ON t.id = tm."threatId" WHERE tm."mitigationId" = mi.id AND t.category = ${f.stride}::"StrideCategory")`
    : Prisma.empty;
  return Prisma.sql`
    WITH fm AS MATERIALIZED (
      SELECT m.id, m.title, m.status, m."nextReviewDate", m."ownerId", m."coverageApplicable", m."coverageCovered",
             ${hasDraftInProgressSql("m")} AS drafting FROM "ThreatModel" m
      WHERE ${modelWhere(organizationId, f)} ${modelHasStrideSql(f.stride)}
    ),
    statuses AS (
      SELECT ${standingStatusSql("m")} AS status, count(*)::int AS n FROM "ThreatModel" m
      WHERE ${modelWhere(organizationId, f, { everyStatus: true })} ${modelHasStrideSql(f.stride)}
      GROUP BY 1
    ),
    reviews AS (SELECT * FROM fm WHERE ${reviewOverdueSql("fm", today)}),
    acc AS (
      SELECT ra.id, ra.status, ra."threatId", ra."threatTitle", ra."riskOwner", ra."reviewDate", fm.id AS "modelId", fm.title AS "modelTitle"
      FROM "ResidualRiskAcceptance" ra JOIN fm ON fm.id = ra."threatModelId" ${strideThreat}
      WHERE ra."organizationId" = ${organizationId} AND ra.status = 'ACCEPTED'
    ),
    mit AS (
      SELECT mi.id, mi.title, mi."dueDate", mi."threatModelId"
      FROM "Mitigation" mi JOIN fm ON fm.id = mi."threatModelId"
      WHERE mi."organizationId" = ${organizationId} AND ${mitigationOverdueSql("mi", today)} ${strideMitigation}
    ),
    ratings AS (
      SELECT sa.category, sa."residualRisk" AS rating, count(*)::int AS n
      FROM "StrideAssessment" sa JOIN "ThreatModel" m ON m.id = sa."threatModelId"
      WHERE sa."organizationId" = ${organizationId} AND ${modelWhere(organizationId, f)}
        ${f.stride ? Prisma.sql`AND sa.category = ${f.stride}::"StrideCategory"` : Prisma.empty}
      GROUP BY sa.category, sa."residualRisk"
    )
    SELECT
      (SELECT json_agg(statuses) FROM statuses) AS statuses,
      (SELECT count(*)::int FROM fm) AS model_total,
      (SELECT count(*)::int FROM fm WHERE drafting) AS drafts_in_progress,
      (SELECT json_build_object('models', count(*) FILTER (WHERE "coverageApplicable" > 0), 'applicable', coalesce(sum("coverageApplicable"), 0),
              'covered', coalesce(sum("coverageCovered"), 0)) FROM fm) AS coverage,
      (SELECT count(*)::int FROM reviews) AS reviews_total,
      (SELECT json_agg(r) FROM (
         SELECT reviews.id, reviews.title, to_char(reviews."nextReviewDate", 'YYYY-MM-DD') AS "nextReviewDate", u.name AS "ownerName"
         FROM reviews LEFT JOIN "User" u ON u.id = reviews."ownerId"
         ORDER BY reviews."nextReviewDate", lower(reviews.title), reviews.id LIMIT ${DASHBOARD_LIST_SIZE}) r) AS reviews,
      (SELECT count(*)::int FROM acc) AS acceptances_total,
      (SELECT count(*)::int FROM acc WHERE ${acceptanceExpiredSql("acc", today)}) AS acceptances_expired,
      (SELECT json_agg(a) FROM (
         SELECT acc.id, acc."threatId", acc."threatTitle", acc."riskOwner", to_char(acc."reviewDate", 'YYYY-MM-DD') AS "reviewDate",
                ${acceptanceExpiredSql("acc", today)} AS expired, acc."modelId", acc."modelTitle"
         FROM acc ORDER BY acc."reviewDate", lower(acc."threatTitle"), acc.id LIMIT ${DASHBOARD_LIST_SIZE}) a) AS acceptances,
      (SELECT count(*)::int FROM mit) AS mitigations_total,
      -- The oldest ten first, then their details: the joins run for ten rows, not for every overdue one.
      (SELECT json_agg(x ORDER BY x."dueDate", lower(x.title), x.id) FROM (
         SELECT mi.id, mi.title, mi.status, to_char(mi."dueDate", 'YYYY-MM-DD') AS "dueDate", u.name AS "ownerName",
                fm.id AS "modelId", fm.title AS "modelTitle"
         FROM (SELECT id FROM mit ORDER BY "dueDate", lower(title), id LIMIT ${DASHBOARD_LIST_SIZE}) oldest
         JOIN "Mitigation" mi ON mi.id = oldest.id JOIN fm ON fm.id = mi."threatModelId" LEFT JOIN "User" u ON u.id = mi."ownerId") x) AS mitigations,
      (SELECT json_agg(ratings) FROM ratings) AS ratings`;
}

/**
 * Every figure of the dashboard for the organization, narrowed by the filters: two statements
 * run in parallel (threat counts with the trend; models, acceptances, overdue mitigations and
 * ratings), each a single pass of grouped SQL.
 */
export async function getDashboard(ctx: OrgContext, filters: TDashboardFilters, clock: DashboardClock = clockNow()): Promise<Dashboard> {
  requirePermission(ctx, "model.read");
  const [[, [threats]], [other]] = await Promise.all([
    // The grouping sets hash in memory at 100,000 threats with a little more than the default
    // 4 MB of work_mem; without it PostgreSQL sorts them on disk, about a third slower. JIT
    // compilation costs more than it saves on a statement that runs in a few hundred ms.
    db().$transaction([
      db().$queryRaw`SELECT set_config('work_mem', '16MB', true), set_config('jit', 'off', true)`,
      db().$queryRaw<ThreatAggregates[]>(threatAggregatesSql(ctx.organizationId, filters, clock)),
    ]),
    db().$queryRaw<OtherAggregates[]>(otherAggregatesSql(ctx.organizationId, filters, clock.today)),
  ]);
  return assembleDashboard(clock, threats!, other!);
}

function assembleDashboard(clock: DashboardClock, threats: ThreatAggregates, other: OtherAggregates): Dashboard {
  const openByPriority = zeroPriorities();
  const heatMap = grid(LIKELIHOODS, IMPACTS);
  const byCategory = Object.fromEntries(STRIDE_CATEGORIES.map((c) => [c, zeroPriorities()])) as Record<StrideCategory, PriorityCounts>;
  for (const row of threats.groups ?? []) {
    if (row.g === "heat") heatMap[row.likelihood!][row.impact!] = row.n;
    else if (row.g === "category") byCategory[row.category!][row.priority!] = row.n;
    else openByPriority[row.priority!] = row.n;
  }
  const modelsByStatus = Object.fromEntries(THREAT_MODEL_STATUSES.map((s) => [s, 0])) as Record<ThreatModelStatus, number>;
  for (const row of other.statuses ?? []) modelsByStatus[row.status] = row.n;
  const ratings = grid(STRIDE_CATEGORIES, RISK_RATINGS);
  for (const row of other.ratings ?? []) ratings[row.category][row.rating] = row.n;
  return {
    today: clock.today,
    openByPriority,
    openTotal: PRIORITIES.reduce((sum, p) => sum + openByPriority[p], 0),
    heatMap,
    byCategory,
    ratings,
    topModels: threats.top ?? [],
    acceptances: { total: other.acceptances_total, expired: other.acceptances_expired, items: other.acceptances ?? [] },
    overdueMitigations: { total: other.mitigations_total, items: other.mitigations ?? [] },
    modelsByStatus,
    modelTotal: other.model_total,
    draftsInProgress: other.drafts_in_progress,
    overdueReviews: { total: other.reviews_total, items: other.reviews ?? [] },
    diagramCoverage: { ...other.coverage, percent: coveragePercent(other.coverage.covered, other.coverage.applicable) },
  };
}
