import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { ThreatModelStatus } from "@/lib/domain/threat-model";

/** How many of the organization's models are in each stored status. */
export async function countThreatModelsByStatus(ctx: OrgContext) {
  requirePermission(ctx, "model.read");
  const groups = await db().threatModel.groupBy({ by: ["status"], where: { organizationId: ctx.organizationId }, _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Partial<Record<ThreatModelStatus, number>>;
}
