import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * SQL condition on a threat aliased `t`: it is open unless a linked mitigation is implemented or
 * an accepted residual-risk acceptance covers it until a review date that has not passed. An
 * accepted risk past its review date counts as open again.
 */
export function openThreatSql(today: string) {
  return Prisma.sql`NOT EXISTS (
      SELECT 1 FROM "ThreatMitigation" tm JOIN "Mitigation" mi ON mi.id = tm."mitigationId"
      WHERE tm."threatId" = t.id AND mi.status = 'IMPLEMENTED'
    )
    AND NOT EXISTS (
      SELECT 1 FROM "ResidualRiskAcceptance" ra
      WHERE ra."threatModelId" = t."threatModelId" AND ra."threatId" = t.id
        AND ra.status = 'ACCEPTED' AND ra."reviewDate" >= ${today}::date
    )`;
}
