import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { RiskView, TRiskList } from "@/lib/validation/dashboard";
import { clockNow, type DashboardClock } from "../dashboard/clock";
import { countRows, listParts, pageSql, type RiskRowOf } from "./list-query";

/** The most rows an export writes; larger lists end with a note saying so. */
export const EXPORT_ROW_LIMIT = 50_000;
const EXPORT_CHUNK = 5_000;

/**
 * The whole of one drill-down list for an export, a chunk of rows at a time in the list's order
 * (never the whole list in memory), up to EXPORT_ROW_LIMIT rows, with the list's total.
 */
export async function* exportRisks(
  ctx: OrgContext,
  q: TRiskList,
  clock: DashboardClock = clockNow(),
): AsyncGenerator<{ rows: RiskRowOf[RiskView][]; total: number }> {
  requirePermission(ctx, "model.read");
  const parts = listParts(ctx.organizationId, q, clock.today);
  const total = await countRows(parts);
  for (let offset = 0; offset < Math.min(total, EXPORT_ROW_LIMIT); offset += EXPORT_CHUNK) {
    const rows = await db().$queryRaw<RiskRowOf[RiskView][]>(pageSql(parts, Math.min(EXPORT_CHUNK, EXPORT_ROW_LIMIT - offset), offset));
    if (rows.length === 0) return;
    yield { rows, total };
  }
}
