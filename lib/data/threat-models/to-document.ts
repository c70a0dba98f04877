import "server-only";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import { STRIDE_CATEGORIES } from "@/lib/domain/threat-model";
import type { ThreatModelDetail } from "./find-threat-model";
import { toDay } from "@/lib/domain/calendar";
import { diagramContentOf } from "../model-editor/editor-state";

/** Calendar dates are stored at UTC midnight, so their UTC day is the date. */
const toYmd = toDay;

/**
 * A stored model as a storage-independent document (for copies and exports). Mitigations get
 * document keys M1, M2… in their order; residual risks point at their threat by index, so the
 * link survives renamed or same-titled threats. Review state (acceptance decisions,
 * approvals, revisions, comments) is not part of a document.
 */
export function toDocument(model: ThreatModelDetail): ThreatModelDocument {
  const keyOf = new Map(model.mitigations.map((m, i) => [m.id, `M${i + 1}`]));
  const keysOf = (links: { mitigationId: string }[]) => links.map((l) => keyOf.get(l.mitigationId)).filter((k): k is string => Boolean(k));
  const threatIndex = new Map(model.threats.map((t, i) => [t.id, i]));
  const strideOrder = (c: (typeof STRIDE_CATEGORIES)[number]) => STRIDE_CATEGORIES.indexOf(c);
  // Diagrams name assets and trust boundaries by document key; only rows a diagram names get one.
  const diagrams = model.diagrams.map((d) => ({ id: d.id, name: d.name, ...diagramContentOf(d.content) }));
  const assetKey = new Map(model.assets.map((a, i) => [a.id, `A${i + 1}`]));
  const boundaryKey = new Map(model.trustBoundaries.map((b, i) => [b.id, `B${i + 1}`]));
  const namedAssets = new Set(diagrams.flatMap((d) => [...d.elements, ...d.flows].flatMap((e) => e.assetIds ?? [])));
  const namedBoundaries = new Set(diagrams.flatMap((d) => d.boundaries.map((b) => b.trustBoundaryId)));
  const keyed = <T>(key: string | undefined, named: boolean, row: T) => (named && key ? { key, ...row } : row);
  return {
    title: model.title,
    featureName: model.featureName,
    version: model.version,
    status: model.status,
    ownerTeam: model.ownerTeam,
    category: model.category,
    nextReviewDate: toYmd(model.nextReviewDate),
    systemDiagramRef: model.systemDiagramRef,
    overview: model.overview,
    scopeIn: model.scopeIn,
    scopeOut: model.scopeOut,
    architecture: model.architecture,
    dataFlow: model.dataFlow,
    trustBoundaries: model.trustBoundaries.map(({ id, name, description, crossing }) =>
      keyed(boundaryKey.get(id), namedBoundaries.has(id), { name, description, crossing }),
    ),
    assets: model.assets.map(({ id, name, classification, compromiseImpact }) =>
      keyed(assetKey.get(id), namedAssets.has(id), { name, classification, compromiseImpact }),
    ),
    threats: model.threats.map((t) => ({
      category: t.category,
      title: t.title,
      description: t.description,
      attackVectors: [...t.attackVectors],
      likelihood: t.likelihood,
      impact: t.impact,
      priority: t.priority,
      priorityOverrideReason: t.priorityOverrideReason,
      residualRisk: t.residualRisk,
      residualRiskJustification: t.residualRiskJustification,
      dueDate: toYmd(t.dueDate),
      mitigationKeys: keysOf(t.mitigations),
      ...(t.elementIds.length ? { elementIds: [...t.elementIds] } : {}),
    })),
    strideAssessments: [...model.strideAssessments]
      .sort((a, b) => strideOrder(a.category) - strideOrder(b.category))
      .map(({ category, residualRisk, justification }) => ({ category, residualRisk, justification })),
    mitigations: model.mitigations.map((m) => ({
      key: keyOf.get(m.id)!,
      title: m.title,
      description: m.description,
      status: m.status,
      taskRef: m.taskRef,
      implementedIn: m.implementedIn,
      dueDate: toYmd(m.dueDate),
      ownerId: m.ownerId,
    })),
    attackScenarios: model.attackScenarios.map((s) => ({
      title: s.title,
      description: s.description,
      likelihood: s.likelihood,
      impact: s.impact,
      mitigationKeys: keysOf(s.mitigations),
    })),
    securityControls: model.securityControls.map(({ name, status, effectiveness }) => ({ name, status, effectiveness })),
    securityInvariants: model.securityInvariants.map(({ article, topic, condition, requirement }) => ({ article, topic, condition, requirement })),
    residualRisks: model.acceptances.map((a) => ({
      threatTitle: a.threatTitle,
      reason: a.reason,
      riskOwner: a.riskOwner,
      reviewDate: toYmd(a.reviewDate)!,
      threatIndex: a.threatId ? (threatIndex.get(a.threatId) ?? null) : null,
    })),
    diagrams: diagrams.map((d) => ({
      ...d,
      elements: d.elements.map((e) => (e.assetIds ? { ...e, assetIds: e.assetIds.map((id) => assetKey.get(id)!).filter(Boolean) } : e)),
      flows: d.flows.map((f) => (f.assetIds ? { ...f, assetIds: f.assetIds.map((id) => assetKey.get(id)!).filter(Boolean) } : f)),
      boundaries: d.boundaries.map((b) => ({ ...b, trustBoundaryId: b.trustBoundaryId === null ? null : (boundaryKey.get(b.trustBoundaryId) ?? null) })),
    })),
    suggestionDismissals: model.suggestionDismissals.map(({ elementId, category, reason }) => ({ elementId, category, reason })),
  };
}
