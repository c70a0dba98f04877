import { z } from "zod";
import { ZText } from "./fields";
import { THREAT_MODEL_STATUSES } from "@/lib/domain/threat-model";
import { ZSortedPaging, parseSearchParamsLeniently, setPagingSearchParams, setSearchParams, type RawSearchParams, type SortDirection } from "./list-params";

export const TITLE_MAX = 200;
export const TEXT_MAX = 20_000;

export const ZThreatModelTitle = ZText().trim().min(1, "Give the threat model a title.").max(TITLE_MAX, `A title has at most ${TITLE_MAX} characters.`);

/** Where a new model's rows come from: nothing, or the team template's example rows. */
export const MODEL_STARTS = ["blank", "template"] as const;
export type ModelStart = (typeof MODEL_STARTS)[number];

export const ZCreateThreatModel = z.object({
  title: ZThreatModelTitle,
  featureName: ZText().trim().max(TITLE_MAX, `A feature name has at most ${TITLE_MAX} characters.`).default(""),
  category: ZText().trim().max(100, "A category has at most 100 characters.").default(""),
  start: z.enum(MODEL_STARTS, "Choose a blank model or the team template.").default("blank"),
});
export type TCreateThreatModel = z.infer<typeof ZCreateThreatModel>;

const ZModelId = ZText().trim().min(1, "Choose a threat model.").max(100);

export const ZDuplicateThreatModel = z.object({ id: ZModelId });
export type TDuplicateThreatModel = z.infer<typeof ZDuplicateThreatModel>;

/** The message both the dialog and the server show when the typed title is not the model's. */
export const DELETE_TITLE_MISMATCH = "Type the model’s title exactly as shown to delete it.";

export const ZDeleteThreatModel = z.object({
  id: ZModelId,
  // Trimmed like stored titles are; otherwise the match is exact, case included.
  title: ZText().trim().min(1, "Type the model’s title to confirm.").max(TITLE_MAX, DELETE_TITLE_MISMATCH),
});
export type TDeleteThreatModel = z.infer<typeof ZDeleteThreatModel>;

/** The columns the models list sorts by, on the server. */
export const MODEL_SORTS = ["title", "status", "version", "owner", "nextReview", "updated", "openCritical", "openHigh"] as const;
export type ModelSort = (typeof MODEL_SORTS)[number];

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

export const ZListThreatModels = z.object({
  status: z.enum(THREAT_MODEL_STATUSES).optional(),
  q: ZText().trim().max(200).optional(),
  /** A member's user id. */
  owner: ZText().trim().min(1).max(100).optional(),
  /** Exact match on the model's category. */
  category: ZText().trim().min(1).max(100).optional(),
  sort: z.enum(MODEL_SORTS).default("updated"),
  /** `dir` omitted: the column's natural direction (DEFAULT_SORT_DIRECTION). */
  ...ZSortedPaging.shape,
});
export type TListThreatModels = z.infer<typeof ZListThreatModels>;

/** Reads the list's URL search params for a page, leniently (the API route parses strictly with ZListThreatModels). */
export function parseListSearchParams(raw: RawSearchParams): TListThreatModels {
  return parseSearchParamsLeniently(ZListThreatModels, raw);
}

/**
 * The inverse of parseListSearchParams: a list state as URL search params, leaving out every
 * default so links stay short and a shared URL means the same list.
 */
export function listSearchParams(state: Partial<TListThreatModels>): URLSearchParams {
  const sp = setSearchParams(state, ["q", "status", "owner", "category"]);
  const sort = state.sort ?? "updated";
  if (sort !== "updated") sp.set("sort", sort);
  if (state.dir && state.dir !== DEFAULT_SORT_DIRECTION[sort]) sp.set("dir", state.dir);
  return setPagingSearchParams(state, sp);
}
