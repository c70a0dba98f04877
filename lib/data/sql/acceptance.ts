// The acceptance rule of lib/domain/acceptance.ts as SQL conditions on an acceptance aliased by
// the caller. tests/integration/rule-agreement.test.ts runs both forms on the same rows.
import { Prisma } from "@/lib/generated/prisma/client";
import { alias } from "./alias";

/** isAcceptanceInForce: accepted, and its review date is today or later. */
export function acceptanceInForceSql(ra: string, today: string): Prisma.Sql {
  return Prisma.sql`(${alias(ra)}.status = 'ACCEPTED' AND ${alias(ra)}."reviewDate" >= ${today}::date)`;
}

/** acceptanceState = "expired": accepted, and its review date has passed. */
export function acceptanceExpiredSql(ra: string, today: string): Prisma.Sql {
  return Prisma.sql`(${alias(ra)}.status = 'ACCEPTED' AND ${alias(ra)}."reviewDate" < ${today}::date)`;
}
