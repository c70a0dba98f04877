import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";

/** Members who own at least one of the organization's models, for the list's owner filter. */
export async function listOwners(ctx: OrgContext): Promise<{ id: string; name: string }[]> {
  requirePermission(ctx, "model.read");
  return db().user.findMany({
    where: {
      memberships: { some: { organizationId: ctx.organizationId } },
      threatModelsOwned: { some: { organizationId: ctx.organizationId } },
    },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
