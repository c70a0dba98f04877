// How much of what the STRIDE-per-element table suggests a threat model has answered. Each
// applicable pair (an element or flow × a category the table suggests for it) is covered when a
// threat of that category is attached to the element, or when someone recorded why the category
// does not apply there (a dismissal). What is neither is a gap to show.
import type { StrideCategory } from "../threat-model";
import type { ThreatModelDocument } from "../model-document";
import { ELEMENT_KIND_LABEL, type Diagram } from "./diagram";
import { suggestionsFor, type Suggestion, type SuggestionOptions } from "./stride-per-element";

/** "This category does not apply to this element, because …". A dismissal without a reason counts for nothing. */
export type Dismissal = { elementId: string; category: StrideCategory; reason: string };

/** A threat as coverage sees it: its category and the diagram elements and flows it is attached to. */
export type AttachedThreat = { category: StrideCategory; elementIds: readonly string[] };

export type Coverage = {
  covered: number;
  applicable: number;
  /** Covered share, rounded down so that 99.5 % never shows as 100 %; null when nothing applies. */
  percent: number | null;
  /** The pairs still to answer, in the suggestions' order. */
  gaps: { elementId: string; category: StrideCategory }[];
};

const pairKey = (elementId: string, category: StrideCategory) => `${category}\u0000${elementId}`;

/** The covered share in whole percent, rounded down so that 99.5 % never shows as 100 %; null when nothing applies. */
export function coveragePercent(covered: number, applicable: number): number | null {
  return applicable === 0 ? null : Math.floor((covered * 100) / applicable);
}

/**
 * Coverage over the applicable pairs given. No applicable pair (no diagram, or everything out of
 * scope) gives a null percentage: "no diagram" is something to say, not 100 %.
 */
export function coverage(
  applicable: readonly Pick<Suggestion, "elementId" | "category">[],
  threats: readonly AttachedThreat[],
  dismissals: readonly Dismissal[],
): Coverage {
  const answered = new Set<string>();
  for (const threat of threats) for (const id of threat.elementIds) answered.add(pairKey(id, threat.category));
  for (const dismissal of dismissals) if (dismissal.reason.trim()) answered.add(pairKey(dismissal.elementId, dismissal.category));

  const seen = new Set<string>();
  const gaps: Coverage["gaps"] = [];
  let covered = 0;
  for (const { elementId, category } of applicable) {
    const key = pairKey(elementId, category);
    if (seen.has(key)) continue;
    seen.add(key);
    if (answered.has(key)) covered++;
    else gaps.push({ elementId, category });
  }
  return { covered, applicable: seen.size, percent: coveragePercent(covered, seen.size), gaps };
}

/** Coverage of a threat model across all its diagrams, from the table's suggestions. */
export function modelCoverage(
  diagrams: readonly Diagram[],
  threats: readonly AttachedThreat[],
  dismissals: readonly Dismissal[],
  options: SuggestionOptions = {},
): Coverage {
  return coverage(
    diagrams.flatMap((d) => suggestionsFor(d, options)),
    threats,
    dismissals,
  );
}

/** A model's coverage as a reader sees it: the figure, the gaps and dismissals named, from its document. */
export type NamedCoverage = Coverage & {
  /** Every element's and flow's name by id ("Data store “Sessions”"), for naming gaps and dismissals. */
  itemNames: Record<string, string>;
  dismissals: (Dismissal & { itemName: string })[];
};

/**
 * The coverage of a model's document: its diagrams' suggestions (boundaries called by the trust
 * boundaries they are linked to), answered by its threats' attachments and its dismissals.
 */
export function documentCoverage(doc: {
  diagrams?: ThreatModelDocument["diagrams"];
  threats: readonly { category: StrideCategory; elementIds?: readonly string[] }[];
  suggestionDismissals?: readonly Dismissal[];
  trustBoundaries: readonly { key?: string; name: string }[];
}): NamedCoverage {
  const diagrams = doc.diagrams ?? [];
  const boundaryNames = Object.fromEntries(doc.trustBoundaries.flatMap((b) => (b.key ? [[b.key, b.name]] : [])));
  const dismissals = (doc.suggestionDismissals ?? []).map((d) => ({ elementId: d.elementId, category: d.category, reason: d.reason }));
  const result = modelCoverage(
    diagrams,
    doc.threats.map((t) => ({ category: t.category, elementIds: t.elementIds ?? [] })),
    dismissals,
    { boundaryNames },
  );
  const itemNames: Record<string, string> = {};
  for (const d of diagrams) {
    const named = new Map(d.elements.map((e) => [e.id, e.name.trim() || e.id]));
    for (const e of d.elements) itemNames[e.id] = `${capitalized(ELEMENT_KIND_LABEL[e.kind])} “${e.name.trim() || e.id}”`;
    for (const f of d.flows)
      itemNames[f.id] = `Data flow “${f.name.trim() || f.label.trim() || `${named.get(f.from) ?? f.from} → ${named.get(f.to) ?? f.to}`}”`;
  }
  return { ...result, itemNames, dismissals: dismissals.filter((d) => d.elementId in itemNames).map((d) => ({ ...d, itemName: itemNames[d.elementId]! })) };
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
