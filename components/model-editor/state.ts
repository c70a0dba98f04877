// The editor's local state, and the pure functions that turn it into what each section saves.
// Rows carry the browser's `key` and, once saved, the database `id`; links between threats or
// scenarios and mitigations are held by mitigation key, so a mitigation can be linked the
// moment it is added, before it has an id.
import type { EditorState } from "@/lib/data/model-editor";
import type {
  Impact,
  ImplementationStatus,
  Likelihood,
  Priority,
  RiskRating,
  StrideCategory,
} from "@/lib/domain/threat-model";
import type { TSectionSave } from "@/lib/validation/model-editor";
import type { AssetRow, BoundaryRow, ControlRow, InvariantRow } from "./table-sections";

export type ThreatRow = {
  key: string;
  id?: string;
  category: StrideCategory;
  title: string;
  description: string;
  /** One attack vector per line, as typed. */
  attackVectorsText: string;
  likelihood: Likelihood;
  impact: Impact;
  priorityOverride: Priority | null;
  priorityOverrideReason: string;
  residualRisk: RiskRating | null;
  residualRiskJustification: string;
  mitigationKeys: string[];
};

export type MitigationRow = {
  key: string;
  id?: string;
  title: string;
  description: string;
  status: ImplementationStatus;
  taskRef: string;
  implementedIn: string;
  ownerId: string | null;
  dueDate: string | null;
};

export type ScenarioRow = { key: string; id?: string; title: string; description: string; likelihood: Likelihood; impact: Impact; mitigationKeys: string[] };
export type ResidualRiskRow = { key: string; id?: string; threatId: string | null; threatTitle: string; reason: string; riskOwner: string; reviewDate: string; status?: string; decidedBy?: string | null };
export type Assessment = { category: StrideCategory; residualRisk: RiskRating | null; justification: string };

export type LocalState = {
  fields: EditorState["fields"];
  trustBoundaries: BoundaryRow[];
  assets: AssetRow[];
  threats: ThreatRow[];
  assessments: Assessment[];
  mitigations: MitigationRow[];
  scenarios: ScenarioRow[];
  controls: ControlRow[];
  invariants: InvariantRow[];
  residualRisks: ResidualRiskRow[];
};

export function fromServer(s: EditorState): LocalState {
  return {
    fields: s.fields,
    trustBoundaries: s.trustBoundaries,
    assets: s.assets,
    threats: s.threats.map((t) => ({
      key: t.key,
      id: t.id,
      category: t.category,
      title: t.title,
      description: t.description,
      attackVectorsText: t.attackVectors.join("\n"),
      likelihood: t.likelihood,
      impact: t.impact,
      priorityOverride: t.priorityOverride,
      priorityOverrideReason: t.priorityOverrideReason,
      residualRisk: t.residualRisk,
      residualRiskJustification: t.residualRiskJustification,
      // Saved mitigations are keyed by their id.
      mitigationKeys: t.mitigationIds,
    })),
    assessments: s.strideAssessments,
    mitigations: s.mitigations,
    scenarios: s.scenarios.map(({ mitigationIds, ...rest }) => ({ ...rest, mitigationKeys: mitigationIds })),
    controls: s.controls,
    invariants: s.invariants,
    residualRisks: s.residualRisks,
  };
}

/** mitigation key → database id, for the mitigations saved so far. */
export function mitigationIdsByKey(mitigations: MitigationRow[]): Map<string, string> {
  return new Map(mitigations.filter((m) => m.id).map((m) => [m.key, m.id!]));
}

const resolve = (keys: string[], ids: Map<string, string>) => keys.map((k) => ids.get(k)).filter((id): id is string => Boolean(id));

export const payloads = {
  fields: (s: LocalState): TSectionSave => ({ section: "fields", data: s.fields }),
  trustBoundaries: (s: LocalState): TSectionSave => ({ section: "trustBoundaries", data: s.trustBoundaries }),
  assets: (s: LocalState): TSectionSave => ({ section: "assets", data: s.assets }),
  threats: (s: LocalState, category: StrideCategory): TSectionSave => {
    const ids = mitigationIdsByKey(s.mitigations);
    return {
      section: "threats",
      category,
      data: s.threats
        .filter((t) => t.category === category)
        .map(({ attackVectorsText, mitigationKeys, ...t }) => ({
          ...t,
          attackVectors: attackVectorsText.split("\n").map((v) => v.trim()).filter(Boolean),
          mitigationIds: resolve(mitigationKeys, ids),
        })),
    };
  },
  assessment: (s: LocalState, category: StrideCategory): TSectionSave => ({
    section: "strideAssessment",
    data: s.assessments.find((a) => a.category === category) ?? { category, residualRisk: null, justification: "" },
  }),
  mitigations: (s: LocalState): TSectionSave => ({ section: "mitigations", data: s.mitigations }),
  scenarios: (s: LocalState): TSectionSave => {
    const ids = mitigationIdsByKey(s.mitigations);
    return { section: "scenarios", data: s.scenarios.map(({ mitigationKeys, ...r }) => ({ ...r, mitigationIds: resolve(mitigationKeys, ids) })) };
  },
  controls: (s: LocalState): TSectionSave => ({ section: "controls", data: s.controls }),
  invariants: (s: LocalState): TSectionSave => ({ section: "invariants", data: s.invariants }),
  residualRisks: (s: LocalState): TSectionSave => ({
    section: "residualRisks",
    data: s.residualRisks.map(({ status: _status, decidedBy: _decidedBy, ...r }) => r),
  }),
};

/** Every section the editor saves separately, with its payload. */
export function sectionPayloads(s: LocalState, categories: readonly StrideCategory[]): Record<string, TSectionSave> {
  const out: Record<string, TSectionSave> = {
    fields: payloads.fields(s),
    trustBoundaries: payloads.trustBoundaries(s),
    assets: payloads.assets(s),
    mitigations: payloads.mitigations(s),
    scenarios: payloads.scenarios(s),
    controls: payloads.controls(s),
    invariants: payloads.invariants(s),
    residualRisks: payloads.residualRisks(s),
  };
  for (const c of categories) {
    out[`threats:${c}`] = payloads.threats(s, c);
    out[`assessment:${c}`] = payloads.assessment(s, c);
  }
  return out;
}
