import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";

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
