"use client";
import type { Table } from "@tanstack/react-table";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { cx } from "@/lib/cx";

/**
 * The footer of a server-paged table: which rows are shown, rows per page, previous and next.
 * The table's pagination handlers move the page (usually by changing the URL).
 */
export function TablePager<T>({
  table,
  label,
  noun,
  total,
  shown,
  page,
  pageSize,
  pageSizes,
  className,
  countTestId,
}: {
  table: Table<T>;
  /** The navigation landmark's name, e.g. "Pages of threat models". */
  label: string;
  /** What the rows are, singular and plural: ["model", "models"]. */
  noun: readonly [string, string];
  total: number;
  /** Rows on this page. */
  shown: number;
  page: number;
  pageSize: number;
  pageSizes: readonly number[];
  className?: string;
  countTestId?: string;
}) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  const last = first + shown - 1;
  const nouns = total === 1 ? noun[0] : noun[1];
  return (
    <nav aria-label={label} className={cx("flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3 text-sm text-slate-600", className)}>
      <p aria-live="polite" data-testid={countTestId}>
        {shown === 0 ? `${total} ${nouns}` : `${first}–${last} of ${total} ${nouns}`}
        {pageCount > 1 && ` · page ${page} of ${pageCount}`}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2 text-xs font-medium whitespace-nowrap text-slate-600">
          Rows per page
          <Select className="h-8 w-24! py-1" value={pageSize} onChange={(e) => table.setPageSize(Number(e.currentTarget.value))}>
            {pageSizes.includes(pageSize) ? null : <option value={pageSize}>{pageSize}</option>}
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </label>
        <span className="flex gap-2">
          <Button variant="secondary" size="sm" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
            <span aria-hidden="true">←</span> Previous
          </Button>
          <Button variant="secondary" size="sm" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
            Next <span aria-hidden="true">→</span>
          </Button>
        </span>
      </div>
    </nav>
  );
}
