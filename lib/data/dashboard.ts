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
import { today } from "@/lib/domain/calendar";
import { countsAsOpenRiskSql, hasDraftInProgressSql, standingStatusSql, threatNotYetReviewedSql } from "@/lib/domain/model-standing";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RiskSort, RiskSortDirection, RiskView, TDashboardFilters, TRiskList } from "@/lib/validation/dashboard";
// One definition of an open threat, shared with the models list.
import { openThreatSql } from "./threat-models";

// The residual-risk dashboard and the lists behind its numbers. Everything is counted by
// PostgreSQL in a few grouped statements; no list of threats or mitigations is loaded into Node.
//
// A threat is open unless a linked mitigation is Implemented or an Accepted residual-risk
// acceptance on it holds until a review date that has not passed (the models list's definition).
// Archived models count for nothing unless the status filter asks for them, and a model with an
// approved revision and a draft in progress counts as approved (lib/domain/model-standing.ts).

/** Calendar "today" (UTC, as calendar dates are stored) and the moment the trend ends at. */
export type DashboardClock = { today: string; now: Date };

export function clockNow(): DashboardClock {
  const now = new Date();
  return { today: today(now), now };
}

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
};

/** How many rows each short list on the dashboard shows; the full lists are a click away. */
export const DASHBOARD_LIST_SIZE = 10;
/** The recorded trend's length (lib/data/risk-snapshots.ts). */
export const TREND_WEEKS = 12;

const zeroPriorities = (): PriorityCounts => ({ CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0 });
const grid = <K extends string, V extends string>(rows: readonly K[], cols: readonly V[]) =>
  Object.fromEntries(rows.map((r) => [r, Object.fromEntries(cols.map((c) => [c, 0]))])) as Record<K, Record<V, number>>;

// ─── Shared SQL fragments ────────────────────────────────────────────────────────────────

/**
 * The model filters on a model aliased `m`, always inside the caller's organization. A status
 * filter matches the status a model is counted under (Approved with a draft in progress); without
 * one, archived models are left out, unless `everyStatus` keeps them (the models-by-status panel).
 */
function modelWhere(organizationId: string, f: TDashboardFilters & { model?: string }, options: { everyStatus?: boolean } = {}) {
  const conditions = [Prisma.sql`m."organizationId" = ${organizationId}`];
  if (f.status) conditions.push(Prisma.sql`${Prisma.raw(standingStatusSql("m"))} = ${f.status}::"ThreatModelStatus"`);
  else if (!options.everyStatus) conditions.push(Prisma.raw(countsAsOpenRiskSql("m")));
  if (f.owner) conditions.push(Prisma.sql`m."ownerId" = ${f.owner}`);
  if (f.category) conditions.push(Prisma.sql`m.category = ${f.category}`);
  if (f.model) conditions.push(Prisma.sql`m.id = ${f.model}`);
  return Prisma.join(conditions, " AND ");
}

