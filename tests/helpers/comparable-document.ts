// What "the same document" means across an export and an import. Mitigation keys are names
// local to one document, so they are compared by position; the owner's user id never leaves
// ThreatDesk; threats are grouped by STRIDE category, as every written form groups them; and
// optional fields read the same whether absent, null or empty.
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import { STRIDE_CATEGORIES } from "@/lib/domain/threat-model";

export function comparableDocument(doc: ThreatModelDocument): ThreatModelDocument {
  const keyIndex = new Map(doc.mitigations.map((m, i) => [m.key, `m${i + 1}`]));
  const renameKeys = (keys: string[]) => keys.map((key) => keyIndex.get(key) ?? `missing:${key}`);
  const order = (category: (typeof STRIDE_CATEGORIES)[number]) => STRIDE_CATEGORIES.indexOf(category);
  const threats = doc.threats
    .map((t, i) => ({ t, i }))
    .sort((a, b) => order(a.t.category) - order(b.t.category) || a.i - b.i)
    .map(({ t }) => ({
      ...t,
      attackVectors: [...t.attackVectors],
      priorityOverrideReason: t.priorityOverrideReason || null,
      residualRisk: t.residualRisk ?? null,
      residualRiskJustification: t.residualRiskJustification ?? "",
      dueDate: t.dueDate ?? null,
      mitigationKeys: renameKeys(t.mitigationKeys),
      elementIds: t.elementIds ?? [],
    }));
  return {
    ...doc,
    nextReviewDate: doc.nextReviewDate ?? null,
    trustBoundaries: doc.trustBoundaries.map((b) => ({ ...b })),
    assets: doc.assets.map((a) => ({ ...a })),
    threats,
    strideAssessments: [...doc.strideAssessments].sort((a, b) => order(a.category) - order(b.category)).map((a) => ({ ...a })),
    mitigations: doc.mitigations.map(({ ownerId: _ownerId, ...m }) => ({ ...m, key: keyIndex.get(m.key)!, dueDate: m.dueDate ?? null })),
    attackScenarios: doc.attackScenarios.map((s) => ({ ...s, mitigationKeys: renameKeys(s.mitigationKeys) })),
    securityControls: doc.securityControls.map((c) => ({ ...c })),
    securityInvariants: doc.securityInvariants.map((inv) => ({ ...inv })),
    residualRisks: doc.residualRisks.map((r) => ({ threatTitle: r.threatTitle, reason: r.reason, riskOwner: r.riskOwner, reviewDate: r.reviewDate })),
    diagrams: doc.diagrams ?? [],
    suggestionDismissals: doc.suggestionDismissals ?? [],
  };
}

/**
 * A document as far as Markdown carries it: a diagram's items but not where they sit (an import
 * lays it out again), and not which items a threat is on (README: what each format keeps).
 */
export function withoutLayout(doc: ThreatModelDocument): ThreatModelDocument {
  // Rows are keyed for diagrams to refer to them; the reference is compared as the row's name.
  const assetName = new Map(doc.assets.map((a) => [a.key, a.name]));
  const boundaryName = new Map(doc.trustBoundaries.map((b) => [b.key, b.name]));
  const names = (keys: string[] | undefined) => keys?.map((k) => assetName.get(k) ?? k);
  return {
    ...doc,
    assets: doc.assets.map(({ key: _key, ...a }) => a),
    trustBoundaries: doc.trustBoundaries.map(({ key: _key, ...b }) => b),
    threats: doc.threats.map((t) => ({ ...t, elementIds: [] })),
    diagrams: (doc.diagrams ?? []).map((d) => ({
      ...d,
      elements: d.elements.map((e) => ({ ...e, position: null, assetIds: names(e.assetIds) })),
      flows: d.flows.map((f) => ({ ...f, assetIds: names(f.assetIds) })),
      boundaries: d.boundaries.map((b) => {
        const linked = { ...b, trustBoundaryId: b.trustBoundaryId === null ? null : (boundaryName.get(b.trustBoundaryId) ?? b.trustBoundaryId) };
        return linked.kind === "box" ? { ...linked, x: 0, y: 0, width: 0, height: 0 } : { ...linked, points: [] };
      }),
    })),
  };
}
