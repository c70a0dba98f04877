import "server-only";
import { db } from "@/lib/db/client";

/** Whether the account has a confirmed second factor, so a password alone does not sign it in. */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  return (await db().secondFactor.count({ where: { userId, confirmedAt: { not: null } } })) > 0;
}
