import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { RECOVERY_CODE_COUNT, normalizeRecoveryCode, recoveryCodeFromBytes } from "@/lib/domain/second-factor";

export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(`recovery:${code}`).digest("hex");
}

/**
 * A fresh set of recovery codes for the user, inside the caller's transaction: the old set is
 * deleted, used or not, so a code written down before no longer works. The plain codes are
 * returned once, to be shown once; only their hashes are kept.
 */
export async function replaceRecoveryCodes(tx: Tx, userId: string, now: Date): Promise<string[]> {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCodeFromBytes(randomBytes(10)));
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code), createdAt: now })) });
  return codes;
}

/** Uses one of the user's recovery codes: true once per code, false for a wrong or used one. */
export async function spendRecoveryCode(tx: Tx, userId: string, typed: string, now: Date): Promise<boolean> {
  const code = normalizeRecoveryCode(typed);
  if (!code) return false;
  // Conditional on usedAt, so two requests racing with the same code cannot both succeed.
  const used = await tx.recoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(code), usedAt: null }, data: { usedAt: now } });
  return used.count === 1;
}

export function countUnusedRecoveryCodes(tx: Tx, userId: string): Promise<number> {
  return tx.recoveryCode.count({ where: { userId, usedAt: null } });
}
