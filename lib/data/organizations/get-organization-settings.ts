import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";

/** What Settings edits; the update reads the same columns for its audit event's before and after. */
export const ORGANIZATION_SETTINGS = {
  name: true,
  fixByDaysHigh: true,
  fixByDaysMedium: true,
  fixByDaysLow: true,
  reviewCadenceMonths: true,
  acceptanceHorizonYears: true,
  roleGrantsNeedSecondManager: true,
  editorsCountAsAuthors: true,
} as const;

/** The organization's settings: fix-by days per priority, the review cadence, the review-date horizon and the separation-of-duties choices. */
export async function getOrganizationSettings(ctx: OrgContext) {
  requirePermission(ctx, "org.read");
  return db().organization.findUniqueOrThrow({
    where: { id: ctx.organizationId },
    select: { ...ORGANIZATION_SETTINGS, slug: true, createdAt: true },
  });
}
