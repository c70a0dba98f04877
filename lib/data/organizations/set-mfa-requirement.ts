import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { requirementRefusal } from "@/lib/domain/second-factor";
import { SafeError } from "@/lib/errors";
import type { TMfaRequirement } from "@/lib/validation/organization";
import { actedBy, recordAuditEvent } from "../audit";
import { countMembersWithoutFactor } from "../members/count-members-without-factor";
import { CONFIRMED_FACTOR } from "../second-factors/confirmed-factor";

export type MfaRequirement = { required: boolean; membersWithoutFactor: number };

/**
 * An Owner turns on or off that every member signs in with a second factor. It takes effect on
 * each member's next request (the membership is read every time). Turning it on is refused
 * while the Owner could not pass it themselves; setting what is already set changes nothing.
 */
export async function setMfaRequirement(ctx: OrgContext, input: TMfaRequirement): Promise<MfaRequirement> {
  requirePermission(ctx, "org.require-mfa");
  return db().$transaction(async (tx) => {
    if (input.required) {
      const ownFactors = await tx.secondFactor.count({ where: { userId: ctx.userId, ...CONFIRMED_FACTOR } });
      const refusal = requirementRefusal({ enrolled: ownFactors > 0, passedAt: ctx.secondFactor?.passedAt ?? null });
      if (refusal) throw new SafeError(refusal.message, refusal.code === "enrol" ? "forbidden" : "step-up");
    }
    const before = await tx.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { requireMfa: true } });
    const membersWithoutFactor = await countMembersWithoutFactor(tx, ctx.organizationId);
    if (before.requireMfa === input.required) return { required: input.required, membersWithoutFactor };
    await tx.organization.update({ where: { id: ctx.organizationId }, data: { requireMfa: input.required } });
    await recordAuditEvent(
      tx,
      actedBy(ctx),
      "organization.mfa-requirement-changed",
      { type: "organization", id: ctx.organizationId },
      { requirement: input.required ? "on" : "off", membersWithoutFactor },
    );
    return { required: input.required, membersWithoutFactor };
  });
}
