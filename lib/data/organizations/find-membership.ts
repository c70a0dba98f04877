import "server-only";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/domain/roles";

export type Membership = {
  membershipId: string;
  role: Role;
  organization: { id: string; slug: string; name: string; requireMfa: boolean };
};

/** The user's membership in the organization with this slug, or null: outsiders see nothing. */
export async function findMembership(userId: string, slug: string): Promise<Membership | null> {
  const row = await db().membership.findFirst({
    where: { userId, organization: { slug } },
    select: { id: true, role: true, organization: { select: { id: true, slug: true, name: true, requireMfa: true } } },
  });
  return row ? { membershipId: row.id, role: row.role, organization: row.organization } : null;
}
