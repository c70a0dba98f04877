import "server-only";
import type { Tx } from "@/lib/db/client";
import type { FixBySettings } from "@/lib/domain/sla";

/** The organization's fix-by rule (days per priority), which every fix-by date and its wording follow. */
export async function getFixBySettings(client: Tx, organizationId: string): Promise<FixBySettings> {
  return client.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { fixByDaysHigh: true, fixByDaysMedium: true, fixByDaysLow: true } });
}
