// The review-overdue rule of lib/domain/review-overdue.ts as a SQL condition on a model aliased by
// the caller. tests/integration/rule-agreement.test.ts runs both forms on the same rows.
import { Prisma } from "@/lib/generated/prisma/client";
import { alias } from "./alias";
import { countsAsOpenRiskSql } from "./model-standing";

/** isReviewOverdue: not archived, and its next review date has passed. */
export function reviewOverdueSql(m: string, today: string): Prisma.Sql {
  return Prisma.sql`(${countsAsOpenRiskSql(m)} AND ${alias(m)}."nextReviewDate" IS NOT NULL AND ${alias(m)}."nextReviewDate" < ${today}::date)`;
}
