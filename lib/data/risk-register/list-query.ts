import "server-only";
import type { Impact, ImplementationStatus, Likelihood, Priority, StrideCategory, ThreatModelStatus } from "@/lib/domain/threat-model";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RiskSort, RiskView, TRiskList } from "@/lib/validation/dashboard";
import type { SortDirection } from "@/lib/validation/list-params";
import { modelHasStrideSql, modelWhere, threatWhere } from "../dashboard/scope";
import { acceptanceExpiredSql } from "../sql/acceptance";
import { mitigationOverdueSql } from "../sql/mitigation-overdue";
import { hasDraftInProgressSql, standingStatusSql, threatNotYetReviewedSql } from "../sql/model-standing";
import { openThreatSql } from "../sql/open-threat";
import { reviewOverdueSql } from "../sql/review-overdue";

// The risk register: the lists behind the dashboard's numbers (open threats, accepted risks,
// mitigations, models), each with the dashboard's filters, sorted and paged by PostgreSQL. One
// list's query is built here; listRisks reads a page of it, exportRisks all of it.

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

const DIRECTION: Record<SortDirection, Prisma.Sql> = { asc: Prisma.sql`ASC`, desc: Prisma.sql`DESC` };

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
    status: (d) => Prisma.sql`${standingStatusSql("m")} ${d}, lower(m.title)`,
    owner: (d) => Prisma.sql`lower(u.name) ${d} NULLS LAST, lower(m.title)`,
    nextReview: (d) => Prisma.sql`m."nextReviewDate" ${d} NULLS LAST, lower(m.title)`,
  },
};

function orderSql<V extends RiskView>(view: V, sort: string, dir: SortDirection, id: Prisma.Sql) {
  const keys = ORDER[view] as Record<string, (d: Prisma.Sql) => Prisma.Sql>;
  const key = keys[sort] ?? Object.values(keys)[0]!;
  return Prisma.sql`${key(DIRECTION[dir])}, ${id} ASC`;
}

/**
 * One view's list as parts: its columns, its FROM … WHERE, and its order. A page is
 * `SELECT columns FROM … ORDER BY … LIMIT`, so PostgreSQL keeps only the page's rows while sorting
 * (a top-N sort) and computes per-row subqueries for those rows only; the total is a plain count.
 */
export type ListParts = { columns: Prisma.Sql; from: Prisma.Sql; countFrom?: Prisma.Sql; order: Prisma.Sql };

export function listParts(organizationId: string, q: TRiskList, today: string): ListParts {
  switch (q.view) {
    case "threats": {
      const extra = [
        q.priority ? Prisma.sql`AND t.priority = ${q.priority}::"Priority"` : Prisma.empty,
        q.likelihood ? Prisma.sql`AND t.likelihood = ${q.likelihood}::"Likelihood"` : Prisma.empty,
        q.impact ? Prisma.sql`AND t.impact = ${q.impact}::"Impact"` : Prisma.empty,
      ];
      return {
        columns: Prisma.sql`t.id, t.title, t.category, t.likelihood, t.impact, t.priority, to_char(t."dueDate", 'YYYY-MM-DD') AS "dueDate",
               to_char(t."createdAt", 'YYYY-MM-DD') AS "createdAt", ${threatNotYetReviewedSql("t", "m")} AS "notYetReviewed",
               m.id AS "modelId", m.title AS "modelTitle", u.name AS "modelOwner"`,
        from: Prisma.sql`FROM "Threat" t JOIN "ThreatModel" m ON m.id = t."threatModelId" LEFT JOIN "User" u ON u.id = m."ownerId"
        WHERE ${threatWhere(organizationId, q)} ${Prisma.join(extra, " ")} AND ${openThreatSql(today)}`,
        order: orderSql("threats", q.sort, q.dir, Prisma.sql`t.id`),
      };
    }
    case "acceptances": {
      const stride = q.stride
        ? Prisma.sql`AND EXISTS (SELECT 1 FROM "Threat" t WHERE t.id = ra."threatId" AND t.category = ${q.stride}::"StrideCategory")`
        : Prisma.empty;
      return {
        columns: Prisma.sql`ra.id, ra."threatTitle", ra."riskOwner", ra.reason, to_char(ra."reviewDate", 'YYYY-MM-DD') AS "reviewDate",
               ${acceptanceExpiredSql("ra", today)} AS expired, to_char(ra."decidedAt", 'YYYY-MM-DD') AS "decidedAt", u.name AS "decidedBy",
               m.id AS "modelId", m.title AS "modelTitle"`,
        from: Prisma.sql`FROM "ResidualRiskAcceptance" ra JOIN "ThreatModel" m ON m.id = ra."threatModelId" LEFT JOIN "User" u ON u.id = ra."decidedById"
        WHERE ${modelWhere(organizationId, q)} ${modelHasStrideSql(q.stride)} ${stride}
          AND ra."organizationId" = ${organizationId} AND ra.status = 'ACCEPTED'
          ${q.expired ? Prisma.sql`AND ${acceptanceExpiredSql("ra", today)}` : Prisma.empty}`,
        order: orderSql("acceptances", q.sort, q.dir, Prisma.sql`ra.id`),
      };
    }
    case "mitigations": {
      const stride = q.stride
        ? Prisma.sql`AND EXISTS (SELECT 1 FROM "ThreatMitigation" tm JOIN "Threat" t ON t.id = tm."threatId" WHERE tm."mitigationId" = mi.id AND t.category = ${q.stride}::"StrideCategory")`
        : Prisma.empty;
      return {
        columns: Prisma.sql`mi.id, mi.title, mi.status, to_char(mi."dueDate", 'YYYY-MM-DD') AS "dueDate",
               ${mitigationOverdueSql("mi", today)} AS overdue, u.name AS "ownerName",
               (SELECT count(*)::int FROM "ThreatMitigation" tc WHERE tc."mitigationId" = mi.id) AS "threatCount",
               m.id AS "modelId", m.title AS "modelTitle"`,
        from: Prisma.sql`FROM "Mitigation" mi JOIN "ThreatModel" m ON m.id = mi."threatModelId" LEFT JOIN "User" u ON u.id = mi."ownerId"
        WHERE ${modelWhere(organizationId, q)} ${modelHasStrideSql(q.stride)} ${stride} AND mi."organizationId" = ${organizationId}
          ${q.overdue ? Prisma.sql`AND ${mitigationOverdueSql("mi", today)}` : Prisma.empty}`,
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
          ${q.overdue ? Prisma.sql`AND ${reviewOverdueSql("m", today)}` : Prisma.empty}
          ${q.revising ? Prisma.sql`AND ${hasDraftInProgressSql("m")}` : Prisma.empty}`;
      const columns = Prisma.sql`m.id, m.title, m.status, m.version, m."approvedVersion", m.category, u.name AS "ownerName", to_char(m."nextReviewDate", 'YYYY-MM-DD') AS "nextReviewDate",
               ${reviewOverdueSql("m", today)} AS "reviewOverdue"`;
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

export function pageSql(parts: ListParts, limit: number, offset: number) {
  return Prisma.sql`SELECT ${parts.columns} ${parts.from} ORDER BY ${parts.order} LIMIT ${limit} OFFSET ${offset}`;
}

export async function countRows(parts: ListParts) {
  const [row] = await db().$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${parts.countFrom ?? parts.from}`;
  return row?.total ?? 0;
}
