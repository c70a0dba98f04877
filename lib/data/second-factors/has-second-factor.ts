import "server-only";
import { db } from "@/lib/db/client";
import { CONFIRMED_FACTOR } from "./confirmed-factor";

/** Whether the account has a confirmed second factor, so a password alone does not sign it in. */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  return (await db().secondFactor.count({ where: { userId, ...CONFIRMED_FACTOR } })) > 0;
}
