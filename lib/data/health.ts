import "server-only";
import { db } from "@/lib/db/client";

export async function checkDatabase(timeoutMs = 2000): Promise<boolean> {
  try {
    await Promise.race([
      db().$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("database health check timed out")), timeoutMs).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}
