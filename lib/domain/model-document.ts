// A whole threat model as plain data, independent of storage: what the demo seed, duplication,
// import and export all speak. Mitigations are referenced by a document-local key so one
// mitigation can cover several threats and attack scenarios. The zod schema is the definition:
// the type is inferred from it, ThreatDesk JSON extends it, and the published JSON Schema is
// generated from that (exchange/json-schema.ts). An `id` in a schema's meta names its definition
// in the published schema.
import { z } from "zod";
import {
  ASSET_CLASSIFICATIONS,
  EFFECTIVENESS_LEVELS,
  IMPACTS,
  IMPLEMENTATION_STATUSES,
  LIKELIHOODS,
  PRIORITIES,
  RISK_RATINGS,
  STRIDE_CATEGORIES,
  THREAT_MODEL_STATUSES,
} from "./threat-model";
import { diagramSchemas, MAX_DIAGRAMS_PER_MODEL } from "./diagram/schema";

/** How much one document holds: per text field, per section. */
export const DOCUMENT_LIMITS = { text: 20_000, title: 200, rows: 500 } as const;

const text = z.string().max(DOCUMENT_LIMITS.text);
export const ZCalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .describe("A calendar date, YYYY-MM-DD");
const mitigationKey = z.string().min(1).max(64);
const mitigationKeys = z.array(mitigationKey).max(DOCUMENT_LIMITS.rows);
export const rowsOf = <T extends z.ZodType>(row: T) => z.array(row).max(DOCUMENT_LIMITS.rows);

/** A row's key in the document, for diagrams to refer to it ("B1", "A2"); absent: nothing refers to it. */
const rowKey = z.string().min(1).max(64).optional().describe("Unique in the model's section; diagrams refer to it");
const ZTrustBoundary = z
  .strictObject({ key: rowKey, name: text, description: text, crossing: text.describe("What crosses the boundary") })
  .meta({ id: "trustBoundary" });
const ZAsset = z.strictObject({ key: rowKey, name: text, classification: z.enum(ASSET_CLASSIFICATIONS), compromiseImpact: text }).meta({ id: "asset" });

// In a document, elements name assets and boundaries name trust boundaries by their document key.
const diagramParts = diagramSchemas((_label, max) => z.string().max(max), z.string().min(1).max(64));
/** A stored diagram's content: what a Diagram row's JSON holds. */
export const ZDiagramContent = z.object(diagramParts.content);
export const ZDocumentDiagram = z
  .object({ id: z.string().min(1).max(64), name: z.string().min(1).max(200), ...diagramParts.content })
  .meta({ id: "diagram" })
  .describe("A data-flow diagram: elements, flows and trust boundaries. Ids are unique across the model's diagrams; threats refer to them.");
export const ZSuggestionDismissal = z
  .strictObject({ elementId: z.string().min(1).max(64), category: z.enum(STRIDE_CATEGORIES), reason: text.min(1) })
  .meta({ id: "suggestionDismissal" })
  .describe("Why a STRIDE category the diagram suggests for an element does not apply to it");
const ZThreat = z
  .strictObject({
    category: z.enum(STRIDE_CATEGORIES),
    title: text,
    description: text,
    attackVectors: z.array(text).max(DOCUMENT_LIMITS.rows),
    likelihood: z.enum(LIKELIHOODS),
    impact: z.enum(IMPACTS),
    priority: z.enum(PRIORITIES),
    priorityOverrideReason: text.nullable().optional(),
    residualRisk: z.enum(RISK_RATINGS).nullable().optional(),
    residualRiskJustification: text.optional(),
    /** Absent means no fix-by date is set yet. */
    dueDate: ZCalendarDate.describe("The fix-by date").nullable().optional(),
    mitigationKeys: mitigationKeys.describe("Keys of the model's mitigations that address this threat"),
    elementIds: z.array(z.string().min(1).max(64)).max(DOCUMENT_LIMITS.rows).optional().describe("Ids of the diagram elements and flows the threat is on"),
  })
  .meta({ id: "threat" });
const ZStrideAssessment = z
  .strictObject({ category: z.enum(STRIDE_CATEGORIES), residualRisk: z.enum(RISK_RATINGS), justification: text })
  .meta({ id: "strideAssessment" });
