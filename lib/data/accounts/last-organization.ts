import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";

// The organization a user last worked in is where "/" takes them; read and written as one use case.

export async function rememberLastOrganization(user: Pick<UserContext, "userId">, organizationId: string) {
  await db().user.update({ where: { id: user.userId }, data: { lastOrganizationId: organizationId } });
}

export async function getLastOrganizationId(user: Pick<UserContext, "userId">): Promise<string | null> {
  const row = await db().user.findUnique({ where: { id: user.userId }, select: { lastOrganizationId: true } });
  return row?.lastOrganizationId ?? null;
}
