// The open-threat rule of lib/domain/open-threat.ts in SQL, in two forms for two query shapes:
// a condition on one threat, and the set of covered threats for grouped statements.
// tests/integration/rule-agreement.test.ts runs the TypeScript and both SQL forms on the same rows.
import { COVERING_MITIGATION_STATUS } from "@/lib/domain/open-threat";
import { Prisma } from "@/lib/generated/prisma/client";
import { acceptanceInForceSql } from "./acceptance";
import { alias, literals } from "./alias";

/** The mitigation aliased `mi` covers the threats it is linked to. */
function coveringMitigationSql(mi: string): Prisma.Sql {
  return Prisma.sql`${alias(mi)}.status = ${literals([COVERING_MITIGATION_STATUS])}`;
}

/** isOpenThreat, as a condition on a threat aliased `t` (default "t"). */
export function openThreatSql(today: string, t = "t"): Prisma.Sql {
  const threat = alias(t);
  return Prisma.sql`(NOT EXISTS (
      SELECT 1 FROM "ThreatMitigation" tm JOIN "Mitigation" mi ON mi.id = tm."mitigationId"
      WHERE tm."threatId" = ${threat}.id AND ${coveringMitigationSql("mi")}
    )
    AND NOT EXISTS (
      SELECT 1 FROM "ResidualRiskAcceptance" ra
      WHERE ra."threatModelId" = ${threat}."threatModelId" AND ra."threatId" = ${threat}.id AND ${acceptanceInForceSql("ra", today)}
    ))`;
}

/**
 * The same rule as a set: one "threatId" row per cover (an implemented linked mitigation, an
 * acceptance in force) of the organization's threats; a threat without a row is open. Grouped and
 * hash-joined, it is far cheaper than a lookup per threat at 100,000 threats. `narrowLinks` may
 * restrict the mitigation links (aliased `tm`) to the threats a filter leaves.
 */
export function threatCoversSql(organizationId: string, today: string, narrowLinks: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`
    SELECT tm."threatId"
    FROM "ThreatMitigation" tm JOIN "Mitigation" mi ON mi.id = tm."mitigationId"
    WHERE mi."organizationId" = ${organizationId} AND ${coveringMitigationSql("mi")} ${narrowLinks}
    UNION ALL
    SELECT ra."threatId"
    FROM "ResidualRiskAcceptance" ra JOIN "Threat" rt ON rt.id = ra."threatId" AND rt."threatModelId" = ra."threatModelId"
    WHERE ra."organizationId" = ${organizationId} AND ${acceptanceInForceSql("ra", today)}`;
}
