"use client";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type PaginationState } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useTransition, type ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { cx } from "@/lib/cx";
import { ScrollRegion } from "@/components/ui/scroll-region";
import type { SummaryEntry } from "@/lib/domain/audit-summary";
import { auditTargetLabel } from "@/lib/domain/audit-vocabulary";
import { auditHref, type TAuditFilters } from "@/lib/validation/audit";

/** One event as the table shows it: times as ISO strings, the summary already made readable on the server. */
export type AuditTableRow = {
  id: string;
  seq: number;
  /** ISO 8601, UTC. */
  at: string;
  actorName: string | null;
  actorLabel: string;
  action: string;
  target:
    | { kind: "model"; modelId: string; title: string | null; exists: boolean }
    | { kind: "other"; type: string; id: string | null };
  summary: SummaryEntry[];
  ip: string | null;
};

/**
 * Moves the list to new filters by changing the URL, so a view can be reloaded, shared and
 * navigated back to; the server renders the new page. A new filter starts at the first page.
 */
export function useAuditNavigation(basePath: string, filters: TAuditFilters) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const navigate = useCallback(
    (changes: Partial<TAuditFilters>) => {
      startTransition(() => router.push(auditHref(basePath, { ...filters, page: 1, ...changes }), { scroll: false }));
    },
    [basePath, filters, router],
  );
  return { navigate, pending };
}

/** "2026-11-20T14:03:05.123Z" → "2026-11-20 14:03:05": the header says UTC. */
function utcTime(iso: string) {
  return iso.slice(0, 19).replace("T", " ");
}

const column = createColumnHelper<AuditTableRow>();

export function AuditTable({ organizationSlug, rows, total, filters, pageSize }: { organizationSlug: string; rows: AuditTableRow[]; total: number; filters: TAuditFilters; pageSize: number }) {
  const base = `/${organizationSlug}`;
  const listPath = `${base}/audit`;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const pagination: PaginationState = { pageIndex: filters.page - 1, pageSize };

  const columns = [
    column.accessor("at", {
      header: "Time (UTC)",
      cell: ({ row }) => (
        <>
          <time dateTime={row.original.at} className="whitespace-nowrap tabular-nums">
            {utcTime(row.original.at)}
          </time>
          <p className="text-xs text-slate-500 tabular-nums">#{row.original.seq}</p>
        </>
      ),
    }),
    column.accessor("actorLabel", {
      header: "Actor",
      cell: ({ row }) =>
        row.original.actorName ? (
          <>
            <p className="font-medium text-slate-900">{row.original.actorName}</p>
            <p className="text-xs break-all text-slate-500">{row.original.actorLabel}</p>
          </>
        ) : (
          <span className="break-all">{row.original.actorLabel}</span>
        ),
    }),
    column.accessor("action", {
      header: "Action",
      cell: ({ getValue }) => <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs whitespace-nowrap text-slate-800">{getValue()}</code>,
    }),
    column.display({
      id: "target",
      header: "Target",
      cell: ({ row }) => {
        const target = row.original.target;
        if (target.kind === "model") {
          const title = target.title ?? "Untitled threat model";
          return target.exists ? (
            <Link href={`${base}/models/${target.modelId}`} className="font-medium text-brand-700 hover:underline">
              {title}
            </Link>
          ) : (
            <span>
              {title} <span className="text-xs text-slate-500">(deleted)</span>
            </span>
          );
        }
        return (
          <>
            <p>{auditTargetLabel(target.type)}</p>
            {target.id && <p className="max-w-48 truncate font-mono text-xs text-slate-500" title={target.id}>{target.id}</p>}
          </>
        );
      },
    }),
    column.accessor("summary", {
      header: "Summary",
      cell: ({ getValue }) => {
        const entries = getValue();
        if (entries.length === 0) return <span className="text-slate-400">—</span>;
        return (
          <dl className="space-y-0.5 text-xs">
            {entries.map((entry, i) => (
              <div key={`${entry.key}-${i}`} className="flex gap-1">
                <dt className="shrink-0 text-slate-500">{entry.key}:</dt>
                <dd className="min-w-0 break-words text-slate-800">{entry.value}</dd>
              </div>
            ))}
          </dl>
        );
      },
    }),
    column.accessor("ip", {
      header: "IP",
      cell: ({ getValue }) => {
        const ip = getValue();
        // An address is read whole: it never breaks across lines (the table scrolls instead).
        return ip ? <span className="font-mono text-xs whitespace-nowrap">{ip}</span> : <span className="text-slate-600">—</span>;
      },
    }),
  ];

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table is the project's table library
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
    // The server filters and pages, newest first; the table only renders what it was given.
    manualPagination: true,
    manualFiltering: true,
    manualSorting: true,
    pageCount,
    rowCount: total,
    state: { pagination },
  });

  const first = (filters.page - 1) * pageSize + 1;
  const last = first + rows.length - 1;
  const previous = table.getCanPreviousPage() ? auditHref(listPath, { ...filters, page: filters.page - 1 }) : null;
  const next = table.getCanNextPage() ? auditHref(listPath, { ...filters, page: filters.page + 1 }) : null;

  return (
    <>
      <ScrollRegion label="Audit events">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Audit events, newest first. Times are in UTC.</caption>
          <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header, index) => (
                  <th key={header.id} scope="col" className={cx("py-2.5 font-medium whitespace-nowrap", index === 0 ? "pr-3 pl-5" : index === group.headers.length - 1 ? "pr-5 pl-3" : "px-3")}>
                    {flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} data-testid={`audit-event-${row.original.seq}`} className="hover:bg-slate-50">
                {row.getVisibleCells().map((cell, index, cells) => (
                  <td key={cell.id} className={cx("py-3 align-top", index === 0 ? "pr-3 pl-5" : index === cells.length - 1 ? "pr-5 pl-3" : "px-3")}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <nav aria-label="Pages of audit events" className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3 text-sm text-slate-600">
        <p aria-live="polite">
          {first.toLocaleString("en")}–{last.toLocaleString("en")} of {total.toLocaleString("en")} {total === 1 ? "event" : "events"}
          {pageCount > 1 && ` · page ${filters.page.toLocaleString("en")} of ${pageCount.toLocaleString("en")}`}
        </p>
        <span className="flex gap-2">
          <PageLink href={previous} rel="prev">
            <span aria-hidden="true">←</span> Newer
          </PageLink>
          <PageLink href={next} rel="next">
            Older <span aria-hidden="true">→</span>
          </PageLink>
        </span>
      </nav>
    </>
  );
}

/** A pager link; at either end it stays in place but is marked unavailable. */
function PageLink({ href, rel, children }: { href: string | null; rel: "prev" | "next"; children: ReactNode }) {
  if (!href) {
    return (
      <span aria-disabled="true" className={buttonClass("secondary", "sm", "cursor-not-allowed text-slate-400")}>
        {children}
      </span>
    );
  }
  return (
    <Link href={href} rel={rel} scroll className={buttonClass("secondary", "sm")}>
      {children}
    </Link>
  );
}
