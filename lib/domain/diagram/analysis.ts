// What the diagram's analysis panel shows for one element or flow: how each STRIDE suggestion is
// answered, which library threats fit it, the title a threat accepted from a suggestion gets, and
// how a gap names the item it is on. The suggestions themselves come from stride-per-element.ts
// and what counts as answered from coverage.ts; this file only reads them.
import { compareLibraryEntries, type LibraryEntry } from "../threat-library";
import { STRIDE_LABELS, type StrideCategory } from "../threat-model";
import { ELEMENT_KIND_LABEL, type Diagram, type DiagramTarget } from "./diagram";
import type { AttachedThreat, Dismissal } from "./coverage";
import { DIAGRAM_TEXT_LIMITS } from "./schema";
import type { Suggestion } from "./stride-per-element";

/** An element or flow of any of the diagrams, by id; undefined for a boundary or an unknown id. */
export function findTarget(diagrams: readonly Diagram[], id: string): DiagramTarget | undefined {
  for (const diagram of diagrams) {
    const target = diagram.elements.find((e) => e.id === id) ?? diagram.flows.find((f) => f.id === id);
    if (target) return target;
  }
  return undefined;
}

/**
 * How an item reads on its own, without its kind: its name; for a flow without one, what it
 * carries and between which elements; for an element without one, "unnamed".
 */
export function targetName(diagrams: readonly Diagram[], target: DiagramTarget): string {
  if (target.name.trim()) return target.name.trim();
  if (target.kind !== "flow") return "unnamed";
  const end = (id: string) => findTarget(diagrams, id)?.name.trim() || "an unnamed element";
  const route = `from ${end(target.from)} to ${end(target.to)}`;
  return target.label.trim() ? `${target.label.trim()} ${route}` : route;
}

/** "Data store “Sessions”", "Data flow “session cookie from Browser to API”": how a gap names its item. */
export function describeTarget(diagrams: readonly Diagram[], id: string): string {
  const target = findTarget(diagrams, id);
  if (!target) return "An item no longer on any diagram";
  const kind = ELEMENT_KIND_LABEL[target.kind];
  return `${kind.charAt(0).toUpperCase()}${kind.slice(1)} “${targetName(diagrams, target)}”`;
}

/** How one suggestion stands: answered by threats attached here, dismissed with a reason, or still open. */
export type SuggestionAnswer<T, D> = { state: "covered"; threats: T[]; dismissal: D | undefined } | { state: "dismissed"; dismissal: D } | { state: "gap" };

/**
 * How a suggestion for an element is answered, by the same rule coverage counts with: a threat of
 * its category attached to the element covers it; otherwise a dismissal with a reason does. A
 * threat wins over a dismissal, which is still returned so that it can be undone.
 */
export function answerOf<T extends AttachedThreat, D extends Dismissal>(
  suggestion: Pick<Suggestion, "elementId" | "category">,
  threats: readonly T[],
  dismissals: readonly D[],
): SuggestionAnswer<T, D> {
  const here = threats.filter((t) => t.category === suggestion.category && t.elementIds.includes(suggestion.elementId));
  const dismissal = dismissals.find((d) => d.category === suggestion.category && d.elementId === suggestion.elementId && d.reason.trim());
  if (here.length > 0) return { state: "covered", threats: here, dismissal };
  if (dismissal) return { state: "dismissed", dismissal };
  return { state: "gap" };
}

// Words too common, or in every reason of the table, to say that a library threat is about the
// same thing as an element.
const STOP_WORDS = new Set(
  (
    "a an and any are as at be by can for from has in into is it its of on or the their them to via what who with without whoever unless so this that " +
    "anyone every data system process flow store element"
  ).split(" "),
);

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !STOP_WORDS.has(w)),
  );
}

/**
 * The library threats of a suggestion's category, best first: those that share more words with
 * the item (its name, label, protocol, description) and the suggestion's reasons come first, the
 * rest in the library's order. A library entry has no notion of elements, so shared words are
 * the only evidence of a closer fit.
 */
export function libraryMatches<E extends LibraryEntry>(
  suggestion: Pick<Suggestion, "category" | "reasons">,
  target: DiagramTarget,
  library: readonly E[],
): { entry: E; sharedWords: number }[] {
  const context = words([target.name, target.description, ...(target.kind === "flow" ? [target.label, target.protocol] : []), ...suggestion.reasons].join(" "));
  return library
    .filter((entry) => entry.category === suggestion.category)
    .map((entry) => {
      const own = words(`${entry.title} ${entry.description}`);
      let sharedWords = 0;
      for (const word of own) if (context.has(word)) sharedWords++;
      return { entry, sharedWords };
    })
    .sort((a, b) => b.sharedWords - a.sharedWords || compareLibraryEntries(a.entry, b.entry));
}

/** "Tampering of Sessions": the title of a threat accepted from a suggestion no library threat fits. */
export function defaultThreatTitle(category: StrideCategory, name: string): string {
  return `${STRIDE_LABELS[category].name} of ${name}`;
}

/**
 * The threat a suggestion's "Accept" adds: the best library match's title and description when one
 * shares at least a word with the item and the reasons (a threat merely of the same category would
 * be a guess), otherwise "<Category> of <item>" with the suggestion's reasons as its description.
 */
export function acceptedThreat(
  suggestion: Pick<Suggestion, "category" | "reasons">,
  target: DiagramTarget,
  name: string,
  library: readonly LibraryEntry[],
): { category: StrideCategory; title: string; description: string } {
  const best = libraryMatches(suggestion, target, library)[0];
  if (best && best.sharedWords > 0) return { category: suggestion.category, title: best.entry.title, description: best.entry.description };
  return { category: suggestion.category, title: defaultThreatTitle(suggestion.category, name), description: suggestion.reasons.join(" ") };
}

/** The longest reason a dismissal keeps: the length of a diagram's text fields. */
export const MAX_DISMISSAL_REASON = DIAGRAM_TEXT_LIMITS.text;

/** Why a dismissal's reason cannot be recorded, as a sentence; null when it can. */
export function dismissalReasonProblem(reason: string, category: StrideCategory, name: string): string | null {
  const text = reason.trim();
  if (!text) return `Say why ${STRIDE_LABELS[category].name} does not apply to ${name}: a dismissal without a reason is not recorded.`;
  if (text.length > MAX_DISMISSAL_REASON) return `A reason has at most ${MAX_DISMISSAL_REASON.toLocaleString("en")} characters.`;
  return null;
}
