import { z } from "zod";
import { ZText } from "./fields";
import { IMPACTS, LIKELIHOODS, PRIORITIES, RISK_RATINGS, STRIDE_CATEGORIES, THREAT_MODEL_STATUSES } from "@/lib/domain/threat-model";
import { ZSortedPaging, parseSearchParamsLeniently, setPagingSearchParams, setSearchParams, type RawSearchParams, type SortDirection } from "./list-params";

/**
 * The dashboard's filters, shared by its drill-down lists and CSV exports: model category (exact),
 * model owner (a member's user id), model status and STRIDE category of the threats. Without a
 * status, archived models are left out; "Approved" includes approved models whose next revision
 * is in progress.
 */
export const ZDashboardFilters = z.object({
  category: ZText().trim().min(1).max(100).optional(),
  owner: ZText().trim().min(1).max(100).optional(),
  status: z.enum(THREAT_MODEL_STATUSES).optional(),
  stride: z.enum(STRIDE_CATEGORIES).optional(),
});
export type TDashboardFilters = z.infer<typeof ZDashboardFilters>;
const DASHBOARD_FILTER_KEYS = ["category", "owner", "status", "stride"] as const;

/** The lists behind the dashboard's numbers. */
export const RISK_VIEWS = ["threats", "acceptances", "mitigations", "models"] as const;
export type RiskView = (typeof RISK_VIEWS)[number];
export const RISK_VIEW_LABELS: Record<RiskView, string> = {
  threats: "Open threats",
  acceptances: "Accepted residual risks",
  mitigations: "Mitigations",
  models: "Threat models",
};

/** The columns each list sorts by, on the server; the first is its default. */
export const RISK_SORTS = {
  threats: ["priority", "title", "model", "category", "dueDate", "created"],
  acceptances: ["reviewDate", "threat", "model", "riskOwner", "decided"],
  mitigations: ["dueDate", "title", "model", "owner", "status"],
  models: ["openCritical", "title", "status", "owner", "nextReview"],
} as const satisfies Record<RiskView, readonly string[]>;
export type RiskSort<V extends RiskView = RiskView> = (typeof RISK_SORTS)[V][number];

/** The direction a column sorts in when first chosen: most urgent first, words A→Z. */
export const RISK_DEFAULT_DIRECTION: Record<string, SortDirection> = {
  priority: "asc", // the enum's order is Critical first
  title: "asc",
  model: "asc",
  category: "asc",
  dueDate: "asc",
  created: "desc",
  reviewDate: "asc",
  threat: "asc",
  riskOwner: "asc",
  decided: "desc",
  owner: "asc",
  status: "asc",
  openCritical: "desc",
  nextReview: "asc",
};

/** A flag in the URL: "1" or "true" turns it on; anything else leaves it off. */
const ZFlag = ZText()
  .transform((v) => v === "1" || v === "true")
  .optional();

export const ZRiskList = ZDashboardFilters.extend({
  view: z.enum(RISK_VIEWS).default("threats"),
  /** One threat model's rows (a top-risk model's numbers). */
  model: ZText().trim().min(1).max(100).optional(),
  /** threats: their priority. */
  priority: z.enum(PRIORITIES).optional(),
  /** threats: one heat-map cell is a likelihood and an impact. */
  likelihood: z.enum(LIKELIHOODS).optional(),
  impact: z.enum(IMPACTS).optional(),
  /** mitigations: past their fix-by date and not implemented; models: past their review date. */
  overdue: ZFlag,
  /** acceptances: only those past their review date. */
  expired: ZFlag,
  /** models: approved ones whose next revision is in progress. */
  revising: ZFlag,
  /** models: the StrideAssessment rating of the `stride` category. */
  rating: z.enum(RISK_RATINGS).optional(),
  sort: ZText().trim().min(1).max(40).optional(),
  ...ZSortedPaging.shape,
});

/** A drill-down list as the URL describes it, with its sort resolved for the view. */
export type TRiskList = Omit<z.infer<typeof ZRiskList>, "sort" | "dir" | "overdue" | "expired" | "revising"> & {
  sort: RiskSort;
  dir: SortDirection;
  overdue: boolean;
  expired: boolean;
  revising: boolean;
};

export function parseDashboardSearchParams(raw: RawSearchParams): TDashboardFilters {
  return parseSearchParamsLeniently(ZDashboardFilters, raw);
}

/** A page's drill-down list, read leniently from its URL. */
export function parseRiskSearchParams(raw: RawSearchParams): TRiskList {
  return resolveRiskList(parseSearchParamsLeniently(ZRiskList, raw));
}

/** The list a parsed URL describes, with its sort resolved for the view (a sort the view lacks is its default). */
export function resolveRiskList(parsed: z.output<typeof ZRiskList>): TRiskList {
  const sorts: readonly string[] = RISK_SORTS[parsed.view];
  const sort = (parsed.sort && sorts.includes(parsed.sort) ? parsed.sort : sorts[0]!) as RiskSort;
  return {
    ...parsed,
    sort,
    dir: parsed.dir ?? RISK_DEFAULT_DIRECTION[sort] ?? "asc",
    overdue: parsed.overdue ?? false,
    expired: parsed.expired ?? false,
    revising: parsed.revising ?? false,
  };
}

export function dashboardSearchParams(filters: Partial<TDashboardFilters>): URLSearchParams {
  return setSearchParams(filters, DASHBOARD_FILTER_KEYS);
}

/** The inverse of parseRiskSearchParams, leaving out defaults so a shared link stays short. */
export function riskSearchParams(state: Partial<TRiskList> & { view: RiskView }): URLSearchParams {
  const sp = new URLSearchParams({ view: state.view });
  setSearchParams(state, [...DASHBOARD_FILTER_KEYS, "model", "priority", "likelihood", "impact", "overdue", "expired", "revising", "rating"], sp);
  const defaultSort = RISK_SORTS[state.view][0];
  const sort = state.sort ?? defaultSort;
  if (sort !== defaultSort) sp.set("sort", sort);
  if (state.dir && state.dir !== RISK_DEFAULT_DIRECTION[sort]) sp.set("dir", state.dir);
  return setPagingSearchParams(state, sp);
}