/** With a STRIDE filter, a model counts when it has a threat of that category. */
function modelHasStrideSql(stride: StrideCategory | undefined) {
  return stride
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "Threat" st WHERE st."threatModelId" = m.id AND st.category = ${stride}::"StrideCategory")`
    : Prisma.empty;
}

/** The filters on a threat aliased `t` (of a model aliased `m`). */
function threatWhere(organizationId: string, f: TDashboardFilters & { model?: string }) {
  const conditions = [modelWhere(organizationId, f), Prisma.sql`t."organizationId" = ${organizationId}`];
  if (f.stride) conditions.push(Prisma.sql`t.category = ${f.stride}::"StrideCategory"`);
  return Prisma.join(conditions, " AND ");
}


/** The model filters of a threat aliased `t`; its model is always joined, since archived ones never count by default. */
export function threatScope(organizationId: string, f: TDashboardFilters) {
  const where = threatWhere(organizationId, f);
  const join = Prisma.sql`JOIN "ThreatModel" m ON m.id = t."threatModelId"`;
  return {
    join,
    where,
    // A filter that leaves a few models also leaves few mitigation links to look at; without one,
    // covers of archived models' threats are computed and then simply not joined.
    narrowLinks: f.status || f.owner || f.category || f.stride ? Prisma.sql`AND tm."threatId" IN (SELECT t.id FROM "Threat" t ${join} WHERE ${where})` : Prisma.empty,
  };
}

type ThreatAggregates = {
  groups: { g: string; priority: Priority | null; likelihood: Likelihood | null; impact: Impact | null; category: StrideCategory | null; n: number }[] | null;
  top: TopModel[] | null;
};

/**
 * The threat statement: every count over the filtered threats in one grouped pass.
 *
 * `cover` holds the threats something covers now (an Implemented mitigation or an in-date
 * accepted acceptance); a threat without a cover row is open. The covering rows are grouped once
 * and hash-joined, far cheaper than a lookup per threat at 100,000 threats. The trend is not
 * here: it is recorded day by day (lib/data/risk-snapshots.ts).
 */
function threatAggregatesSql(organizationId: string, f: TDashboardFilters, clock: DashboardClock) {
  const scope = threatScope(organizationId, f);
  return Prisma.sql`
    WITH cover AS (
      SELECT c."threatId"
      FROM (
        SELECT tm."threatId"
        FROM "ThreatMitigation" tm JOIN "Mitigation" mi ON mi.id = tm."mitigationId"
        WHERE mi."organizationId" = ${organizationId} AND mi.status = 'IMPLEMENTED' ${scope.narrowLinks}
        UNION ALL
        SELECT ra."threatId"
        FROM "ResidualRiskAcceptance" ra JOIN "Threat" rt ON rt.id = ra."threatId" AND rt."threatModelId" = ra."threatModelId"
        WHERE ra."organizationId" = ${organizationId} AND ra.status = 'ACCEPTED' AND ra."reviewDate" >= ${clock.today}::date
      ) c
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
};

