// What every list whose state lives in the URL shares: how it sorts and pages, how its search
// params are read (leniently, for pages) and written back (leaving out what is not set).
import { z } from "zod";

export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

/** What a server-sorted, server-paged list reads from its URL besides its sort column. Omitted `dir`: the column's natural direction. */
export const ZSortedPaging = z.object({
  dir: z.enum(SORT_DIRECTIONS).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(DEFAULT_PAGE_SIZE),
});

export type RawSearchParams = Record<string, string | string[] | undefined>;

/**
 * Reads a page's URL search params: empty and repeated values are ignored, and a value that does
 * not parse falls back to its default while the valid ones are kept, so a hand-edited or outdated
 * URL shows a sensible page rather than an error. (API routes parse strictly and answer 422.)
 */
export function parseSearchParamsLeniently<S extends z.ZodObject>(schema: S, raw: RawSearchParams): z.output<S> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = raw[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first && first.trim()) input[key] = first;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const invalid = new Set(parsed.error.issues.map((issue) => issue.path[0]));
  const kept = Object.fromEntries(Object.entries(input).filter(([key]) => !invalid.has(key)));
  return schema.safeParse(kept).data ?? schema.parse({});
}

/**
 * Writes the named values that are set into search params, in the order named: a flag that is on
 * as "1", a value as its text; what is empty or off is left out so links stay short.
 */
export function setSearchParams<T extends object>(values: T, keys: readonly (keyof T & string)[], sp = new URLSearchParams()): URLSearchParams {
  for (const key of keys) {
    const value: unknown = values[key];
    if (value) sp.set(key, value === true ? "1" : String(value));
  }
  return sp;
}

/** Writes the page and page size unless they are the defaults. */
export function setPagingSearchParams(state: { page?: number; pageSize?: number }, sp: URLSearchParams): URLSearchParams {
  if (state.page && state.page > 1) sp.set("page", String(state.page));
  if (state.pageSize && state.pageSize !== DEFAULT_PAGE_SIZE) sp.set("pageSize", String(state.pageSize));
  return sp;
}
