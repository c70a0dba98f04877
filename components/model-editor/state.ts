// The editor's local state, and the pure functions that turn it into what each section saves.
// Rows carry the browser's `key` and, once saved, the database `id`; links between threats or
// scenarios and mitigations are held by mitigation key, so a mitigation can be linked the
// moment it is added, before it has an id.
import type { EditorState } from "@/lib/data/model-editor/editor-state";
import type { Impact, ImplementationStatus, Likelihood, Priority, RiskRating, StrideCategory } from "@/lib/domain/threat-model";
import { sameValue, type SectionData } from "@/lib/domain/section-merge";
import type { TSectionSave } from "@/lib/validation/model-editor";
import type { DiagramDismissal, EditorDiagram } from "@/components/diagram/types";
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
  /** The diagram elements and flows it is on (their ids are made in the browser, so no key is needed). */
  elementIds: string[];
};

/** A threat row as one is added: untitled, at the editor's default likelihood and impact (the analyst rates it next). */
export function newThreatRow(key: string, category: StrideCategory, fields: Partial<Omit<ThreatRow, "key" | "category">> = {}): ThreatRow {
  return {
    key,
    category,
    title: "",
    description: "",
    attackVectorsText: "",
    likelihood: "MEDIUM",
    impact: "MEDIUM",
    priorityOverride: null,
    priorityOverrideReason: "",
    residualRisk: null,
    residualRiskJustification: "",
    mitigationKeys: [],
    elementIds: [],
    ...fields,
  };
}

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
export type ResidualRiskRow = {
  key: string;
  id?: string;
  threatId: string | null;
  threatTitle: string;
  reason: string;
  riskOwner: string;
  reviewDate: string;
  status?: string;
  decidedBy?: string | null;
};
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
  diagrams: EditorDiagram[];
  dismissals: DismissalRow[];
};
export type DismissalRow = DiagramDismissal & { id?: string };

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
      elementIds: t.elementIds,
    })),
    assessments: s.strideAssessments,
    mitigations: s.mitigations,
    scenarios: s.scenarios.map(({ mitigationIds, ...rest }) => ({ ...rest, mitigationKeys: mitigationIds })),
    controls: s.controls,
    invariants: s.invariants,
    residualRisks: s.residualRisks,
    // Saved assets and trust boundaries are keyed by their id, so the stored links are keys already.
    diagrams: s.diagrams,
    dismissals: s.dismissals,
  };
}

/** row key (or id) → database id, for the saved rows of a section. */
const idsByKeyOf = (rows: { key: string; id?: string }[]) =>
  new Map(rows.filter((r) => r.id).flatMap((r) => [[r.key, r.id!] as const, [r.id!, r.id!] as const]));

/**
 * A diagram as it is saved: links to assets and trust boundaries by database id. A link to a row
 * not saved yet is left out until that row has its id, and the diagram saves again then.
 */
function diagramPayload(d: EditorDiagram, assetIds: Map<string, string>, boundaryIds: Map<string, string>) {
  const links = (keys: string[] | undefined) => (keys === undefined ? undefined : resolve(keys, assetIds));
  return {
    ...d,
    elements: d.elements.map((e) => (e.assetIds === undefined ? e : { ...e, assetIds: links(e.assetIds) })),
    flows: d.flows.map((f) => (f.assetIds === undefined ? f : { ...f, assetIds: links(f.assetIds) })),
    boundaries: d.boundaries.map((b) => ({ ...b, trustBoundaryId: b.trustBoundaryId === null ? null : (boundaryIds.get(b.trustBoundaryId) ?? null) })),
  };
}

