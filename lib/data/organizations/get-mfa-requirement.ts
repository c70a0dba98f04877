import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { countMembersWithoutFactor } from "../members/count-members-without-factor";
import type { MfaRequirement } from "./set-mfa-requirement";

/** Whether the organization requires two-step sign-in, and how many members have no factor yet. */
export async function getMfaRequirement(ctx: OrgContext): Promise<MfaRequirement> {
  requirePermission(ctx, "org.read");
  const [organization, membersWithoutFactor] = await Promise.all([
    db().organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { requireMfa: true } }),
    countMembersWithoutFactor(db(), ctx.organizationId),
  ]);
  return { required: organization.requireMfa, membersWithoutFactor };
}
