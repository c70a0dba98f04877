/*
 * STRIDE per element: which threat categories to consider for each item of a data-flow diagram,
 * and why. This file is the one table of those rules; the editor's suggestions, the coverage
 * figure and any documentation are read from it.
 *
 * Every row has
 *   - an id (stable: suggestions, dismissals and tests name rows by it),
 *   - the kind of item it applies to (external entity, process, data store, data flow),
 *   - the condition, in words, and `when`, the same condition as code,
 *   - the STRIDE category it suggests,
 *   - a one-sentence reason template; `{name}`, `{data}`, `{from}`, `{to}`, `{boundaries}`,
 *     `{sources}` and `{privilege}` are filled from the item and the drawing.
 *
 * Base rows (`<kind>.base.<category>`) hold for every in-scope item of their kind, following
 * Microsoft's STRIDE-per-element chart (Shostack, "Threat Modeling: Designing for Security",
 * 2014, ch. 3):
 *
 *   external entity  S . R . . .
 *   process          S T R I D E
 *   data store       . T R I D .
 *   data flow        . T . I D .
 *
 * Refinement rows add a reason to a category the item already has, or add a category it does
 * not have by type (a data flow over a public network without authentication can be spoofed),
 * from the item's attributes and from where it sits relative to trust boundaries.
 *
 * Items out of scope get no suggestions at all; they carry the reason they were left out
 * instead. Trust boundaries themselves get none (threats are to what crosses them), and a
 * boundary that is out of scope does not count as crossed.
 */
import { STRIDE_CATEGORIES, type StrideCategory } from "../threat-model";
import type { DataFlow, Diagram, DiagramTarget, ProcessPrivilege, TrustBoundary } from "./diagram";
import { diagramGeometry } from "./geometry";

export type SuggestionKind = DiagramTarget["kind"];
type TargetOf<K extends SuggestionKind> = Extract<DiagramTarget, { kind: K }>;

/** What a row may know beyond the item itself: the drawing around it. */
export type RuleContext = {
  /** The name of an element of the diagram, by id (flows name their ends by it). */
  elementName: (id: string) => string;
  /** The in-scope trust boundaries a flow crosses. */
  crossings: (flow: DataFlow) => TrustBoundary[];
  /** The flows that end at an element. */
  incoming: (elementId: string) => DataFlow[];
  /** "the Internet boundary", "the Internet and DMZ boundaries". */
  boundaryPhrase: (boundaries: readonly TrustBoundary[]) => string;
};

type Values = Record<string, string>;

export type StrideRule<K extends SuggestionKind = SuggestionKind> = {
  id: string;
  kind: K;
  condition: string;
  category: StrideCategory;
  reason: string;
  /** The template's values when the row applies to this item (`{name}` is always given), else null. */
  when: (item: TargetOf<K>, context: RuleContext) => Values | null;
};
type AnyStrideRule = { [K in SuggestionKind]: StrideRule<K> }[SuggestionKind];

const always = () => ({});
const row = <K extends SuggestionKind>(rule: StrideRule<K>) => rule;

const PRIVILEGE_RIGHTS: Record<ProcessPrivilege, string> = {
  user: "a user's rights",
  service: "its service account's rights",
  admin: "administrator rights",
  system: "system rights",
};

/** A flow's data as a reason names it: its label in quotes, or "the data" when it has none. */
const dataOf = (flow: DataFlow) => (flow.label.trim() ? `“${flow.label.trim()}”` : "the data");
const endsOf = (flow: DataFlow, context: RuleContext) => ({ data: dataOf(flow), from: context.elementName(flow.from), to: context.elementName(flow.to) });

function reachedAcross(elementId: string, context: RuleContext): Values | null {
  const crossing = context.incoming(elementId).filter((flow) => context.crossings(flow).length > 0);
  if (crossing.length === 0) return null;
  const boundaries = [...new Set(crossing.flatMap((flow) => context.crossings(flow)))];
  const sources = [...new Set(crossing.map((flow) => context.elementName(flow.from)))];
  return { boundaries: context.boundaryPhrase(boundaries), sources: listOf(sources) };
}

