import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";

export type MembershipSummary = { organizationId: string; slug: string; name: string; role: string };

/** The organizations a user belongs to, by name, for the switcher and the landing page. */
export async function listMemberships(user: Pick<UserContext, "userId">): Promise<MembershipSummary[]> {
  const rows = await db().membership.findMany({
    where: { userId: user.userId },
    select: { role: true, organization: { select: { id: true, slug: true, name: true } } },
    orderBy: { organization: { name: "asc" } },
  });
  return rows.map((r) => ({ organizationId: r.organization.id, slug: r.organization.slug, name: r.organization.name, role: r.role }));
}
