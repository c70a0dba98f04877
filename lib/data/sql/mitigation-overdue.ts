// When a mitigation is overdue: past its fix-by date and not implemented. Only PostgreSQL
// evaluates it (the dashboard and the risk register), so it has no TypeScript form.
import { COVERING_MITIGATION_STATUS } from "@/lib/domain/open-threat";
import { Prisma } from "@/lib/generated/prisma/client";
import { alias, literals } from "./alias";

/** The mitigation aliased `mi` is past its due date and not implemented. */
export function mitigationOverdueSql(mi: string, today: string): Prisma.Sql {
  return Prisma.sql`(${alias(mi)}."dueDate" IS NOT NULL AND ${alias(mi)}."dueDate" < ${today}::date AND ${alias(mi)}.status <> ${literals([COVERING_MITIGATION_STATUS])})`;
}
