import "server-only";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/domain/roles";
import { hashToken } from "./invite-token";

export type InviteView = {
  email: string;
  role: Role;
  organizationName: string;
  organizationSlug: string;
  state: "pending" | "accepted" | "expired" | "revoked";
  accountExists: boolean;
};

/** What the invite page shows to whoever holds the link. Unknown tokens are simply not found. */
export async function getInviteByToken(token: string, now = new Date()): Promise<InviteView | null> {
  const invite = await db().invite.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { email: true, role: true, acceptedAt: true, revokedAt: true, expiresAt: true, organization: { select: { name: true, slug: true } } },
  });
  if (!invite) return null;
  const state = invite.acceptedAt ? "accepted" : invite.revokedAt ? "revoked" : invite.expiresAt <= now ? "expired" : "pending";
  const accountExists = (await db().user.count({ where: { email: invite.email } })) > 0;
  return {
    email: invite.email,
    role: invite.role,
    organizationName: invite.organization.name,
    organizationSlug: invite.organization.slug,
    state,
    accountExists,
  };
}
