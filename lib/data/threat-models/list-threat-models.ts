import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import { standingStatusSql } from "../sql/model-standing";
import { isReviewOverdue } from "@/lib/domain/review-overdue";
import type { Priority } from "@/lib/domain/threat-model";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SortDirection } from "@/lib/validation/list-params";
import { DEFAULT_SORT_DIRECTION, type ModelSort, type TListThreatModels } from "@/lib/validation/threat-model";
import { openThreatSql } from "../sql/open-threat";
import { today } from "@/lib/domain/calendar";

/** Open threats of a model per priority (lib/domain/open-threat.ts). */
export type OpenThreatCounts = Record<Priority, number>;

export type ThreatModelListRow = {
  id: string;
  title: string;
  featureName: string;
  version: string;
  status: ThreatModelDocument["status"];
  /** The last approved version, kept while the next revision is in progress. */
  approvedVersion: string | null;
  ownerId: string | null;
  ownerName: string | null;
  ownerTeam: string;
  category: string;
  nextReviewDate: Date | null;
  /** Past its next review date (see `isReviewOverdue`). */
  reviewOverdue: boolean;
  updatedAt: Date;
  threatCount: number;
  openThreats: OpenThreatCounts;
};

/** The list's filters; sort, direction and the filters are optional for callers like the dashboard. */
export type ThreatModelListQuery = Pick<TListThreatModels, "page" | "pageSize"> & Partial<Omit<TListThreatModels, "page" | "pageSize">>;

/** Today's date (UTC, as calendar dates are stored), for "is this acceptance still in force". */
function todayYmd() {
  return today();
}

/** `%` and `_` typed by the user are searched for literally, as Prisma's `contains` does. */
function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function listWhereSql(organizationId: string, filters: ThreatModelListQuery) {
  const conditions = [Prisma.sql`m."organizationId" = ${organizationId}`];
  // "Approved" finds the approved models whose next revision is in progress too, as they are counted.
  if (filters.status) conditions.push(Prisma.sql`${standingStatusSql("m")} = ${filters.status}::"ThreatModelStatus"`);
  if (filters.owner) conditions.push(Prisma.sql`m."ownerId" = ${filters.owner}`);
  if (filters.category) conditions.push(Prisma.sql`m.category = ${filters.category}`);
  if (filters.q) {
    const pattern = likePattern(filters.q);
    conditions.push(Prisma.sql`(m.title ILIKE ${pattern} OR m."featureName" ILIKE ${pattern})`);
  }
  return Prisma.join(conditions, " AND ");
}

// Only these fixed fragments are ever spliced into ORDER BY; the user's choice just picks one.
const DIRECTION_SQL: Record<SortDirection, Prisma.Sql> = { asc: Prisma.sql`ASC`, desc: Prisma.sql`DESC` };
/** "1.10.0" after "1.9.2": the leading dotted numbers as a numeric array; null when there are none. */
const VERSION_KEY_SQL = Prisma.sql`string_to_array(substring(m.version from '^[vV]?([0-9]+([.][0-9]+)*)'), '.')::numeric[]`;

function orderBySql(sort: ModelSort, direction: SortDirection) {
  const d = DIRECTION_SQL[direction];
  const keys: Record<ModelSort, Prisma.Sql> = {
    title: Prisma.sql`lower(m.title) ${d}, m.title ${d}`,
    // The enum's own order is the workflow's: draft, in review, changes requested, approved, archived.
    status: Prisma.sql`${standingStatusSql("m")} ${d}`,
    version: Prisma.sql`${VERSION_KEY_SQL} ${d} NULLS LAST, m.version ${d}`,
    owner: Prisma.sql`lower(u.name) ${d} NULLS LAST`,
    nextReview: Prisma.sql`m."nextReviewDate" ${d} NULLS LAST`,
    updated: Prisma.sql`m."updatedAt" ${d}`,
    openCritical: Prisma.sql`oc.critical ${d}, oc.high ${d}`,
    openHigh: Prisma.sql`oc.high ${d}, oc.critical ${d}`,
  };
  // Ties broken the same way every time, so a row never shows on two pages.
  return Prisma.sql`${keys[sort]}, m."updatedAt" DESC, m.id ASC`;
}

