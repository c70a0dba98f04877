import "server-only";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import type { SessionUser } from "../sessions/session-user";

/** Checks an email and password; the same answer (null) whichever of the two is wrong. */
export async function verifyCredentials(email: string, password: string): Promise<SessionUser | null> {
  const user = await db().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, lastOrganizationId: true, passwordHash: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok) return null;
  return { id: user.id, email: user.email, name: user.name, lastOrganizationId: user.lastOrganizationId };
}
