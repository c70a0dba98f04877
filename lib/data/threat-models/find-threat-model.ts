import "server-only";
import type { Tx } from "@/lib/db/client";

const BY_POSITION = { orderBy: { position: "asc" as const } };

/** Everything of one model that the model page and a copy need; null when not this organization's. */
export function findThreatModel(client: Tx, organizationId: string, id: string) {
  return client.threatModel.findFirst({
    where: { id, organizationId },
    include: {
      owner: { select: { id: true, name: true } },
      createdBy: { select: { id: true, name: true } },
      trustBoundaries: BY_POSITION,
      assets: BY_POSITION,
      strideAssessments: true,
      threats: { ...BY_POSITION, include: { mitigations: { select: { mitigationId: true } } } },
      mitigations: {
        ...BY_POSITION,
        include: { owner: { select: { id: true, name: true } }, threats: { select: { threatId: true } }, scenarios: { select: { scenarioId: true } } },
      },
      attackScenarios: { ...BY_POSITION, include: { mitigations: { select: { mitigationId: true } } } },
      securityControls: BY_POSITION,
      securityInvariants: { orderBy: { article: "asc" } },
      acceptances: { orderBy: { createdAt: "asc" }, include: { decidedBy: { select: { name: true } } } },
      diagrams: BY_POSITION,
      suggestionDismissals: BY_POSITION,
      approvals: { where: { withdrawnAt: null }, orderBy: { createdAt: "asc" }, include: { reviewer: { select: { name: true } } } },
    },
  });
}
/** A stored model with every section, as `findThreatModel` reads it. */
export type ThreatModelDetail = NonNullable<Awaited<ReturnType<typeof findThreatModel>>>;