/** The STRIDE-per-element table. Order matters only for the order of reasons: base rows first. */
export const STRIDE_PER_ELEMENT: readonly AnyStrideRule[] = [
  // External entities: someone or something outside the system's control.
  row({
    id: "entity.base.spoofing",
    kind: "entity",
    condition: "every external entity",
    category: "SPOOFING",
    reason: "Anyone can claim to be {name} unless the system checks who is calling.",
    when: always,
  }),
  row({
    id: "entity.base.repudiation",
    kind: "entity",
    condition: "every external entity",
    category: "REPUDIATION",
    reason: "{name} acts from outside the system and can deny what it did unless its actions are recorded with its identity.",
    when: always,
  }),
  // Processes: code that runs, so every category applies.
  row({
    id: "process.base.spoofing",
    kind: "process",
    condition: "every process",
    category: "SPOOFING",
    reason: "Callers and the parts {name} calls can be tricked into talking to an impostor of it.",
    when: always,
  }),
  row({
    id: "process.base.tampering",
    kind: "process",
    condition: "every process",
    category: "TAMPERING",
    reason: "Whoever can change {name}'s code, configuration or memory changes what it does.",
    when: always,
  }),
  row({
    id: "process.base.repudiation",
    kind: "process",
    condition: "every process",
    category: "REPUDIATION",
    reason: "{name} acts on requests, and unless it records who asked for what, those actions can be denied.",
    when: always,
  }),
  row({
    id: "process.base.information-disclosure",
    kind: "process",
    condition: "every process",
    category: "INFORMATION_DISCLOSURE",
    reason: "{name} holds data in memory and writes errors and logs, any of which can leak it.",
    when: always,
  }),
  row({
    id: "process.base.denial-of-service",
    kind: "process",
    condition: "every process",
    category: "DENIAL_OF_SERVICE",
    reason: "{name} can be flooded or crashed, stopping everything that depends on it.",
    when: always,
  }),
  row({
    id: "process.base.elevation-of-privilege",
    kind: "process",
    condition: "every process",
    category: "ELEVATION_OF_PRIVILEGE",
    reason: "A caller who gets {name} to do more than they may do gains its rights.",
    when: always,
  }),
  // Data stores: data at rest.
  row({
    id: "store.base.tampering",
    kind: "store",
    condition: "every data store",
    category: "TAMPERING",
    reason: "Whoever can write to {name} directly changes what the system relies on.",
    when: always,
  }),
  row({
    id: "store.base.repudiation",
    kind: "store",
    condition: "every data store",
    category: "REPUDIATION",
    reason: "Changes to {name} can be denied unless they are recorded with who made them.",
    when: always,
  }),
  row({
    id: "store.base.information-disclosure",
    kind: "store",
    condition: "every data store",
    category: "INFORMATION_DISCLOSURE",
    reason: "Whoever can read {name} or its backups directly sees everything it holds.",
    when: always,
  }),
  row({
    id: "store.base.denial-of-service",
    kind: "store",
    condition: "every data store",
    category: "DENIAL_OF_SERVICE",
    reason: "{name} can be filled up, locked or deleted, stopping everything that reads from it.",
    when: always,
  }),
  // Data flows: data in transit.
  row({
    id: "flow.base.tampering",
    kind: "flow",
    condition: "every data flow",
    category: "TAMPERING",
    reason: "{data} can be changed on its way from {from} to {to}.",
    when: endsOf,
  }),
  row({
    id: "flow.base.information-disclosure",
    kind: "flow",
    condition: "every data flow",
    category: "INFORMATION_DISCLOSURE",
    reason: "{data} can be read on its way from {from} to {to}.",
    when: endsOf,
  }),
  row({
    id: "flow.base.denial-of-service",
    kind: "flow",
    condition: "every data flow",
    category: "DENIAL_OF_SERVICE",
    reason: "The flow of {data} from {from} to {to} can be cut or flooded.",
    when: endsOf,
  }),

  // Refinements.
  row({
    id: "entity.human.spoofing",
    kind: "entity",
    condition: "the external entity is a person",
    category: "SPOOFING",
    reason: "{name} signs in as a person: credentials can be phished or guessed.",
    when: (entity) => (entity.actor === "human" ? {} : null),
  }),
  row({
    id: "process.reachable-across-boundary.spoofing",
    kind: "process",
    condition: "a flow into the process crosses a trust boundary",
    category: "SPOOFING",
    reason: "{name} is reached from across {boundaries} (from {sources}), so it must tell genuine callers from impostors.",
    when: (process, context) => reachedAcross(process.id, context),
  }),
  row({
    id: "process.reachable-across-boundary.elevation-of-privilege",
    kind: "process",
    condition: "a flow into the process crosses a trust boundary",
    category: "ELEVATION_OF_PRIVILEGE",
    reason: "{name} is reached from across {boundaries} (from {sources}), so a caller on the less trusted side may get it to act with {privilege}.",
    when: (process, context) => {
      const values = reachedAcross(process.id, context);
      return values && { ...values, privilege: PRIVILEGE_RIGHTS[process.privilege] };
    },
  }),
  row({
    id: "process.untrusted-input.tampering",
    kind: "process",
    condition: "the process handles untrusted input",
    category: "TAMPERING",
    reason: "{name} handles untrusted input, so crafted data can change what it does or what it stores.",
    when: (process) => (process.handlesUntrustedInput ? {} : null),
  }),
  row({
    id: "process.untrusted-input.elevation-of-privilege",
    kind: "process",
    condition: "the process handles untrusted input",
    category: "ELEVATION_OF_PRIVILEGE",
    reason: "{name} handles untrusted input, so an injection can make it run an attacker's commands with {privilege}.",
    when: (process) => (process.handlesUntrustedInput ? { privilege: PRIVILEGE_RIGHTS[process.privilege] } : null),
  }),
  row({
    id: "process.privileged.elevation-of-privilege",
    kind: "process",
    condition: "the process runs with administrator or system privilege",
    category: "ELEVATION_OF_PRIVILEGE",
    reason: "{name} runs with {privilege}, and whoever takes it over gets them too.",
    when: (process) => (process.privilege === "admin" || process.privilege === "system" ? { privilege: PRIVILEGE_RIGHTS[process.privilege] } : null),
  }),
  row({
    id: "store.credentials.information-disclosure",
    kind: "store",
    condition: "the data store holds credentials",
    category: "INFORMATION_DISCLOSURE",
    reason: "{name} holds credentials: whoever reads them can sign in as the accounts they belong to.",
    when: (store) => (store.holdsCredentials ? {} : null),
  }),
  row({
    id: "store.unencrypted-at-rest.information-disclosure",
    kind: "store",
    condition: "the data store is not encrypted at rest",
    category: "INFORMATION_DISCLOSURE",
    reason: "{name} is not encrypted at rest, so a copied disk, snapshot or backup gives away what it holds.",
    when: (store) => (store.encryptedAtRest ? null : {}),
  }),
  row({
    id: "store.log.repudiation",
    kind: "store",
    condition: "the data store is a log",
    category: "REPUDIATION",
    reason: "{name} is the audit record: if it can be altered, actions can be denied.",
    when: (store) => (store.isLog ? {} : null),
  }),
  row({
    id: "store.log.tampering",
    kind: "store",
    condition: "the data store is a log",
    category: "TAMPERING",
    reason: "{name} is the audit record, so whoever can change it can erase the traces of an attack.",
    when: (store) => (store.isLog ? {} : null),
  }),
  row({
    id: "flow.unencrypted-across-boundary.information-disclosure",
    kind: "flow",
    condition: "the data flow crosses a trust boundary without encryption",
    category: "INFORMATION_DISCLOSURE",
    reason: "{name} crosses {boundaries} without encryption, so anyone on the path can read {data}.",
    when: (flow, context) => unencryptedAcross(flow, context),
  }),
  row({
    id: "flow.unencrypted-across-boundary.tampering",
    kind: "flow",
    condition: "the data flow crosses a trust boundary without encryption",
    category: "TAMPERING",
    reason: "{name} crosses {boundaries} without encryption, so anyone on the path can change {data}.",
    when: (flow, context) => unencryptedAcross(flow, context),
  }),
  row({
    id: "flow.public-network-unencrypted.information-disclosure",
    kind: "flow",
    condition: "the data flow crosses a public network without encryption",
    category: "INFORMATION_DISCLOSURE",
    reason: "{name} travels over a public network without encryption, so anyone on that network can read {data}.",
    when: (flow) => (flow.crossesPublicNetwork && !flow.encrypted ? { data: dataOf(flow) } : null),
  }),
  row({
    id: "flow.public-network-unauthenticated.spoofing",
    kind: "flow",
    condition: "the data flow crosses a public network without authentication",
    category: "SPOOFING",
    reason: "{name} travels over a public network without authentication, so anyone there can send {data} pretending to be {from}.",
    when: (flow, context) => (flow.crossesPublicNetwork && !flow.authenticated ? endsOf(flow, context) : null),
  }),
];

