import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { RiskView, TRiskList } from "@/lib/validation/dashboard";
import { clockNow, type DashboardClock } from "../dashboard/clock";
import { countRows, listParts, pageSql, type RiskPage, type RiskRowOf } from "./list-query";

/** One page of a drill-down list, filtered and sorted by PostgreSQL, with the list's total. */
export async function listRisks(ctx: OrgContext, q: TRiskList, clock: DashboardClock = clockNow()): Promise<RiskPage> {
  requirePermission(ctx, "model.read");
  const parts = listParts(ctx.organizationId, q, clock.today);
  const [rows, total] = await Promise.all([db().$queryRaw<RiskRowOf[RiskView][]>(pageSql(parts, q.pageSize, (q.page - 1) * q.pageSize)), countRows(parts)]);
  return { view: q.view, rows, total } as RiskPage;
}
