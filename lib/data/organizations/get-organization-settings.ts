import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";

/** The organization's settings: fix-by days per priority and the review cadence. */
export async function getOrganizationSettings(ctx: OrgContext) {
  requirePermission(ctx, "org.read");
  return db().organization.findUniqueOrThrow({
    where: { id: ctx.organizationId },
    select: {
      name: true,
      slug: true,
      fixByDaysHigh: true,
      fixByDaysMedium: true,
      fixByDaysLow: true,
      reviewCadenceMonths: true,
      acceptanceHorizonYears: true,
      roleGrantsNeedSecondManager: true,
      editorsCountAsAuthors: true,
      createdAt: true,
    },
  });
}