/** A saved diagram back in the editor's terms: links by the keys the editor holds those rows under. */
function diagramFromPayload(d: EditorDiagram, s: LocalState): EditorDiagram {
  const assetKey = new Map(s.assets.filter((a) => a.id).map((a) => [a.id!, a.key]));
  const boundaryKey = new Map(s.trustBoundaries.filter((b) => b.id).map((b) => [b.id!, b.key]));
  // A link made here to a row not saved yet is kept: the payload left it out, not the user.
  const local = s.diagrams.find((x) => x.key === d.key);
  const pendingBoundary = (id: string) =>
    local?.boundaries.find((b) => b.id === id && b.trustBoundaryId && !boundaryKey.has(b.trustBoundaryId))?.trustBoundaryId;
  const keysOf = (ids: string[] | undefined) => ids?.map((id) => assetKey.get(id) ?? id);
  return {
    ...d,
    elements: d.elements.map((e) => (e.assetIds === undefined ? e : { ...e, assetIds: keysOf(e.assetIds) })),
    flows: d.flows.map((f) => (f.assetIds === undefined ? f : { ...f, assetIds: keysOf(f.assetIds) })),
    boundaries: d.boundaries.map((b) => ({
      ...b,
      trustBoundaryId: b.trustBoundaryId === null ? (pendingBoundary(b.id) ?? null) : (boundaryKey.get(b.trustBoundaryId) ?? b.trustBoundaryId),
    })),
  };
}

/** mitigation key (or id) → database id, for the mitigations saved so far. */
export function mitigationIdsByKey(mitigations: MitigationRow[]): Map<string, string> {
  return new Map(mitigations.filter((m) => m.id).flatMap((m) => [[m.key, m.id!] as const, [m.id!, m.id!] as const]));
}

// Links are a set: sorted, so two versions that link the same mitigations compare equal.
const resolve = (keys: string[], ids: Map<string, string>) => [...new Set(keys.map((k) => ids.get(k)).filter((id): id is string => Boolean(id)))].sort();

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
          attackVectors: attackVectorsText
            .split("\n")
            .map((v) => v.trim())
            .filter(Boolean),
          mitigationIds: resolve(mitigationKeys, ids),
          elementIds: [...new Set(t.elementIds)].sort(),
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
  diagrams: (s: LocalState): TSectionSave => {
    const assetIds = idsByKeyOf(s.assets);
    const boundaryIds = idsByKeyOf(s.trustBoundaries);
    return { section: "diagrams", data: s.diagrams.map((d) => diagramPayload(d, assetIds, boundaryIds)) };
  },
  dismissals: (s: LocalState): TSectionSave => ({ section: "dismissals", data: s.dismissals }),
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
    diagrams: payloads.diagrams(s),
    dismissals: payloads.dismissals(s),
  };
  for (const c of categories) {
    out[`threats:${c}`] = payloads.threats(s, c);
    out[`assessment:${c}`] = payloads.assessment(s, c);
  }
  return out;
}

/** A payload as text that does not depend on the order of its keys, to tell whether two versions differ. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

type PayloadRow = { key: string; id?: string; [field: string]: unknown };

/**
 * Puts a section's data, in the shape it is saved in, back into the editor's state. Rows are
 * matched by key; what the editor holds in another form (attack vectors as typed, links by
 * mitigation key) is kept wherever the saved form of it is unchanged.
 */
