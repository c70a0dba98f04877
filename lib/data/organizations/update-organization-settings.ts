import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { TOrganizationSettings } from "@/lib/validation/organization";
import { actedBy, recordAuditEvent } from "../audit";
import { ORGANIZATION_SETTINGS } from "./get-organization-settings";

export async function updateOrganizationSettings(ctx: OrgContext, input: TOrganizationSettings) {
  requirePermission(ctx, "org.update");
  return db().$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({
      where: { id: ctx.organizationId },
      select: ORGANIZATION_SETTINGS,
    });
    const after = await tx.organization.update({
      where: { id: ctx.organizationId },
      data: input,
      select: ORGANIZATION_SETTINGS,
    });
    const changed = Object.fromEntries(
      (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]).map((k) => [k, { from: before[k], to: after[k] }]),
    );
    await recordAuditEvent(tx, actedBy(ctx), "organization.settings-updated", { type: "organization", id: ctx.organizationId }, changed);
    return after;
  });
}
