// What the diagram's analysis panel changes in the editor's state: which diagram items a threat is
// on, threats added from a suggestion or the library, and dismissed suggestions. Pure, so that the
// editor's autosave sees each change as the one section (threats of a category, or dismissals) it is.
import type { NewDiagramThreat, NewDismissal } from "@/components/diagram/element-analysis";
import { newThreatRow, type LocalState } from "./state";

type Threats = Pick<LocalState, "threats">;
type Dismissals = Pick<LocalState, "dismissals">;

export function withThreatAttached<S extends Threats>(s: S, threatKey: string, elementId: string): S {
  return {
    ...s,
    threats: s.threats.map((t) => (t.key === threatKey && !t.elementIds.includes(elementId) ? { ...t, elementIds: [...t.elementIds, elementId] } : t)),
  };
}

export function withThreatDetached<S extends Threats>(s: S, threatKey: string, elementId: string): S {
  return { ...s, threats: s.threats.map((t) => (t.key === threatKey ? { ...t, elementIds: t.elementIds.filter((id) => id !== elementId) } : t)) };
}

/** A new threat row on the given items, at the editor's default likelihood and impact (the analyst rates it next). */
export function withThreatAdded<S extends Threats>(s: S, key: string, input: NewDiagramThreat): S {
  const row = newThreatRow(key, input.category, { title: input.title, description: input.description, elementIds: [...new Set(input.elementIds)] });
  return { ...s, threats: [...s.threats, row] };
}

/** Records a dismissal; one already recorded for the same item and category is replaced, not doubled. */
export function withDismissal<S extends Dismissals>(s: S, key: string, input: NewDismissal): S {
  const rest = s.dismissals.filter((d) => !(d.elementId === input.elementId && d.category === input.category));
  return { ...s, dismissals: [...rest, { key, elementId: input.elementId, category: input.category, reason: input.reason.trim() }] };
}

export function withoutDismissal<S extends Dismissals>(s: S, dismissalKey: string): S {
  return { ...s, dismissals: s.dismissals.filter((d) => d.key !== dismissalKey) };
}
