import { toDay } from "@/lib/domain/calendar";
import { ZDiagramContent } from "@/lib/domain/model-document";
import { priorityOverrideOf } from "@/lib/domain/priority";
import type { SectionData } from "@/lib/domain/section-merge";
import { editScope, mayEditAnalysis } from "@/lib/domain/tracking";
import type { TSectionSave } from "@/lib/validation/model-editor";
import type { ThreatModelDetail } from "../threat-models/find-threat-model";

/** The whole model as the editor holds it: plain, serializable, dates as YYYY-MM-DD. */
export function toEditorState(m: ThreatModelDetail) {
  return {
    id: m.id,
    lockVersion: m.lockVersion,
    status: m.status,
    editable: mayEditAnalysis(m.status),
    editScope: editScope(m.status),
    fields: {
      title: m.title,
      featureName: m.featureName,
      version: m.version,
      ownerId: m.ownerId,
      ownerTeam: m.ownerTeam,
      category: m.category,
      nextReviewDate: toDay(m.nextReviewDate),
      systemDiagramRef: m.systemDiagramRef,
      overview: m.overview,
      scopeIn: m.scopeIn,
      scopeOut: m.scopeOut,
      architecture: m.architecture,
      dataFlow: m.dataFlow,
    },
    trustBoundaries: m.trustBoundaries.map((b) => ({ key: b.id, id: b.id, name: b.name, description: b.description, crossing: b.crossing })),
    assets: m.assets.map((a) => ({ key: a.id, id: a.id, name: a.name, classification: a.classification, compromiseImpact: a.compromiseImpact })),
    threats: m.threats.map((t) => ({
      key: t.id,
      id: t.id,
      category: t.category,
      title: t.title,
      description: t.description,
      attackVectors: t.attackVectors,
      likelihood: t.likelihood,
      impact: t.impact,
      priority: t.priority,
      priorityOverride: priorityOverrideOf(t),
      priorityOverrideReason: t.priorityOverrideReason ?? "",
      residualRisk: t.residualRisk,
      residualRiskJustification: t.residualRiskJustification,
      dueDate: toDay(t.dueDate),
      mitigationIds: t.mitigations.map((l) => l.mitigationId),
      elementIds: t.elementIds,
    })),
    strideAssessments: m.strideAssessments.map((s) => ({ category: s.category, residualRisk: s.residualRisk, justification: s.justification })),
    mitigations: m.mitigations.map((x) => ({
      key: x.id,
      id: x.id,
      title: x.title,
      description: x.description,
      status: x.status,
      taskRef: x.taskRef,
      implementedIn: x.implementedIn,
      ownerId: x.ownerId,
      dueDate: toDay(x.dueDate),
    })),
    scenarios: m.attackScenarios.map((s) => ({
      key: s.id,
      id: s.id,
      title: s.title,
      description: s.description,
      likelihood: s.likelihood,
      impact: s.impact,
      mitigationIds: s.mitigations.map((l) => l.mitigationId),
    })),
    controls: m.securityControls.map((c) => ({ key: c.id, id: c.id, name: c.name, status: c.status, effectiveness: c.effectiveness })),
    invariants: m.securityInvariants.map((i) => ({
      key: i.id,
      id: i.id,
      article: i.article,
      topic: i.topic,
      condition: i.condition,
      requirement: i.requirement,
    })),
    residualRisks: m.acceptances.map((a) => ({
      key: a.id,
      id: a.id,
      threatId: a.threatId,
      threatTitle: a.threatTitle,
      reason: a.reason,
      riskOwner: a.riskOwner,
      reviewDate: toDay(a.reviewDate),
      status: a.status,
      decidedBy: a.decidedBy?.name ?? null,
    })),
    diagrams: m.diagrams.map((d) => ({ key: d.id, id: d.id, name: d.name, ...diagramContentOf(d.content) })),
    dismissals: m.suggestionDismissals.map((x) => ({ key: x.id, id: x.id, elementId: x.elementId, category: x.category, reason: x.reason })),
  };
}

/** A stored diagram's content; every write checked it, so a row that no longer parses is shown empty rather than breaking the page. */
export function diagramContentOf(json: unknown) {
  const parsed = ZDiagramContent.safeParse(json);
  return parsed.success ? parsed.data : { elements: [], flows: [], boundaries: [] };
}
export type EditorState = ReturnType<typeof toEditorState>;

/** One section as stored, in the shape the editor saves it (rows keyed by their id, links sorted). */
export function storedSectionData(state: EditorState, save: TSectionSave): SectionData {
  const sorted = (ids: string[]) => [...ids].sort();
  switch (save.section) {
    case "fields":
      return state.fields;
    case "threats":
      return state.threats
        .filter((t) => t.category === save.category)
        .map(({ priority: _priority, dueDate: _dueDate, mitigationIds, elementIds, ...t }) => ({
          ...t,
          mitigationIds: sorted(mitigationIds),
          elementIds: sorted(elementIds),
        }));
    case "strideAssessment":
      return state.strideAssessments.find((a) => a.category === save.data.category) ?? { category: save.data.category, residualRisk: null, justification: "" };
    case "scenarios":
      return state.scenarios.map(({ mitigationIds, ...s }) => ({ ...s, mitigationIds: sorted(mitigationIds) }));
    case "residualRisks":
      return state.residualRisks.map(({ status: _status, decidedBy: _decidedBy, ...r }) => r);
    default:
      return state[save.section];
  }
}