/** Models, acceptances, overdue mitigations and STRIDE ratings: small tables, one statement. */
function otherAggregatesSql(organizationId: string, f: TDashboardFilters, today: string) {
  const strideThreat = f.stride ? Prisma.sql`JOIN "Threat" t ON t.id = ra."threatId" AND t.category = ${f.stride}::"StrideCategory"` : Prisma.empty;
  const strideMitigation = f.stride
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "ThreatMitigation" tm JOIN "Threat" t ON t.id = tm."threatId" WHERE tm."mitigationId" = mi.id AND t.category = ${f.stride}::"StrideCategory")`
    : Prisma.empty;
  return Prisma.sql`
    WITH fm AS MATERIALIZED (
      SELECT m.id, m.title, m.status, m."nextReviewDate", m."ownerId", ${Prisma.raw(hasDraftInProgressSql("m"))} AS drafting FROM "ThreatModel" m
      WHERE ${modelWhere(organizationId, f)} ${modelHasStrideSql(f.stride)}
    ),
    statuses AS (
      SELECT ${Prisma.raw(standingStatusSql("m"))} AS status, count(*)::int AS n FROM "ThreatModel" m
      WHERE ${modelWhere(organizationId, f, { everyStatus: true })} ${modelHasStrideSql(f.stride)}
      GROUP BY 1
    ),
    reviews AS (SELECT * FROM fm WHERE "nextReviewDate" < ${today}::date AND status <> 'ARCHIVED'),
    acc AS (
      SELECT ra.id, ra."threatId", ra."threatTitle", ra."riskOwner", ra."reviewDate", fm.id AS "modelId", fm.title AS "modelTitle"
      FROM "ResidualRiskAcceptance" ra JOIN fm ON fm.id = ra."threatModelId" ${strideThreat}
      WHERE ra."organizationId" = ${organizationId} AND ra.status = 'ACCEPTED'
    ),
    mit AS (
      SELECT mi.id, mi.title, mi."dueDate", mi."threatModelId"
      FROM "Mitigation" mi JOIN fm ON fm.id = mi."threatModelId"
      WHERE mi."organizationId" = ${organizationId} AND mi.status <> 'IMPLEMENTED' AND mi."dueDate" < ${today}::date ${strideMitigation}
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
      (SELECT count(*)::int FROM reviews) AS reviews_total,
      (SELECT json_agg(r) FROM (
         SELECT reviews.id, reviews.title, to_char(reviews."nextReviewDate", 'YYYY-MM-DD') AS "nextReviewDate", u.name AS "ownerName"
         FROM reviews LEFT JOIN "User" u ON u.id = reviews."ownerId"
         ORDER BY reviews."nextReviewDate", lower(reviews.title), reviews.id LIMIT ${DASHBOARD_LIST_SIZE}) r) AS reviews,
      (SELECT count(*)::int FROM acc) AS acceptances_total,
      (SELECT count(*)::int FROM acc WHERE "reviewDate" < ${today}::date) AS acceptances_expired,
      (SELECT json_agg(a) FROM (
         SELECT acc.id, acc."threatId", acc."threatTitle", acc."riskOwner", to_char(acc."reviewDate", 'YYYY-MM-DD') AS "reviewDate",
                acc."reviewDate" < ${today}::date AS expired, acc."modelId", acc."modelTitle"
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
    db().$transaction([db().$queryRaw`SELECT set_config('work_mem', '16MB', true), set_config('jit', 'off', true)`, db().$queryRaw<ThreatAggregates[]>(threatAggregatesSql(ctx.organizationId, filters, clock))]),
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
  };
}

// ─── Drill-down lists ────────────────────────────────────────────────────────────────────

export type RiskThreatRow = {
  id: string;
  title: string;
  category: StrideCategory;
  likelihood: Likelihood;
  impact: Impact;
  priority: Priority;
  dueDate: string | null;
  createdAt: string;
  /** Added after its model's last approval, or its model was never approved. */
  notYetReviewed: boolean;
  modelId: string;
  modelTitle: string;
  modelOwner: string | null;
};
export type RiskAcceptanceRow = {
  id: string;
  threatTitle: string;
  riskOwner: string;
  reason: string;
  reviewDate: string;
  expired: boolean;
  decidedAt: string | null;
  decidedBy: string | null;
  modelId: string;
  modelTitle: string;
};
export type RiskMitigationRow = {
  id: string;
  title: string;
  status: ImplementationStatus;
  dueDate: string | null;
  overdue: boolean;
  ownerName: string | null;
  threatCount: number;
  modelId: string;
  modelTitle: string;
};
export type RiskModelRow = {
  id: string;
  title: string;
  status: ThreatModelStatus;
  version: string;
  approvedVersion: string | null;
  category: string;
  ownerName: string | null;
  nextReviewDate: string | null;
  reviewOverdue: boolean;
  critical: number;
  high: number;
};
export type RiskRowOf = { threats: RiskThreatRow; acceptances: RiskAcceptanceRow; mitigations: RiskMitigationRow; models: RiskModelRow };
export type RiskPage = { [V in RiskView]: { view: V; rows: RiskRowOf[V][]; total: number } }[RiskView];

const DIRECTION: Record<RiskSortDirection, Prisma.Sql> = { asc: Prisma.sql`ASC`, desc: Prisma.sql`DESC` };

/** Only these fixed fragments reach ORDER BY; the URL's value just picks one. Ties end on the id. */
const ORDER: { [V in RiskView]: Record<RiskSort<V>, (d: Prisma.Sql) => Prisma.Sql> } = {
  threats: {
    priority: (d) => Prisma.sql`t.priority ${d}, t."dueDate" ASC NULLS LAST, lower(t.title)`,
    title: (d) => Prisma.sql`lower(t.title) ${d}`,
    model: (d) => Prisma.sql`lower(m.title) ${d}, t.priority`,
    category: (d) => Prisma.sql`t.category ${d}, t.priority`,
    dueDate: (d) => Prisma.sql`t."dueDate" ${d} NULLS LAST, t.priority`,
    created: (d) => Prisma.sql`t."createdAt" ${d}`,
  },
  acceptances: {
    reviewDate: (d) => Prisma.sql`ra."reviewDate" ${d}, lower(ra."threatTitle")`,
    threat: (d) => Prisma.sql`lower(ra."threatTitle") ${d}`,
    model: (d) => Prisma.sql`lower(m.title) ${d}, ra."reviewDate"`,
    riskOwner: (d) => Prisma.sql`lower(ra."riskOwner") ${d}, ra."reviewDate"`,
    decided: (d) => Prisma.sql`ra."decidedAt" ${d} NULLS LAST`,
  },
  mitigations: {
    dueDate: (d) => Prisma.sql`mi."dueDate" ${d} NULLS LAST, lower(mi.title)`,
    title: (d) => Prisma.sql`lower(mi.title) ${d}`,
    model: (d) => Prisma.sql`lower(m.title) ${d}, mi."dueDate" NULLS LAST`,
    owner: (d) => Prisma.sql`lower(u.name) ${d} NULLS LAST, mi."dueDate" NULLS LAST`,
    status: (d) => Prisma.sql`mi.status ${d}, mi."dueDate" NULLS LAST`,
  },
  models: {
    openCritical: (d) => Prisma.sql`coalesce(oc.critical, 0) ${d}, coalesce(oc.high, 0) ${d}, lower(m.title)`,
    title: (d) => Prisma.sql`lower(m.title) ${d}`,
    status: (d) => Prisma.sql`${Prisma.raw(standingStatusSql("m"))} ${d}, lower(m.title)`,
    owner: (d) => Prisma.sql`lower(u.name) ${d} NULLS LAST, lower(m.title)`,
    nextReview: (d) => Prisma.sql`m."nextReviewDate" ${d} NULLS LAST, lower(m.title)`,
  },
};

function orderSql<V extends RiskView>(view: V, sort: string, dir: RiskSortDirection, id: Prisma.Sql) {
  const keys = ORDER[view] as Record<string, (d: Prisma.Sql) => Prisma.Sql>;
  const key = keys[sort] ?? Object.values(keys)[0]!;
  return Prisma.sql`${key(DIRECTION[dir])}, ${id} ASC`;
}

/**
 * One view's list as parts: its columns, its FROM … WHERE, and its order. A page is
 * `SELECT columns FROM … ORDER BY … LIMIT`, so PostgreSQL keeps only the page's rows while sorting
 * (a top-N sort) and computes per-row subqueries for those rows only; the total is a plain count.
 */
type ListParts = { columns: Prisma.Sql; from: Prisma.Sql; countFrom?: Prisma.Sql; order: Prisma.Sql };

function listParts(organizationId: string, q: TRiskList, today: string): ListParts {
  switch (q.view) {
    case "threats": {
      const extra = [
        q.priority ? Prisma.sql`AND t.priority = ${q.priority}::"Priority"` : Prisma.empty,
        q.likelihood ? Prisma.sql`AND t.likelihood = ${q.likelihood}::"Likelihood"` : Prisma.empty,
        q.impact ? Prisma.sql`AND t.impact = ${q.impact}::"Impact"` : Prisma.empty,
      ];
      return {
        columns: Prisma.sql`t.id, t.title, t.category, t.likelihood, t.impact, t.priority, to_char(t."dueDate", 'YYYY-MM-DD') AS "dueDate",
               to_char(t."createdAt", 'YYYY-MM-DD') AS "createdAt", ${Prisma.raw(threatNotYetReviewedSql("t", "m"))} AS "notYetReviewed",
               m.id AS "modelId", m.title AS "modelTitle", u.name AS "modelOwner"`,
        from: Prisma.sql`FROM "Threat" t JOIN "ThreatModel" m ON m.id = t."threatModelId" LEFT JOIN "User" u ON u.id = m."ownerId"
        WHERE ${threatWhere(organizationId, q)} ${Prisma.join(extra, " ")} AND ${openThreatSql(today)}`,
        order: orderSql("threats", q.sort, q.dir, Prisma.sql`t.id`),
      };
    }
    case "acceptances": {
      const stride = q.stride ? Prisma.sql`AND EXISTS (SELECT 1 FROM "Threat" t WHERE t.id = ra."threatId" AND t.category = ${q.stride}::"StrideCategory")` : Prisma.empty;
      return {
        columns: Prisma.sql`ra.id, ra."threatTitle", ra."riskOwner", ra.reason, to_char(ra."reviewDate", 'YYYY-MM-DD') AS "reviewDate",
               ra."reviewDate" < ${today}::date AS expired, to_char(ra."decidedAt", 'YYYY-MM-DD') AS "decidedAt", u.name AS "decidedBy",
               m.id AS "modelId", m.title AS "modelTitle"`,
        from: Prisma.sql`FROM "ResidualRiskAcceptance" ra JOIN "ThreatModel" m ON m.id = ra."threatModelId" LEFT JOIN "User" u ON u.id = ra."decidedById"
        WHERE ${modelWhere(organizationId, q)} ${modelHasStrideSql(q.stride)} ${stride}
          AND ra."organizationId" = ${organizationId} AND ra.status = 'ACCEPTED'
          ${q.expired ? Prisma.sql`AND ra."reviewDate" < ${today}::date` : Prisma.empty}`,
        order: orderSql("acceptances", q.sort, q.dir, Prisma.sql`ra.id`),
      };
    }
    case "mitigations": {
      const stride = q.stride
        ? Prisma.sql`AND EXISTS (SELECT 1 FROM "ThreatMitigation" tm JOIN "Threat" t ON t.id = tm."threatId" WHERE tm."mitigationId" = mi.id AND t.category = ${q.stride}::"StrideCategory")`
        : Prisma.empty;
      return {
        columns: Prisma.sql`mi.id, mi.title, mi.status, to_char(mi."dueDate", 'YYYY-MM-DD') AS "dueDate",
               (mi."dueDate" < ${today}::date AND mi.status <> 'IMPLEMENTED') AS overdue, u.name AS "ownerName",
               (SELECT count(*)::int FROM "ThreatMitigation" tc WHERE tc."mitigationId" = mi.id) AS "threatCount",
               m.id AS "modelId", m.title AS "modelTitle"`,
        from: Prisma.sql`FROM "Mitigation" mi JOIN "ThreatModel" m ON m.id = mi."threatModelId" LEFT JOIN "User" u ON u.id = mi."ownerId"
        WHERE ${modelWhere(organizationId, q)} ${modelHasStrideSql(q.stride)} ${stride} AND mi."organizationId" = ${organizationId}
          ${q.overdue ? Prisma.sql`AND mi."dueDate" < ${today}::date AND mi.status <> 'IMPLEMENTED'` : Prisma.empty}`,
        order: orderSql("mitigations", q.sort, q.dir, Prisma.sql`mi.id`),
      };
    }
    case "models": {
      // A rating narrows to the models that rate the STRIDE category so; otherwise the STRIDE
      // filter keeps the models with a threat of that category, as on the dashboard.
      const stride =
        q.rating && q.stride
          ? Prisma.sql`AND EXISTS (SELECT 1 FROM "StrideAssessment" sa WHERE sa."threatModelId" = m.id AND sa.category = ${q.stride}::"StrideCategory" AND sa."residualRisk" = ${q.rating}::"RiskRating")`
          : modelHasStrideSql(q.stride);
      const strideThreats = q.stride ? Prisma.sql`AND t.category = ${q.stride}::"StrideCategory"` : Prisma.empty;
      const where = Prisma.sql`WHERE ${modelWhere(organizationId, q)} ${stride}
          ${q.overdue ? Prisma.sql`AND m."nextReviewDate" < ${today}::date AND m.status <> 'ARCHIVED'` : Prisma.empty}
          ${q.revising ? Prisma.sql`AND ${Prisma.raw(hasDraftInProgressSql("m"))}` : Prisma.empty}`;
      const columns = Prisma.sql`m.id, m.title, m.status, m.version, m."approvedVersion", m.category, u.name AS "ownerName", to_char(m."nextReviewDate", 'YYYY-MM-DD') AS "nextReviewDate",
               (m."nextReviewDate" < ${today}::date AND m.status <> 'ARCHIVED') AS "reviewOverdue"`;
      const countFrom = Prisma.sql`FROM "ThreatModel" m ${where}`;
      if (q.sort === "openCritical") {
        // Sorting by the counts needs them for every model: one grouped pass over the open threats.
        return {
          columns: Prisma.sql`${columns}, coalesce(oc.critical, 0)::int AS critical, coalesce(oc.high, 0)::int AS high`,
          from: Prisma.sql`FROM "ThreatModel" m LEFT JOIN "User" u ON u.id = m."ownerId"
          LEFT JOIN (
            SELECT t."threatModelId" AS model_id, count(*) FILTER (WHERE t.priority = 'CRITICAL') AS critical, count(*) FILTER (WHERE t.priority = 'HIGH') AS high
            FROM "Threat" t
            WHERE t."organizationId" = ${organizationId} AND t.priority IN ('CRITICAL', 'HIGH') ${strideThreats} AND ${openThreatSql(today)}
            GROUP BY t."threatModelId"
          ) oc ON oc.model_id = m.id
          ${where}`,
          countFrom,
          order: orderSql("models", q.sort, q.dir, Prisma.sql`m.id`),
        };
      }
      const openCount = (priority: "CRITICAL" | "HIGH") =>
        Prisma.sql`(SELECT count(*)::int FROM "Threat" t WHERE t."threatModelId" = m.id AND t.priority = ${priority}::"Priority" ${strideThreats} AND ${openThreatSql(today)})`;
      return {
        columns: Prisma.sql`${columns}, ${openCount("CRITICAL")} AS critical, ${openCount("HIGH")} AS high`,
        from: Prisma.sql`FROM "ThreatModel" m LEFT JOIN "User" u ON u.id = m."ownerId" ${where}`,
        countFrom,
        order: orderSql("models", q.sort, q.dir, Prisma.sql`m.id`),
      };
    }
  }
}

function pageSql(parts: ListParts, limit: number, offset: number) {
  return Prisma.sql`SELECT ${parts.columns} ${parts.from} ORDER BY ${parts.order} LIMIT ${limit} OFFSET ${offset}`;
}

async function countRows(parts: ListParts) {
  const [row] = await db().$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${parts.countFrom ?? parts.from}`;
  return row?.total ?? 0;
}

/** One page of a drill-down list, filtered and sorted by PostgreSQL, with the list's total. */
export async function listRisks(ctx: OrgContext, q: TRiskList, clock: DashboardClock = clockNow()): Promise<RiskPage> {
  requirePermission(ctx, "model.read");
  const parts = listParts(ctx.organizationId, q, clock.today);
  const [rows, total] = await Promise.all([db().$queryRaw<RiskRowOf[RiskView][]>(pageSql(parts, q.pageSize, (q.page - 1) * q.pageSize)), countRows(parts)]);
  return { view: q.view, rows, total } as RiskPage;
}

/** The most rows an export writes; larger lists end with a note saying so. */
export const EXPORT_ROW_LIMIT = 50_000;
const EXPORT_CHUNK = 5_000;

/**
 * The whole of one drill-down list for an export, a chunk of rows at a time in the list's order
 * (never the whole list in memory), up to EXPORT_ROW_LIMIT rows, with the list's total.
 */
export async function* exportRisks(ctx: OrgContext, q: TRiskList, clock: DashboardClock = clockNow()): AsyncGenerator<{ rows: RiskRowOf[RiskView][]; total: number }> {
  requirePermission(ctx, "model.read");
  const parts = listParts(ctx.organizationId, q, clock.today);
  const total = await countRows(parts);
  for (let offset = 0; offset < Math.min(total, EXPORT_ROW_LIMIT); offset += EXPORT_CHUNK) {
    const rows = await db().$queryRaw<RiskRowOf[RiskView][]>(pageSql(parts, Math.min(EXPORT_CHUNK, EXPORT_ROW_LIMIT - offset), offset));
    if (rows.length === 0) return;
    yield { rows, total };
  }
}

/** The organization's model categories and model owners, for the filters. */
export async function dashboardFilterOptions(ctx: OrgContext): Promise<{ categories: string[]; owners: { id: string; name: string }[] }> {
  requirePermission(ctx, "model.read");
  const [categories, owners] = await Promise.all([
    db().$queryRaw<{ category: string }[]>`
      SELECT DISTINCT category FROM "ThreatModel" WHERE "organizationId" = ${ctx.organizationId} AND category <> '' ORDER BY category`,
    db().$queryRaw<{ id: string; name: string }[]>`
      SELECT u.id, u.name FROM "User" u
      WHERE EXISTS (SELECT 1 FROM "Membership" ms WHERE ms."userId" = u.id AND ms."organizationId" = ${ctx.organizationId})
        AND EXISTS (SELECT 1 FROM "ThreatModel" m WHERE m."ownerId" = u.id AND m."organizationId" = ${ctx.organizationId})
      ORDER BY u.name, u.id`,
  ]);
  return { categories: categories.map((c) => c.category), owners };
}
