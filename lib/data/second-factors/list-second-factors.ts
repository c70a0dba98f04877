import "server-only";
import type { UserContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import type { SecondFactorKind } from "@/lib/domain/second-factor";
import { CONFIRMED_FACTOR } from "./confirmed-factor";

export type SecondFactorListItem = { id: string; kind: SecondFactorKind; name: string; createdAt: Date; lastUsedAt: Date | null };

export type SecondFactorOverview = { factors: SecondFactorListItem[]; recoveryCodesLeft: number; recoveryCodesIssued: boolean };

/** The user's confirmed factors, oldest first, and how many of their recovery codes are unused. */
export async function listSecondFactors(user: Pick<UserContext, "userId">): Promise<SecondFactorOverview> {
  const [factors, left, issued] = await Promise.all([
    db().secondFactor.findMany({
      where: { userId: user.userId, ...CONFIRMED_FACTOR },
      select: { id: true, kind: true, name: true, createdAt: true, lastUsedAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    db().recoveryCode.count({ where: { userId: user.userId, usedAt: null } }),
    db().recoveryCode.count({ where: { userId: user.userId } }),
  ]);
  return { factors, recoveryCodesLeft: left, recoveryCodesIssued: issued > 0 };
}
