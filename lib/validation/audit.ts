import { z } from "zod";
import { ZCalendarDate, ZText } from "./fields";
import { parseSearchParamsLeniently, setSearchParams, type RawSearchParams } from "./list-params";

/** The audit page shows a fixed number of events per page, newest first. */
export const AUDIT_PAGE_SIZE = 50;

/** A calendar day, YYYY-MM-DD, that exists (no 31 February). Days are UTC, like the table's times. */
const ZDay = ZCalendarDate();

export const ZAuditFilters = z.object({
  /** A member's user id. */
  actor: ZText().trim().min(1).max(100).optional(),
  /** An action name as stored, e.g. "threat-model.created". */
  action: ZText()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9._:-]+$/)
    .optional(),
  /** A threat model's id: its events are those that name it as their target. */
  model: ZText().trim().min(1).max(100).optional(),
  /** First day shown, inclusive. */
  from: ZDay.optional(),
  /** Last day shown, inclusive. */
  to: ZDay.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type TAuditFilters = z.infer<typeof ZAuditFilters>;

/** Reads the audit page's URL search params, leniently. */
export function parseAuditSearchParams(raw: RawSearchParams): TAuditFilters {
  return parseSearchParamsLeniently(ZAuditFilters, raw);
}

/** The inverse of parseAuditSearchParams, leaving out defaults so links stay short. */
export function auditSearchParams(filters: Partial<TAuditFilters>): URLSearchParams {
  const sp = setSearchParams(filters, ["actor", "action", "model", "from", "to"]);
  if (filters.page && filters.page > 1) sp.set("page", String(filters.page));
  return sp;
}

/** The audit list's URL for a set of filters. */
export function auditHref(basePath: string, filters: Partial<TAuditFilters>): string {
  const query = auditSearchParams(filters).toString();
  return query ? `${basePath}?${query}` : basePath;
}

/** Whether any filter narrows the list (the page number does not). */
export function hasAuditFilter(filters: Partial<TAuditFilters>): boolean {
  return Boolean(filters.actor || filters.action || filters.model || filters.from || filters.to);
}
