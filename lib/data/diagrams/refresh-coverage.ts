import "server-only";
import type { Tx } from "@/lib/db/client";
import { documentCoverage } from "@/lib/domain/diagram/coverage";
import { diagramContentOf } from "../model-editor/editor-state";

/** The sections whose change can change a model's diagram coverage. */
export const COVERAGE_SECTIONS: ReadonlySet<string> = new Set(["diagrams", "threats", "dismissals", "trustBoundaries"]);

/**
 * Recomputes a model's diagram coverage with the domain's rule and stores the figures beside the
 * model, inside the caller's transaction, so that the dashboard adds up what the model page shows.
 */
export async function refreshCoverage(tx: Tx, threatModelId: string) {
  const [diagrams, threats, dismissals, trustBoundaries] = await Promise.all([
    tx.diagram.findMany({ where: { threatModelId }, orderBy: { position: "asc" }, select: { id: true, name: true, content: true } }),
    tx.threat.findMany({ where: { threatModelId, elementIds: { isEmpty: false } }, select: { category: true, elementIds: true } }),
    tx.suggestionDismissal.findMany({ where: { threatModelId }, select: { elementId: true, category: true, reason: true } }),
    tx.trustBoundary.findMany({ where: { threatModelId }, select: { id: true, name: true } }),
  ]);
  const coverage = documentCoverage({
    // Linked boundaries are named by their rows: here the row id serves as the document key.
    trustBoundaries: trustBoundaries.map((b) => ({ key: b.id, name: b.name })),
    diagrams: diagrams.map((d) => ({ id: d.id, name: d.name, ...diagramContentOf(d.content) })),
    threats,
    suggestionDismissals: dismissals,
  });
  await tx.threatModel.update({
    where: { id: threatModelId },
    data: { coverageApplicable: coverage.applicable, coverageCovered: coverage.covered },
  });
  return coverage;
}
