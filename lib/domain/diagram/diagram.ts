// The data-flow diagrams of a threat model: external entities, processes and data stores joined by
// data flows, with trust boundaries drawn as boxes or lines. A threat model holds several
// diagrams. The shape follows what OWASP Threat Dragon v2 records for its cells (actor, process,
// store, flow, boundary box and curve) so that a diagram can go to Threat Dragon and come back:
// `actor` ↔ entity, `privilegeLevel` ↔ privilege, `isALog`/`storesCredentials`/`isEncrypted` ↔
// the store's flags, `isEncrypted`/`isPublicNetwork`/`protocol` ↔ the flow's, `outOfScope` and
// `reasonOutOfScope` ↔ outOfScope and outOfScopeReason.

/** Where an element sits on the canvas; null until a layout places it (a Mermaid import has none). */
export type Position = { x: number; y: number; width?: number; height?: number };

type DiagramItem = {
  id: string;
  name: string;
  description: string;
  /** Left out of the analysis on purpose; then `outOfScopeReason` says why. */
  outOfScope: boolean;
  outOfScopeReason: string;
  /** The model's assets this item is, holds or carries. */
  assetIds?: string[];
};

/** Someone or something outside the system that talks to it: a person, or another system. */
export type ExternalEntity = DiagramItem & { kind: "entity"; actor: "human" | "system"; position: Position | null };

/** The rights a process runs with, from an ordinary user's to the operating system's. */
export const PROCESS_PRIVILEGES = ["user", "service", "admin", "system"] as const;
export type ProcessPrivilege = (typeof PROCESS_PRIVILEGES)[number];

export type Process = DiagramItem & { kind: "process"; privilege: ProcessPrivilege; handlesUntrustedInput: boolean; position: Position | null };

export type DataStore = DiagramItem & { kind: "store"; holdsCredentials: boolean; isLog: boolean; encryptedAtRest: boolean; position: Position | null };

export type DiagramElement = ExternalEntity | Process | DataStore;
export type ElementKind = DiagramElement["kind"];

/** Data moving from one element to another; `label` names the data ("session cookie"). */
export type DataFlow = DiagramItem & {
  kind: "flow";
  from: string;
  to: string;
  label: string;
  protocol: string;
  encrypted: boolean;
  crossesPublicNetwork: boolean;
  authenticated: boolean;
};

type BoundaryItem = DiagramItem & {
  /** The model's trust-boundary row this drawing stands for, if it is linked to one. */
  trustBoundaryId: string | null;
};
/** A trust boundary drawn as a box: what lies inside trusts one another more than what lies outside. */
export type TrustBoundaryBox = BoundaryItem & { kind: "box"; x: number; y: number; width: number; height: number };
/** A trust boundary drawn as a line (Threat Dragon's curve): flows that cross the line cross the boundary. */
export type TrustBoundaryLine = BoundaryItem & { kind: "line"; points: { x: number; y: number }[] };
export type TrustBoundary = TrustBoundaryBox | TrustBoundaryLine;

export type Diagram = { id: string; name: string; elements: DiagramElement[]; flows: DataFlow[]; boundaries: TrustBoundary[] };

/** Anything a threat can be attached to: an element or a flow. */
export type DiagramTarget = DiagramElement | DataFlow;

// Limits keep one diagram within what a browser canvas edits comfortably and what one database
// row holds without fuss; a real system past them is better drawn as several diagrams.
export const MAX_DIAGRAM_ELEMENTS = 500;
export const MAX_DIAGRAM_FLOWS = 1_000;
export const MAX_DIAGRAM_BYTES = 2 * 1024 * 1024;

export const ELEMENT_KIND_LABEL: Record<ElementKind | "flow" | TrustBoundary["kind"], string> = {
  entity: "external entity",
  process: "process",
  store: "data store",
  flow: "data flow",
  box: "trust boundary",
  line: "trust boundary",
};

/** How a refusal names an item: its kind and name, or its id when it has no name. */
function describe(item: { kind: keyof typeof ELEMENT_KIND_LABEL; name: string; id: string }) {
  const name = item.name.trim();
  return `${ELEMENT_KIND_LABEL[item.kind]} ${name ? `"${name}"` : `with id "${item.id}"`}`;
}

/** The diagram's size as it is stored: UTF-8 bytes of its JSON. */
export function diagramBytes(diagram: Diagram): number {
  return new TextEncoder().encode(JSON.stringify(diagram)).length;
}

const finite = (...values: (number | undefined)[]) => values.every((v) => v === undefined || Number.isFinite(v));

