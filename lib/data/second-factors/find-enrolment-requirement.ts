import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { ZSlug } from "@/lib/validation/fields";
import { findMembership } from "../organizations/find-membership";
import { hasSecondFactor } from "./has-second-factor";

export type EnrolmentRequirement = { organizationName: string; slug: string; enrolled: boolean };

/**
 * The organization that sent the user to enrol (`/account?required=<slug>`), when it is one of
 * theirs and does require two-step sign-in; null for anything else, so the address cannot make
 * the page claim what is not so.
 */
export async function findEnrolmentRequirement(user: Pick<UserContext, "userId">, requiredSlug: unknown): Promise<EnrolmentRequirement | null> {
  const slug = ZSlug.safeParse(requiredSlug);
  if (!slug.success) return null;
  const membership = await findMembership(user.userId, slug.data);
  if (!membership?.organization.requireMfa) return null;
  return { organizationName: membership.organization.name, slug: membership.organization.slug, enrolled: await hasSecondFactor(user.userId) };
}
