import { organizationGate } from "@/lib/domain/second-factor";
import type { OrgContext } from "./context";

const NOT_GIVEN = { enrolled: false, passedAt: null };

/**
 * Whether a member's session may act in their organization, as far as the second factor goes:
 * every page, server action and route handler inside an organization asks this (through
 * requireOrgPage and authorizeMember), so approving a model or accepting a risk in an
 * organization that requires MFA always happens in a session that passed it.
 */
export function secondFactorGate(ctx: Pick<OrgContext, "requireMfa" | "secondFactor">) {
  return organizationGate(ctx.requireMfa, ctx.secondFactor ?? NOT_GIVEN);
}

/** Where a member without a factor goes when their organization requires one. */
export function enrolmentUrl(slug: string) {
  return `/account?required=${encodeURIComponent(slug)}#two-step`;
}

/** What an action or request refused by the gate is told. */
export function secondFactorRefusal(organizationName: string, gate: "enrol" | "verify"): string {
  return gate === "enrol"
    ? `${organizationName} requires two-step sign-in. Add an authenticator app or a passkey under Account, then try again.`
    : `${organizationName} requires two-step sign-in. Confirm it is you with your second factor, then try again.`;
}