/**
 * Why a diagram cannot be saved, as sentences a person can act on; empty when it can. A flow
 * must join two elements of the same diagram, ids are unique across elements, flows and
 * boundaries (threats and dismissals point at them), every coordinate is a finite number, the
 * counts and the stored size stay within the limits, and leaving something out of scope needs
 * a reason a reviewer can read.
 */
export function diagramRefusals(diagram: Diagram): string[] {
  const refusals: string[] = [];
  if (diagram.elements.length > MAX_DIAGRAM_ELEMENTS)
    refusals.push(`The diagram has ${diagram.elements.length} elements; at most ${MAX_DIAGRAM_ELEMENTS} fit in one diagram. Split it into several.`);
  if (diagram.flows.length > MAX_DIAGRAM_FLOWS)
    refusals.push(`The diagram has ${diagram.flows.length} data flows; at most ${MAX_DIAGRAM_FLOWS} fit in one diagram. Split it into several.`);
  const bytes = diagramBytes(diagram);
  if (bytes > MAX_DIAGRAM_BYTES)
    refusals.push(
      `The diagram takes ${(bytes / 1024 / 1024).toFixed(1)} MB; at most ${MAX_DIAGRAM_BYTES / 1024 / 1024} MB fit in one diagram. Shorten descriptions or split it.`,
    );

  const items: (DiagramTarget | TrustBoundary)[] = [...diagram.elements, ...diagram.flows, ...diagram.boundaries];
  const seen = new Map<string, DiagramTarget | TrustBoundary>();
  for (const item of items) {
    if (!item.id.trim()) {
      refusals.push(`A ${describe(item)} has no id.`);
      continue;
    }
    const earlier = seen.get(item.id);
    if (earlier) refusals.push(`The ${describe(item)} has the same id "${item.id}" as the ${describe(earlier)}; each item needs its own.`);
    else seen.set(item.id, item);
  }

  const elementIds = new Set(diagram.elements.map((e) => e.id));
  for (const flow of diagram.flows) {
    for (const [end, id] of [
      ["start", flow.from],
      ["end", flow.to],
    ] as const) {
      if (!id.trim()) refusals.push(`The ${describe(flow)} has no ${end}: a flow must join two elements.`);
      else if (!elementIds.has(id))
        refusals.push(`The ${describe(flow)} ${end === "start" ? "starts at" : "ends at"} "${id}", which is not an element of this diagram.`);
    }
  }

  for (const element of diagram.elements) {
    const p = element.position;
    if (p && !finite(p.x, p.y, p.width, p.height)) refusals.push(`The ${describe(element)} has a position that is not a finite number.`);
  }
  for (const boundary of diagram.boundaries) {
    if (boundary.kind === "box" && !finite(boundary.x, boundary.y, boundary.width, boundary.height))
      refusals.push(`The ${describe(boundary)} has a position or size that is not a finite number.`);
    if (boundary.kind === "line") {
      if (boundary.points.some((p) => !finite(p.x, p.y))) refusals.push(`The ${describe(boundary)} has a point that is not a finite number.`);
      if (boundary.points.length < 2) refusals.push(`The ${describe(boundary)} is a line with fewer than two points.`);
    }
  }

  for (const item of items)
    if (item.outOfScope && !item.outOfScopeReason.trim()) refusals.push(`The ${describe(item)} is out of scope without a reason; say why it is left out.`);
  return refusals;
}

/**
 * Why a threat model's diagrams cannot be saved together: each diagram's own refusals, named,
 * and ids that two diagrams share (threats and dismissals name elements without their diagram).
 */
export function modelDiagramRefusals(diagrams: readonly Diagram[]): string[] {
  const refusals: string[] = [];
  const diagramIds = new Set<string>();
  const owner = new Map<string, string>();
  for (const diagram of diagrams) {
    if (diagramIds.has(diagram.id)) refusals.push(`Two diagrams have the id "${diagram.id}".`);
    diagramIds.add(diagram.id);
    for (const refusal of diagramRefusals(diagram)) refusals.push(`Diagram "${diagram.name}": ${refusal}`);
    const ids = new Set([...diagram.elements, ...diagram.flows, ...diagram.boundaries].map((i) => i.id));
    for (const id of ids) {
      const other = owner.get(id);
      if (other !== undefined)
        refusals.push(`Diagrams "${other}" and "${diagram.name}" both use the id "${id}"; ids are unique across a threat model's diagrams.`);
      else owner.set(id, diagram.name);
    }
  }
  return refusals;
}