function unencryptedAcross(flow: DataFlow, context: RuleContext): Values | null {
  const crossed = context.crossings(flow);
  return crossed.length > 0 && !flow.encrypted ? { data: dataOf(flow), boundaries: context.boundaryPhrase(crossed) } : null;
}

/** "A", "A and B", "A, B and C". */
function listOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function fill(template: string, values: Values): string {
  const text = template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One category to consider for one element or flow, with every reason the table gives for it. */
export type Suggestion = { elementId: string; category: StrideCategory; reasons: string[]; ruleIds: string[] };

export type SuggestionOptions = {
  /**
   * The names of the threat model's trust boundaries by row id: a drawn boundary linked to a row
   * is called by the row's name, so renaming the row renames it in every reason.
   */
  boundaryNames?: Readonly<Record<string, string>>;
};

/** How an item is named in a reason when it has no name of its own. */
function displayName(item: DiagramTarget, elementName: (id: string) => string): string {
  if (item.name.trim()) return item.name.trim();
  if (item.kind === "flow") return `the flow from ${elementName(item.from)} to ${elementName(item.to)}`;
  return { entity: "this external entity", process: "this process", store: "this data store" }[item.kind];
}

/**
 * The STRIDE categories to consider for each in-scope element and flow of a diagram, in the
 * diagram's order and STRIDE order, each with its reasons (the base reason first) and the ids of
 * the rows that gave them.
 */
export function suggestionsFor(diagram: Diagram, options: SuggestionOptions = {}): Suggestion[] {
  const inScope = { ...diagram, boundaries: diagram.boundaries.filter((b) => !b.outOfScope) };
  const { crossings } = diagramGeometry(inScope);
  const elementNames = new Map(diagram.elements.map((e) => [e.id, e]));
  const elementName = (id: string): string => {
    const element = elementNames.get(id);
    return element ? displayName(element, () => "") : "an unknown element";
  };
  const incoming = new Map<string, DataFlow[]>();
  for (const flow of diagram.flows) incoming.set(flow.to, [...(incoming.get(flow.to) ?? []), flow]);
  const boundaryName = (b: TrustBoundary) => ((b.trustBoundaryId && options.boundaryNames?.[b.trustBoundaryId]) || b.name).trim().replace(/\s+boundary$/i, "");
  const context: RuleContext = {
    elementName,
    crossings: (flow) => crossings.get(flow.id) ?? [],
    incoming: (id) => incoming.get(id) ?? [],
    boundaryPhrase: (boundaries) => {
      const names = [...new Set(boundaries.map(boundaryName))].map((n) => n || "unnamed");
      return `the ${listOf(names)} ${names.length > 1 ? "boundaries" : "boundary"}`;
    },
  };

  const suggestions: Suggestion[] = [];
  for (const item of [...diagram.elements, ...diagram.flows]) {
    if (item.outOfScope) continue;
    const byCategory = new Map<StrideCategory, Suggestion>();
    const name = displayName(item, elementName);
    for (const rule of STRIDE_PER_ELEMENT) {
      if (rule.kind !== item.kind) continue;
      // The kind check above is what makes the item the row's kind; TypeScript cannot follow it.
      const values = (rule.when as (item: DiagramTarget, context: RuleContext) => Values | null)(item, context);
      if (!values) continue;
      const suggestion = byCategory.get(rule.category) ?? { elementId: item.id, category: rule.category, reasons: [], ruleIds: [] };
      suggestion.reasons.push(fill(rule.reason, { name, ...values }));
      suggestion.ruleIds.push(rule.id);
      byCategory.set(rule.category, suggestion);
    }
    for (const category of STRIDE_CATEGORIES) {
      const suggestion = byCategory.get(category);
      if (suggestion) suggestions.push(suggestion);
    }
  }
  return suggestions;
}
