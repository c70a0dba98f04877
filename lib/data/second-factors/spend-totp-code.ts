import "server-only";
import { unseal } from "@/lib/auth/sealed-box";
import { acceptedTotpStep } from "@/lib/auth/totp";
import type { Tx } from "@/lib/db/client";
import { normalizeTotpCode } from "@/lib/domain/second-factor";
import { CONFIRMED_FACTOR } from "./confirmed-factor";

/**
 * Checks a code against the user's authenticator apps (confirmed ones, or the one factor being
 * enrolled) and, when one accepts it, records its time step: the same code, or an earlier one,
 * is refused from then on. The id of the factor that accepted it, or null.
 */
export async function spendTotpCode(tx: Tx, userId: string, typed: string, now: Date, enrolling?: string): Promise<string | null> {
  const code = normalizeTotpCode(typed);
  if (!code) return null;
  const factors = await tx.secondFactor.findMany({
    where: { userId, kind: "TOTP", ...(enrolling ? { id: enrolling, confirmedAt: null } : CONFIRMED_FACTOR) },
    select: { id: true, totpSecret: true, totpLastStep: true },
  });
  for (const factor of factors) {
    if (!factor.totpSecret) continue;
    const step = await acceptedTotpStep(unseal(factor.totpSecret), code, factor.totpLastStep, now);
    if (step === null) continue;
    // Conditional on the step, so a code raced by two requests is accepted once.
    const taken = await tx.secondFactor.updateMany({
      where: { id: factor.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step, lastUsedAt: now },
    });
    if (taken.count === 1) return factor.id;
  }
  return null;
}
