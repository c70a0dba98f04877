import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * A factor that counts: its enrolment was finished (an authenticator app's first code entered, a
 * passkey verified). An unfinished one never signs anyone in nor turns two-step sign-in on; every
 * query of factors that count says so through this one fragment.
 */
export const CONFIRMED_FACTOR = { confirmedAt: { not: null } } satisfies Prisma.SecondFactorWhereInput;
