import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";

/** The organization's model categories, for the list's filter. */
export async function listCategories(ctx: OrgContext): Promise<string[]> {
  requirePermission(ctx, "model.read");
  // groupBy is a GROUP BY in PostgreSQL; findMany's `distinct` would fetch every row first.
  const groups = await db().threatModel.groupBy({
    by: ["category"],
    where: { organizationId: ctx.organizationId, category: { not: "" } },
    orderBy: { category: "asc" },
  });
  return groups.map((g) => g.category);
}
