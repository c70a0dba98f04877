import type { StrideCategory } from "@/lib/domain/threat-model";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TDashboardFilters } from "@/lib/validation/dashboard";
import { countsAsOpenRiskSql, standingStatusSql } from "../sql/model-standing";

// The dashboard's filters as SQL, shared by its figures, the risk register behind them and the
// daily snapshots. Archived models count for nothing unless the status filter asks for them, and
// a model with an approved revision and a draft in progress counts as approved
// (lib/domain/model-standing.ts).

/**
 * The model filters on a model aliased `m`, always inside the caller's organization. A status
 * filter matches the status a model is counted under (Approved with a draft in progress); without
 * one, archived models are left out, unless `everyStatus` keeps them (the models-by-status panel).
 */
export function modelWhere(organizationId: string, f: TDashboardFilters & { model?: string }, options: { everyStatus?: boolean } = {}) {
  const conditions = [Prisma.sql`m."organizationId" = ${organizationId}`];
  if (f.status) conditions.push(Prisma.sql`${standingStatusSql("m")} = ${f.status}::"ThreatModelStatus"`);
  else if (!options.everyStatus) conditions.push(countsAsOpenRiskSql("m"));
  if (f.owner) conditions.push(Prisma.sql`m."ownerId" = ${f.owner}`);
  if (f.category) conditions.push(Prisma.sql`m.category = ${f.category}`);
  if (f.model) conditions.push(Prisma.sql`m.id = ${f.model}`);
  return Prisma.join(conditions, " AND ");
}

/** With a STRIDE filter, a model counts when it has a threat of that category. */
export function modelHasStrideSql(stride: StrideCategory | undefined) {
  return stride
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "Threat" st WHERE st."threatModelId" = m.id AND st.category = ${stride}::"StrideCategory")`
    : Prisma.empty;
}

/** The filters on a threat aliased `t` (of a model aliased `m`). */
export function threatWhere(organizationId: string, f: TDashboardFilters & { model?: string }) {
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
    narrowLinks:
      f.status || f.owner || f.category || f.stride ? Prisma.sql`AND tm."threatId" IN (SELECT t.id FROM "Threat" t ${join} WHERE ${where})` : Prisma.empty,
  };
}
