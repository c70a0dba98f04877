// The rules of lib/domain/model-standing.ts as SQL conditions, on the aliases the caller names.
// tests/integration/model-standing.test.ts runs both forms on the same rows.
import { REVISION_IN_PROGRESS_STATUSES } from "@/lib/domain/model-standing";
import { Prisma } from "@/lib/generated/prisma/client";
import { alias, literals } from "./alias";

/** countsAsOpenRisk: the model aliased `m` is not archived. */
export function countsAsOpenRiskSql(m: string): Prisma.Sql {
  return Prisma.sql`${alias(m)}.status <> 'ARCHIVED'`;
}

/** hasDraftInProgress: an approved revision stands while the next one is in progress. */
export function hasDraftInProgressSql(m: string): Prisma.Sql {
  return Prisma.sql`(${alias(m)}."approvedVersion" IS NOT NULL AND ${alias(m)}.status IN (${literals(REVISION_IN_PROGRESS_STATUSES)}))`;
}

/** countsAsApproved: approved now, or approved before with the next revision in progress. */
export function countsAsApprovedSql(m: string): Prisma.Sql {
  return Prisma.sql`(${alias(m)}.status = 'APPROVED' OR ${hasDraftInProgressSql(m)})`;
}

/** standingStatus: the status a model is counted and filtered under. */
export function standingStatusSql(m: string): Prisma.Sql {
  return Prisma.sql`(CASE WHEN ${countsAsApprovedSql(m)} THEN 'APPROVED'::"ThreatModelStatus" ELSE ${alias(m)}.status END)`;
}

/** isThreatNotYetReviewed: the threat aliased `t` was added after its model `m` was last approved. */
export function threatNotYetReviewedSql(t: string, m: string): Prisma.Sql {
  return Prisma.sql`(${alias(m)}.status <> 'APPROVED' AND (${alias(m)}."approvedAt" IS NULL OR ${alias(t)}."createdAt" > ${alias(m)}."approvedAt"))`;
}