export const ZMitigation = z.strictObject({
  key: mitigationKey.describe("Unique in the model; threats and scenarios refer to it"),
  title: text,
  description: text,
  status: z.enum(IMPLEMENTATION_STATUSES),
  taskRef: text,
  implementedIn: text,
  dueDate: ZCalendarDate.nullable(),
  /**
   * The owning member's user id, kept when a model is copied inside its organization. Documents
   * from elsewhere (imports) leave it out; an id that is not a member's is dropped on insert.
   */
  ownerId: z
    .string()
    .max(64)
    .nullable()
    .optional()
    .describe("The owner's user id in the exporting installation; kept only when it is a member of the importing organization"),
});
const ZAttackScenario = z
  .strictObject({ title: text, description: text, likelihood: z.enum(LIKELIHOODS), impact: z.enum(IMPACTS), mitigationKeys })
  .meta({ id: "attackScenario" });
const ZSecurityControl = z
  .strictObject({ name: text, status: z.enum(IMPLEMENTATION_STATUSES), effectiveness: z.enum(EFFECTIVENESS_LEVELS) })
  .meta({ id: "securityControl" });
const ZSecurityInvariant = z
  .strictObject({
    article: z.number().int().min(1).max(9999),
    topic: text,
    condition: text.describe("WHEN …"),
    requirement: text.describe("THE SYSTEM SHALL …"),
  })
  .meta({ id: "securityInvariant" });
export const ZResidualRisk = z.strictObject({
  threatTitle: text,
  reason: text,
  riskOwner: text,
  reviewDate: ZCalendarDate,
  /**
   * Index into `threats` of the threat this risk is about. Absent: matched by `threatTitle`
   * (what a written document can say); null: about no threat row. A copy sets it, because a
   * threat may have been renamed since the risk was proposed, or share its title.
   */
  threatIndex: z.number().int().min(0).nullable().optional().describe("Index into threats; absent: matched by threatTitle; null: about no threat"),
});

export const ZThreatModelDocument = z.strictObject({
  title: z.string().min(1).max(DOCUMENT_LIMITS.title),
  featureName: text,
  version: z.string().max(64),
  status: z.enum(THREAT_MODEL_STATUSES),
  ownerTeam: text,
  category: text,
  nextReviewDate: ZCalendarDate.nullable(),
  systemDiagramRef: text,
  overview: text,
  scopeIn: text,
  scopeOut: text,
  architecture: text.describe("Markdown"),
  dataFlow: text,
  trustBoundaries: rowsOf(ZTrustBoundary),
  assets: rowsOf(ZAsset),
  threats: rowsOf(ZThreat),
  strideAssessments: rowsOf(ZStrideAssessment),
  mitigations: rowsOf(ZMitigation),
  attackScenarios: rowsOf(ZAttackScenario),
  securityControls: rowsOf(ZSecurityControl),
  securityInvariants: rowsOf(ZSecurityInvariant),
  residualRisks: rowsOf(ZResidualRisk),
  /** Absent in documents written before diagrams existed. */
  diagrams: z.array(ZDocumentDiagram).max(MAX_DIAGRAMS_PER_MODEL).optional(),
  suggestionDismissals: z.array(ZSuggestionDismissal).max(5_000).optional(),
});

export type ThreatModelDocument = z.infer<typeof ZThreatModelDocument>;

/** The document's sections made of rows, in the document's order. */
export const ROW_SECTIONS = [
  "trustBoundaries",
  "assets",
  "threats",
  "strideAssessments",
  "mitigations",
  "attackScenarios",
  "securityControls",
  "securityInvariants",
  "residualRisks",
] as const satisfies readonly (keyof ThreatModelDocument)[];

/** An empty document with every section present. */
export function emptyDocument(title: string): ThreatModelDocument {
  const noRows = Object.fromEntries(ROW_SECTIONS.map((section) => [section, []])) as unknown as Pick<ThreatModelDocument, (typeof ROW_SECTIONS)[number]>;
  return {
    title,
    featureName: "",
    version: "0.1.0",
    status: "DRAFT",
    ownerTeam: "",
    category: "",
    nextReviewDate: null,
    systemDiagramRef: "",
    overview: "",
    scopeIn: "",
    scopeOut: "",
    architecture: "",
    dataFlow: "",
    ...noRows,
  };
}
