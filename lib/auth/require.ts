import type { OrgContext } from "./context";
import { can, type Permission } from "./permissions";
import { ForbiddenError } from "@/lib/errors";

/** Throws unless the member's role grants the permission. Used by actions, routes, pages and lib/data alike. */
export function requirePermission(ctx: Pick<OrgContext, "role">, permission: Permission): void {
  if (!can(ctx.role, permission)) throw new ForbiddenError();
}
