import type { SecondFactorStanding } from "@/lib/domain/second-factor";

export type SessionUser = { id: string; email: string; name: string; lastOrganizationId: string | null };

/** Where a live session stands on the second factor: still due it, and what it has passed. */
export type SessionSecondFactor = SecondFactorStanding & { due: boolean };
