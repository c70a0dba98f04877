"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { cx } from "@/lib/cx";

/** How the pager moves: by handlers (which usually change the URL), or by plain links. */
export type PageMoves =
  { onPage: (page: number) => void; onPageSize?: (pageSize: number) => void; pageSizes?: readonly number[] } | { hrefOf: (page: number) => string };

/**
 * The footer of a server-paged table: which rows are shown, rows per page where the list offers
 * a choice, previous and next. At either end a button stays in place but is unavailable.
 */
export function TablePager({
  label,
  noun,
  total,
  shown,
  page,
  pageSize,
  moves,
  directions = ["Previous", "Next"],
  className,
  countTestId,
}: {
  /** The navigation landmark's name, e.g. "Pages of threat models". */
  label: string;
  /** What the rows are, singular and plural: ["model", "models"]. */
  noun: readonly [string, string];
  total: number;
  /** Rows on this page. */
  shown: number;
  page: number;
  pageSize: number;
  moves: PageMoves;
  /** The two buttons' words, e.g. ["Newer", "Older"] for a list newest first. */
  directions?: readonly [string, string];
  className?: string;
  countTestId?: string;
}) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  const last = first + shown - 1;
  const nouns = total === 1 ? noun[0] : noun[1];
  const n = (value: number) => value.toLocaleString("en");
  return (
    <nav
      aria-label={label}
      className={cx("flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3 text-sm text-slate-600", className)}
    >
      <p aria-live="polite" data-testid={countTestId}>
        {shown === 0 ? `${n(total)} ${nouns}` : `${n(first)}–${n(last)} of ${n(total)} ${nouns}`}
        {pageCount > 1 && ` · page ${n(page)} of ${n(pageCount)}`}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        {"pageSizes" in moves && moves.pageSizes && moves.onPageSize && (
          <PageSizeSelect pageSize={pageSize} pageSizes={moves.pageSizes} onPageSize={moves.onPageSize} />
        )}
        <span className="flex gap-2">
          <PageButton moves={moves} target={page > 1 ? page - 1 : null} rel="prev">
            <span aria-hidden="true">←</span> {directions[0]}
          </PageButton>
          <PageButton moves={moves} target={page < pageCount ? page + 1 : null} rel="next">
            {directions[1]} <span aria-hidden="true">→</span>
          </PageButton>
        </span>
      </div>
    </nav>
  );
}

function PageSizeSelect({ pageSize, pageSizes, onPageSize }: { pageSize: number; pageSizes: readonly number[]; onPageSize: (pageSize: number) => void }) {
  return (
    <label className="flex items-center gap-2 text-xs font-medium whitespace-nowrap text-slate-600">
      Rows per page
      <Select className="h-8 w-24! py-1" value={pageSize} onChange={(e) => onPageSize(Number(e.currentTarget.value))}>
        {pageSizes.includes(pageSize) ? null : <option value={pageSize}>{pageSize}</option>}
        {pageSizes.map((size) => (
          <option key={size} value={size}>
            {size}
          </option>
        ))}
      </Select>
    </label>
  );
}

function PageButton({ moves, target, rel, children }: { moves: PageMoves; target: number | null; rel: "prev" | "next"; children: ReactNode }) {
  if ("hrefOf" in moves) {
    if (target === null) {
      return (
        <span aria-disabled="true" className={buttonClass("secondary", "sm", "cursor-not-allowed text-slate-400")}>
          {children}
        </span>
      );
    }
    return (
      <Link href={moves.hrefOf(target)} rel={rel} scroll className={buttonClass("secondary", "sm")}>
        {children}
      </Link>
    );
  }
  return (
    <Button variant="secondary" size="sm" onClick={() => target !== null && moves.onPage(target)} disabled={target === null}>
      {children}
    </Button>
  );
}
