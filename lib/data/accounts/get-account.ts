import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";

export type AccountView = { name: string; email: string; emailVerified: boolean; createdAt: Date };

/** The signed-in user's own account, for the account page and the confirmation banner. */
export async function getAccount(user: Pick<UserContext, "userId">): Promise<AccountView> {
  const row = await db().user.findUniqueOrThrow({ where: { id: user.userId }, select: { name: true, email: true, emailVerifiedAt: true, createdAt: true } });
  return { name: row.name, email: row.email, emailVerified: row.emailVerifiedAt !== null, createdAt: row.createdAt };
}
