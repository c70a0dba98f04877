import "server-only";
import { db } from "@/lib/db/client";
import { findUsableAccountToken } from "../account-tokens/account-token";

/** Whether a reset link still works, for the page that shows its form; it stays unused. */
export async function checkResetLink(token: string, now = new Date()): Promise<boolean> {
  return (await findUsableAccountToken(db(), token, "RESET_PASSWORD", now)) !== null;
}