/**
 * One page of the organization's models, filtered and sorted in PostgreSQL, each with its open
 * threats per priority. Four queries whatever the page size: the total and the page's ids
 * (ordered), then the rows and the open counts of just those ids.
 */
export async function listThreatModels(ctx: OrgContext, filters: ThreatModelListQuery) {
  requirePermission(ctx, "model.read");
  const sort = filters.sort ?? "updated";
  const direction = filters.dir ?? DEFAULT_SORT_DIRECTION[sort];
  const today = todayYmd();
  const where = listWhereSql(ctx.organizationId, filters);
  // Sorting by open counts needs them for every filtered model, not only the page's.
  const countsJoin =
    sort === "openCritical" || sort === "openHigh"
      ? Prisma.sql`CROSS JOIN LATERAL (
          SELECT count(*) FILTER (WHERE t.priority = 'CRITICAL') AS critical,
                 count(*) FILTER (WHERE t.priority = 'HIGH') AS high
          FROM "Threat" t
          WHERE t."threatModelId" = m.id AND ${openThreatSql(today)}
        ) oc`
      : Prisma.empty;
  const ownerJoin = sort === "owner" ? Prisma.sql`LEFT JOIN "User" u ON u.id = m."ownerId"` : Prisma.empty;

  const [[totalRow], idRows] = await Promise.all([
    db().$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "ThreatModel" m WHERE ${where}`,
    db().$queryRaw<{ id: string }[]>`
      SELECT m.id FROM "ThreatModel" m ${ownerJoin} ${countsJoin}
      WHERE ${where}
      ORDER BY ${orderBySql(sort, direction)}
      LIMIT ${filters.pageSize} OFFSET ${(filters.page - 1) * filters.pageSize}`,
  ]);
  const ids = idRows.map((r) => r.id);
  const [rows, open] = await Promise.all([
    db().threatModel.findMany({
      where: { id: { in: ids }, organizationId: ctx.organizationId },
      select: {
        id: true,
        title: true,
        featureName: true,
        version: true,
        status: true,
        approvedVersion: true,
        ownerId: true,
        ownerTeam: true,
        category: true,
        nextReviewDate: true,
        updatedAt: true,
        owner: { select: { name: true } },
        _count: { select: { threats: true } },
      },
    }),
    countOpenThreats(ctx.organizationId, ids, today),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items: ThreatModelListRow[] = ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return []; // deleted between the two queries
    const { owner, _count, ...r } = row;
    const reviewOverdue = isReviewOverdue(r, today);
    return [{ ...r, ownerName: owner?.name ?? null, reviewOverdue, threatCount: _count.threats, openThreats: open.get(id) ?? zeroCounts() }];
  });
  return { items, total: totalRow?.total ?? 0, page: filters.page, pageSize: filters.pageSize, sort, dir: direction };
}

function zeroCounts(): OpenThreatCounts {
  return { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0 };
}

/** Open threats per priority of the given models, counted by PostgreSQL in one grouped query. */
async function countOpenThreats(organizationId: string, modelIds: string[], today: string) {
  const counts = new Map<string, OpenThreatCounts>();
  if (modelIds.length === 0) return counts;
  const rows = await db().$queryRaw<{ threatModelId: string; critical: number; high: number; medium: number; low: number }[]>`
    SELECT t."threatModelId" AS "threatModelId",
           count(*) FILTER (WHERE t.priority = 'CRITICAL')::int AS critical,
           count(*) FILTER (WHERE t.priority = 'HIGH')::int AS high,
           count(*) FILTER (WHERE t.priority = 'MEDIUM')::int AS medium,
           count(*) FILTER (WHERE t.priority = 'LOW')::int AS low
    FROM "Threat" t
    WHERE t."organizationId" = ${organizationId}
      AND t."threatModelId" IN (${Prisma.join(modelIds)})
      AND ${openThreatSql(today)}
    GROUP BY t."threatModelId"`;
  for (const r of rows) counts.set(r.threatModelId, { CRITICAL: r.critical, HIGH: r.high, MEDIUM: r.medium, LOW: r.low });
  return counts;
}