export function withSectionData(s: LocalState, sectionId: string, data: unknown): LocalState {
  const [section, category] = sectionId.split(":") as [string, StrideCategory | undefined];
  const rows = data as PayloadRow[];
  const keyOfMitigation = (id: string) => s.mitigations.find((m) => m.id === id)?.key ?? id;
  const sameLinks = (keys: string[], ids: unknown) => resolve(keys, mitigationIdsByKey(s.mitigations)).join() === [...((ids as string[]) ?? [])].sort().join();
  switch (section) {
    case "fields":
      return { ...s, fields: { ...s.fields, ...(data as LocalState["fields"]) } };
    case "assessment":
      return { ...s, assessments: [...s.assessments.filter((a) => a.category !== category), data as Assessment] };
    case "threats": {
      const local = new Map(s.threats.map((t) => [t.key, t]));
      const next = rows.map(({ attackVectors, mitigationIds, elementIds, ...r }): ThreatRow => {
        const was = local.get(r.key);
        const vectors = (attackVectors as string[]) ?? [];
        const typed =
          was &&
          was.attackVectorsText
            .split("\n")
            .map((v) => v.trim())
            .filter(Boolean)
            .join("\n") === vectors.join("\n");
        return {
          ...(r as Omit<ThreatRow, "attackVectorsText" | "mitigationKeys">),
          attackVectorsText: typed ? was.attackVectorsText : vectors.join("\n"),
          mitigationKeys: was && sameLinks(was.mitigationKeys, mitigationIds) ? was.mitigationKeys : ((mitigationIds as string[]) ?? []).map(keyOfMitigation),
          elementIds: (elementIds as string[]) ?? [],
        };
      });
      return { ...s, threats: [...s.threats.filter((t) => t.category !== category), ...next] };
    }
    case "scenarios": {
      const local = new Map(s.scenarios.map((x) => [x.key, x]));
      const next = rows.map(({ mitigationIds, ...r }): ScenarioRow => {
        const was = local.get(r.key);
        return {
          ...(r as Omit<ScenarioRow, "mitigationKeys">),
          mitigationKeys: was && sameLinks(was.mitigationKeys, mitigationIds) ? was.mitigationKeys : ((mitigationIds as string[]) ?? []).map(keyOfMitigation),
        };
      });
      return { ...s, scenarios: next };
    }
    case "residualRisks": {
      // The sign-off is shown, not saved: it stays with its row.
      const local = new Map(s.residualRisks.map((r) => [r.key, r]));
      return {
        ...s,
        residualRisks: rows.map((r) => ({ ...(r as ResidualRiskRow), status: local.get(r.key)?.status, decidedBy: local.get(r.key)?.decidedBy })),
      };
    }
    case "diagrams":
      return { ...s, diagrams: (rows as unknown as EditorDiagram[]).map((d) => diagramFromPayload(d, s)) };
    default:
      return { ...s, [section]: rows };
  }
}

/** Puts the database ids a save created into the rows it created (matched by key). */
export function withRowIds(s: LocalState, sectionId: string, idsByKey: Record<string, string>): LocalState {
  if (!Object.keys(idsByKey).length) return s;
  const section = (sectionId.startsWith("threats:") ? "threats" : sectionId) as Exclude<keyof LocalState, "fields" | "assessments">;
  if (!Array.isArray(s[section])) return s;
  return { ...s, [section]: (s[section] as { key: string; id?: string }[]).map((r) => (r.id || !idsByKey[r.key] ? r : { ...r, id: idsByKey[r.key] })) };
}

/**
 * A merge's result with the editor's own text wherever it means the same: the merge compares
 * stored forms (trimmed), and a space typed at the end of a line must not vanish.
 */
export function preferAsTyped(merged: SectionData, normalized: SectionData, typed: SectionData): SectionData {
  const keepTyped = (m: Record<string, unknown>, n: Record<string, unknown> | undefined, t: Record<string, unknown> | undefined) => {
    if (!n || !t) return m;
    return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, k in t && sameValue(v, n[k]) ? t[k] : v]));
  };
  if (!Array.isArray(merged)) return keepTyped(merged, normalized as Record<string, unknown>, typed as Record<string, unknown>);
  const byKey = (rows: SectionData) => new Map((rows as { key?: string }[]).map((r) => [r.key, r as Record<string, unknown>]));
  const n = byKey(normalized);
  const t = byKey(typed);
  return merged.map((r) => keepTyped(r, n.get(r.key), t.get(r.key)) as (typeof merged)[number]);
}

/** A base's rows under the keys the editor uses for them (a row saved from here keeps its browser key). */
export function withKeysOf(base: SectionData, rows: SectionData): SectionData {
  if (!Array.isArray(base) || !Array.isArray(rows)) return base;
  const keyOf = new Map(rows.filter((r) => r.id).map((r) => [r.id!, r.key]));
  return base.map((r) => (r.id && keyOf.get(r.id) ? { ...r, key: keyOf.get(r.id) } : r));
}
