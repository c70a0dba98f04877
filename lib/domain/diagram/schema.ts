// The shape of a diagram as it is sent and stored, as zod schemas built from one definition. The
// editor's save validates with the app's storable-text rule, a document (import, export,
// revision snapshot) with plain strings; `text` says which. References to the model's assets
// and trust boundaries are ids in the editor and document keys in a document (see
// model-document.ts), so `ref` says how they look.
import { z } from "zod";
import { PROCESS_PRIVILEGES, type Diagram, type DiagramElement, type DataFlow, type TrustBoundary } from "./diagram";

/** How long each text of a diagram may be. */
export const DIAGRAM_TEXT_LIMITS = { name: 200, label: 500, protocol: 100, text: 20_000 } as const;
/** How many diagrams one threat model holds, and how many asset links one element has. */
export const MAX_DIAGRAMS_PER_MODEL = 20;
export const MAX_ASSET_LINKS = 50;

type Text = (label: string, max: number) => z.ZodType<string, string>;

export function diagramSchemas(text: Text, ref: z.ZodType<string, string>) {
  const name = text("A name", DIAGRAM_TEXT_LIMITS.name);
  const item = {
    id: ref,
    name,
    description: text("A description", DIAGRAM_TEXT_LIMITS.text).default(""),
    outOfScope: z.boolean().default(false),
    outOfScopeReason: text("The out-of-scope reason", DIAGRAM_TEXT_LIMITS.text).default(""),
    assetIds: z.array(ref).max(MAX_ASSET_LINKS, `An element links at most ${MAX_ASSET_LINKS} assets.`).optional(),
  };
  // z.number() refuses NaN and ±Infinity; JSON cannot carry them anyway.
  const coordinate = z.number({ message: "A coordinate must be a finite number." });
  const size = coordinate.min(0, "A size cannot be negative.");
  const position = z.object({ x: coordinate, y: coordinate, width: size.optional(), height: size.optional() }).nullable().default(null);

  const entity = z.object({ ...item, kind: z.literal("entity"), actor: z.enum(["human", "system"]).default("system"), position });
  const process = z.object({
    ...item,
    kind: z.literal("process"),
    privilege: z.enum(PROCESS_PRIVILEGES).default("service"),
    handlesUntrustedInput: z.boolean().default(false),
    position,
  });
  const store = z.object({
    ...item,
    kind: z.literal("store"),
    holdsCredentials: z.boolean().default(false),
    isLog: z.boolean().default(false),
    encryptedAtRest: z.boolean().default(false),
    position,
  });
  const element = z.discriminatedUnion("kind", [entity, process, store]);
  const flow = z.object({
    ...item,
    name: name.default(""),
    kind: z.literal("flow"),
    // Checked against the diagram's elements by diagramRefusals, which names the flow.
    from: text("A flow's start", 64),
    to: text("A flow's end", 64),
    label: text("What the flow carries", DIAGRAM_TEXT_LIMITS.label).default(""),
    protocol: text("The protocol", DIAGRAM_TEXT_LIMITS.protocol).default(""),
    encrypted: z.boolean().default(false),
    crossesPublicNetwork: z.boolean().default(false),
    authenticated: z.boolean().default(false),
  });
  const boundaryItem = { ...item, trustBoundaryId: ref.nullable().default(null) };
  const box = z.object({ ...boundaryItem, kind: z.literal("box"), x: coordinate, y: coordinate, width: size, height: size });
  const line = z.object({ ...boundaryItem, kind: z.literal("line"), points: z.array(z.object({ x: coordinate, y: coordinate })).max(500) });
  const boundary = z.discriminatedUnion("kind", [box, line]);

  /** What a diagram holds besides its identity: the stored content of one diagram row. */
  const content = {
    elements: z.array(element).max(10_000).default([]),
    flows: z.array(flow).max(10_000).default([]),
    boundaries: z.array(boundary).max(10_000).default([]),
  };
  return { element, flow, boundary, content };
}

// The schemas' output is the domain's Diagram: a change to one that the other lacks fails to compile.
type Out = ReturnType<typeof diagramSchemas>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameElement: Same<z.output<Out["element"]>, DiagramElement> = true;
const sameFlow: Same<z.output<Out["flow"]>, DataFlow> = true;
const sameBoundary: Same<z.output<Out["boundary"]>, TrustBoundary> = true;
void [sameElement, sameFlow, sameBoundary];

export type DiagramContent = Pick<Diagram, "elements" | "flows" | "boundaries">;
