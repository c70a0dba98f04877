import { z } from "zod";
import { THREAT_MODEL_STATUSES } from "@/lib/domain/threat-model";

export const TITLE_MAX = 200;
export const TEXT_MAX = 20_000;

export const ZThreatModelTitle = z
  .string()
  .trim()
  .min(1, "Give the threat model a title.")
  .max(TITLE_MAX, `A title has at most ${TITLE_MAX} characters.`);

export const ZCreateThreatModel = z.object({
  title: ZThreatModelTitle,
  featureName: z.string().trim().max(TITLE_MAX, `A feature name has at most ${TITLE_MAX} characters.`).default(""),
  category: z.string().trim().max(100, "A category has at most 100 characters.").default(""),
});
export type TCreateThreatModel = z.infer<typeof ZCreateThreatModel>;

export const ZListThreatModels = z.object({
  status: z.enum(THREAT_MODEL_STATUSES).optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type TListThreatModels = z.infer<typeof ZListThreatModels>;
