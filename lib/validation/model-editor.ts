// What the threat-model editor may send. The same schemas validate in the browser (field
// messages before a round trip) and on the server (the only check that counts).
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
} from "@/lib/domain/threat-model";
import { diagramSchemas, MAX_DIAGRAMS_PER_MODEL } from "@/lib/domain/diagram/schema";
import { ZCalendarDate, ZId, ZText } from "./fields";

export const LIMITS = {
  title: 200,
  shortText: 500,
  text: 20_000,
  threatsPerModel: 500,
  rowsPerSection: 300,
  attackVectorsPerThreat: 50,
  linksPerRow: 100,
} as const;

const limitedText = (label: string, max: number) => ZText().max(max, `${label} has at most ${max.toLocaleString("en")} characters.`);
const text = (label: string, max: number = LIMITS.text) => limitedText(label, max).default("");
const requiredText = (label: string, max: number = LIMITS.title) =>
  ZText()
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} has at most ${max.toLocaleString("en")} characters.`);
const enumOf = <T extends readonly [string, ...string[]]>(values: T, label: string) => z.enum(values, { message: `Choose a valid ${label}.` });

/** A row as the editor holds it: `key` is the browser's own id, `id` the database's once saved. */
const row = { key: ZText().min(1).max(64), id: ZId.optional() };
const links = z.array(ZId).max(LIMITS.linksPerRow, `At most ${LIMITS.linksPerRow} links.`).default([]);

// No defaults here: a save names only the fields it changes, and a default would blank the rest.
export const ZModelFields = z
  .object({
    title: requiredText("The title"),
    featureName: limitedText("The feature name", LIMITS.title),
    version: ZText()
      .trim()
      .regex(/^\d+\.\d+\.\d+$/, "Use a version like 1.0.0."),
    ownerId: ZId.nullable(),
    ownerTeam: limitedText("The owning team", LIMITS.title),
    category: limitedText("The category", 100),
    nextReviewDate: ZCalendarDate("The next review date").nullable(),
    systemDiagramRef: limitedText("The diagram reference", LIMITS.shortText),
    overview: limitedText("The overview", LIMITS.text),
    scopeIn: limitedText("What is in scope", LIMITS.text),
    scopeOut: limitedText("What is out of scope", LIMITS.text),
    architecture: limitedText("The architecture", LIMITS.text),
    dataFlow: limitedText("The data-flow description", LIMITS.text),
  })
  .partial();
export type TModelFields = z.infer<typeof ZModelFields>;

export const ZTrustBoundaryRow = z.object({
  ...row,
  name: requiredText("A boundary's name"),
  description: text("The description", LIMITS.text),
  crossing: text("What crosses it", LIMITS.text),
});
export const ZAssetRow = z.object({
  ...row,
  name: requiredText("An asset's name"),
  classification: enumOf(ASSET_CLASSIFICATIONS, "classification"),
  compromiseImpact: text("The impact if compromised"),
});

export const ZThreatRow = z
  .object({
    ...row,
    category: enumOf(STRIDE_CATEGORIES, "STRIDE category"),
    title: requiredText("A threat's title"),
    description: text("The description"),
    attackVectors: z
      .array(ZText().trim().min(1).max(LIMITS.shortText, `An attack vector has at most ${LIMITS.shortText} characters.`))
      .max(LIMITS.attackVectorsPerThreat)
      .default([]),
    likelihood: enumOf(LIKELIHOODS, "likelihood"),
    impact: enumOf(IMPACTS, "impact"),
    /** Null: the matrix decides. */
    priorityOverride: enumOf(PRIORITIES, "priority").nullable().default(null),
    priorityOverrideReason: ZText().trim().max(LIMITS.shortText).default(""),
    residualRisk: enumOf(RISK_RATINGS, "residual risk").nullable().default(null),
    residualRiskJustification: text("The justification"),
    mitigationIds: links,
    /** The diagram elements and flows it is on; ids no longer in the model's diagrams are dropped on save. */
    elementIds: z.array(ZId).max(LIMITS.linksPerRow, `A threat is on at most ${LIMITS.linksPerRow} diagram items.`).default([]),
  })
  .refine((t) => t.priorityOverride === null || t.priorityOverrideReason.length > 0, {
    message: "Say why the priority differs from the suggested one.",
    path: ["priorityOverrideReason"],
  });

export const ZMitigationRow = z.object({
  ...row,
  title: requiredText("A mitigation's title"),
  description: text("The description"),
  status: enumOf(IMPLEMENTATION_STATUSES, "status"),
  taskRef: text("The task ID or ticket URL", LIMITS.shortText),
  implementedIn: text("Implemented in", LIMITS.shortText),
  ownerId: ZId.nullable().default(null),
  dueDate: ZCalendarDate("The due date").nullable().default(null),
});

export const ZScenarioRow = z.object({
  ...row,
  title: requiredText("A scenario's title"),
  description: text("The scenario"),
  likelihood: enumOf(LIKELIHOODS, "likelihood"),
  impact: enumOf(IMPACTS, "impact"),
  mitigationIds: links,
});

export const ZControlRow = z.object({
  ...row,
  name: requiredText("A control's name"),
  status: enumOf(IMPLEMENTATION_STATUSES, "status"),
  effectiveness: enumOf(EFFECTIVENESS_LEVELS, "effectiveness"),
});

export const ZInvariantRow = z.object({
  ...row,
  article: z.coerce
    .number({ message: "The article number must be a number." })
    .int("The article number must be a whole number.")
    .min(1, "Article numbers start at 1.")
    .max(9999),
  topic: requiredText("An invariant's topic"),
  condition: requiredText("The WHEN condition", LIMITS.text),
  requirement: requiredText("THE SYSTEM SHALL requirement", LIMITS.text),
});

export const ZResidualRiskRow = z.object({
  ...row,
  threatId: ZId.nullable().default(null),
  threatTitle: requiredText("The threat"),
  reason: requiredText("Why it is accepted", LIMITS.text),
  riskOwner: requiredText("The risk owner"),
  reviewDate: ZCalendarDate("The review date"),
});

export const ZStrideAssessment = z.object({
  category: enumOf(STRIDE_CATEGORIES, "STRIDE category"),
  residualRisk: enumOf(RISK_RATINGS, "residual risk").nullable(),
  justification: text("The justification"),
});

const diagramParts = diagramSchemas(limitedText, ZId);
/** One diagram: its items are checked together (ids, both ends of each flow, limits) by diagramRefusals on save. */
export const ZDiagramRow = z.object({ ...row, name: requiredText("A diagram's name"), ...diagramParts.content });

export const ZDismissalRow = z.object({
  ...row,
  elementId: ZId,
  category: enumOf(STRIDE_CATEGORIES, "STRIDE category"),
  reason: requiredText("Why it does not apply", LIMITS.text),
});
export const MAX_DISMISSALS = 3_000;

const rows = <T extends z.ZodType>(schema: T, label: string) => z.array(schema).max(LIMITS.rowsPerSection, `At most ${LIMITS.rowsPerSection} ${label}.`);

/** One save of one section: the whole section as the editor has it now. */
export const ZSectionSave = z.discriminatedUnion("section", [
  z.object({ section: z.literal("fields"), data: ZModelFields }),
  z.object({ section: z.literal("trustBoundaries"), data: rows(ZTrustBoundaryRow, "trust boundaries") }),
  z.object({ section: z.literal("assets"), data: rows(ZAssetRow, "assets") }),
  z.object({
    section: z.literal("threats"),
    category: enumOf(STRIDE_CATEGORIES, "STRIDE category"),
    data: z.array(ZThreatRow).max(LIMITS.threatsPerModel, `A model has at most ${LIMITS.threatsPerModel} threats.`),
  }),
  z.object({ section: z.literal("strideAssessment"), data: ZStrideAssessment }),
  z.object({ section: z.literal("mitigations"), data: rows(ZMitigationRow, "mitigations") }),
  z.object({ section: z.literal("scenarios"), data: rows(ZScenarioRow, "attack scenarios") }),
  z.object({ section: z.literal("controls"), data: rows(ZControlRow, "security controls") }),
  z.object({ section: z.literal("invariants"), data: rows(ZInvariantRow, "security invariants") }),
  z.object({ section: z.literal("residualRisks"), data: rows(ZResidualRiskRow, "residual risks") }),
  z.object({
    section: z.literal("diagrams"),
    data: z.array(ZDiagramRow).max(MAX_DIAGRAMS_PER_MODEL, `A model has at most ${MAX_DIAGRAMS_PER_MODEL} diagrams.`),
  }),
  z.object({
    section: z.literal("dismissals"),
    data: z.array(ZDismissalRow).max(MAX_DISMISSALS, `A model has at most ${MAX_DISMISSALS.toLocaleString("en")} dismissed suggestions.`),
  }),
]);
export type TSectionSave = z.infer<typeof ZSectionSave>;
export type SectionName = TSectionSave["section"];

/**
 * What the section held when its author started editing (the last version this editor saved or
 * loaded), in the same shape as the save's data. It is only compared with what is stored, never
 * written, so it is checked for shape and size only.
 */
export const ZSectionBase = z.union([z.array(z.looseObject({ id: ZId.optional() })).max(LIMITS.threatsPerModel), z.record(ZText().max(64), z.unknown())]);
export type TSectionBase = z.infer<typeof ZSectionBase>;

/**
 * A save names the lockVersion it was based on. With a base, fields and rows nobody else
 * changed since are merged in, and only a field both changed is a conflict; without one, any
 * write in between is a conflict.
 */
export const ZSaveSection = z.object({ modelId: ZId, lockVersion: z.number().int().min(1), save: ZSectionSave, base: ZSectionBase.optional() });

/**
 * A section's data as the server stores it (texts trimmed where the schema trims them), so a
 * base, a save and the stored version compare equal when they mean the same. Rows or fields
 * that do not parse are left as they are.
 */
export function normalizedSectionData(save: TSectionSave, data: unknown): unknown {
  const parsed = ZSectionSave.safeParse({ ...save, data });
  if (parsed.success) return parsed.data.data;
  if (!Array.isArray(data)) return data;
  return data.map((row) => {
    const one = ZSectionSave.safeParse({ ...save, data: [row] });
    return one.success ? (one.data.data as unknown[])[0] : row;
  });
}
export type TSaveSection = z.input<typeof ZSaveSection>;

export const ZModelRef = z.object({ modelId: ZId });

export const TRANSFER_MODES = ["copy", "move"] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

/**
 * Copies or moves one saved threat to another model. A move changes the source model too, so it
 * names the source's lockVersion like every other editor write.
 */
export const ZTransferThreat = z.object({
  threatId: ZId,
  sourceLockVersion: z.number().int().min(1),
  targetModelId: ZId,
  mode: enumOf(TRANSFER_MODES, "action (copy or move)"),
});
export type TTransferThreat = z.infer<typeof ZTransferThreat>;
