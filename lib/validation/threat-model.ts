import { z } from "zod";
import { THREAT_MODEL_STATUSES } from "@/lib/domain/threat-model";

export const TITLE_MAX = 200;
export const TEXT_MAX = 20_000;

export const ZThreatModelTitle = z.string().trim().min(1, "Give the threat model a title.").max(TITLE_MAX, `A title has at most ${TITLE_MAX} characters.`);

/** Where a new model's rows come from: nothing, or the team template's example rows. */
export const MODEL_STARTS = ["blank", "template"] as const;
export type ModelStart = (typeof MODEL_STARTS)[number];

export const ZCreateThreatModel = z.object({
  title: ZThreatModelTitle,
  featureName: z.string().trim().max(TITLE_MAX, `A feature name has at most ${TITLE_MAX} characters.`).default(""),
  category: z.string().trim().max(100, "A category has at most 100 characters.").default(""),
  start: z.enum(MODEL_STARTS, "Choose a blank model or the team template.").default("blank"),
});
export type TCreateThreatModel = z.infer<typeof ZCreateThreatModel>;

const ZModelId = z.string().trim().min(1, "Choose a threat model.").max(100);

export const ZDuplicateThreatModel = z.object({ id: ZModelId });
export type TDuplicateThreatModel = z.infer<typeof ZDuplicateThreatModel>;

/** The message both the dialog and the server show when the typed title is not the model's. */
export const DELETE_TITLE_MISMATCH = "Type the model’s title exactly as shown to delete it.";

export const ZDeleteThreatModel = z.object({
  id: ZModelId,
  // Trimmed like stored titles are; otherwise the match is exact, case included.
  title: z.string().trim().min(1, "Type the model’s title to confirm.").max(TITLE_MAX, DELETE_TITLE_MISMATCH),
});
export type TDeleteThreatModel = z.infer<typeof ZDeleteThreatModel>;

/** The columns the models list sorts by, on the server. */
export const MODEL_SORTS = ["title", "status", "version", "owner", "nextReview", "updated", "openCritical", "openHigh"] as const;
export type ModelSort = (typeof MODEL_SORTS)[number];
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/**
 * The direction a column sorts in when first chosen: words A→Z, the soonest review first, and
 * the most recent or most threatened models first.
 */
export const DEFAULT_SORT_DIRECTION: Record<ModelSort, SortDirection> = {
  title: "asc",
  status: "asc",
  version: "desc",
  owner: "asc",
  nextReview: "asc",
  updated: "desc",
  openCritical: "desc",
  openHigh: "desc",
};

export const DEFAULT_PAGE_SIZE = 25;
export const PAGE_SIZES = [10, 25, 50, 100] as const;

export const ZListThreatModels = z.object({
  status: z.enum(THREAT_MODEL_STATUSES).optional(),
  q: z.string().trim().max(200).optional(),
  /** A member's user id. */
  owner: z.string().trim().min(1).max(100).optional(),
  /** Exact match on the model's category. */
  category: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(MODEL_SORTS).default("updated"),
  /** Omitted: the column's natural direction (DEFAULT_SORT_DIRECTION). */
  dir: z.enum(SORT_DIRECTIONS).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(DEFAULT_PAGE_SIZE),
});
export type TListThreatModels = z.infer<typeof ZListThreatModels>;

const LIST_KEYS = Object.keys(ZListThreatModels.shape) as (keyof typeof ZListThreatModels.shape)[];

/**
 * Reads the list's URL search params for a page: empty and repeated values are ignored, and a
 * value that does not parse falls back to its default without discarding the valid ones, so a
 * hand-edited URL still shows a sensible list instead of an error. (The API route parses
 * strictly with ZListThreatModels and answers 422 instead.)
 */
export function parseListSearchParams(raw: Record<string, string | string[] | undefined>): TListThreatModels {
  const input: Record<string, string> = {};
  for (const key of LIST_KEYS) {
    const value = raw[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first && first.trim()) input[key] = first;
  }
  const parsed = ZListThreatModels.safeParse(input);
  if (parsed.success) return parsed.data;
  const invalid = new Set(parsed.error.issues.map((issue) => issue.path[0]));
  const kept = Object.fromEntries(Object.entries(input).filter(([key]) => !invalid.has(key)));
  return ZListThreatModels.safeParse(kept).data ?? ZListThreatModels.parse({});
}

/**
 * The inverse of parseListSearchParams: a list state as URL search params, leaving out every
 * default so links stay short and a shared URL means the same list.
 */
export function listSearchParams(state: Partial<TListThreatModels>): URLSearchParams {
  const sp = new URLSearchParams();
  const sort = state.sort ?? "updated";
  if (state.q) sp.set("q", state.q);
  if (state.status) sp.set("status", state.status);
  if (state.owner) sp.set("owner", state.owner);
  if (state.category) sp.set("category", state.category);
  if (sort !== "updated") sp.set("sort", sort);
  if (state.dir && state.dir !== DEFAULT_SORT_DIRECTION[sort]) sp.set("dir", state.dir);
  if (state.page && state.page > 1) sp.set("page", String(state.page));
  if (state.pageSize && state.pageSize !== DEFAULT_PAGE_SIZE) sp.set("pageSize", String(state.pageSize));
  return sp;
}
