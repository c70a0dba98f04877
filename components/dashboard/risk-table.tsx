"use client";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type PaginationState, type SortingState, type Updater } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition, type ReactNode } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { TablePager } from "@/components/ui/table-pager";
import { cx } from "@/lib/cx";
import type { RiskAcceptanceRow, RiskMitigationRow, RiskModelRow, RiskRowOf, RiskThreatRow } from "@/lib/data/risk-register/list-query";
import { ModelStatusBadge } from "@/components/threat-models/badges";
import { IMPLEMENTATION_STATUS_LABELS, LEVEL_LABELS, STRIDE_LABELS, type Priority } from "@/lib/domain/threat-model";
import { RISK_DEFAULT_DIRECTION, RISK_PAGE_SIZES, RISK_VIEW_LABELS, riskSearchParams, type RiskSort, type RiskView, type TRiskList } from "@/lib/validation/dashboard";

const PRIORITY_TONE: Record<Priority, Tone> = { CRITICAL: "red", HIGH: "amber", MEDIUM: "blue", LOW: "neutral" };

/** Calendar dates arrive as YYYY-MM-DD and are shown as such in the list: unambiguous, and sortable by eye. */
const day = (ymd: string | null) => ymd ?? "—";

type AnyRow = RiskRowOf[RiskView];
type Column = { id: string; header: string; sort?: RiskSort; align?: "right"; cell: (row: AnyRow, base: string) => ReactNode };

function modelLink(row: { modelId: string; modelTitle: string }, base: string) {
  return (
    <Link href={`${base}/models/${row.modelId}`} className="text-slate-700 hover:text-brand-700 hover:underline">
      {row.modelTitle}
    </Link>
  );
}

function overdueBadge(label: string) {
  return (
    <Badge tone="red" className="ml-1 font-semibold">
      <span aria-hidden="true" className="mr-0.5">
        !
      </span>
      {label}
    </Badge>
  );
}

const COLUMNS: Record<RiskView, Column[]> = {
  threats: [
    {
      id: "title",
      header: "Threat",
      sort: "title",
      cell: (r, base) => (
        <>
          <Link href={`${base}/models/${(r as RiskThreatRow).modelId}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
            {(r as RiskThreatRow).title}
          </Link>
          {(r as RiskThreatRow).notYetReviewed && (
            <Badge tone="purple" className="ml-2">
              Not yet reviewed
            </Badge>
          )}
        </>
      ),
    },
    {
      id: "priority",
      header: "Priority",
      sort: "priority",
      cell: (r) => <Badge tone={PRIORITY_TONE[(r as RiskThreatRow).priority]}>{LEVEL_LABELS[(r as RiskThreatRow).priority]}</Badge>,
    },
    {
      id: "likelihoodImpact",
      header: "Likelihood × impact",
      cell: (r) => `${LEVEL_LABELS[(r as RiskThreatRow).likelihood]} × ${LEVEL_LABELS[(r as RiskThreatRow).impact]}`,
    },
    { id: "category", header: "STRIDE", sort: "category", cell: (r) => STRIDE_LABELS[(r as RiskThreatRow).category].name },
    { id: "model", header: "Model", sort: "model", cell: (r, base) => modelLink(r as RiskThreatRow, base) },
    { id: "dueDate", header: "Fix by", sort: "dueDate", cell: (r) => day((r as RiskThreatRow).dueDate) },
    { id: "created", header: "Created", sort: "created", cell: (r) => day((r as RiskThreatRow).createdAt) },
  ],
  acceptances: [
    { id: "threat", header: "Threat", sort: "threat", cell: (r) => <span className="font-medium text-slate-900">{(r as RiskAcceptanceRow).threatTitle}</span> },
    { id: "riskOwner", header: "Risk owner", sort: "riskOwner", cell: (r) => (r as RiskAcceptanceRow).riskOwner },
    {
      id: "reviewDate",
      header: "Review date",
      sort: "reviewDate",
      cell: (r) => (
        <span className="whitespace-nowrap">
          {day((r as RiskAcceptanceRow).reviewDate)}
          {(r as RiskAcceptanceRow).expired && overdueBadge("Expired")}
        </span>
      ),
    },
    { id: "decided", header: "Accepted", sort: "decided", cell: (r) => `${day((r as RiskAcceptanceRow).decidedAt)}${(r as RiskAcceptanceRow).decidedBy ? ` by ${(r as RiskAcceptanceRow).decidedBy}` : ""}` },
    { id: "model", header: "Model", sort: "model", cell: (r, base) => modelLink(r as RiskAcceptanceRow, base) },
  ],
  mitigations: [
    { id: "title", header: "Mitigation", sort: "title", cell: (r) => <span className="font-medium text-slate-900">{(r as RiskMitigationRow).title}</span> },
    { id: "status", header: "Status", sort: "status", cell: (r) => IMPLEMENTATION_STATUS_LABELS[(r as RiskMitigationRow).status] },
    { id: "owner", header: "Owner", sort: "owner", cell: (r) => (r as RiskMitigationRow).ownerName ?? <span className="text-slate-500">No owner</span> },
    {
      id: "dueDate",
      header: "Fix by",
      sort: "dueDate",
      cell: (r) => (
        <span className="whitespace-nowrap">
          {day((r as RiskMitigationRow).dueDate)}
          {(r as RiskMitigationRow).overdue && overdueBadge("Overdue")}
        </span>
      ),
    },
    { id: "threatCount", header: "Threats", align: "right", cell: (r) => (r as RiskMitigationRow).threatCount },
    { id: "model", header: "Model", sort: "model", cell: (r, base) => modelLink(r as RiskMitigationRow, base) },
  ],
  models: [
    {
      id: "title",
      header: "Model",
      sort: "title",
      cell: (r, base) => (
        <Link href={`${base}/models/${(r as RiskModelRow).id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
          {(r as RiskModelRow).title}
        </Link>
      ),
    },
    {
      id: "status",
      header: "Status",
      sort: "status",
      cell: (r) => <ModelStatusBadge status={(r as RiskModelRow).status} version={(r as RiskModelRow).version} approvedVersion={(r as RiskModelRow).approvedVersion} stacked />,
    },
    { id: "owner", header: "Owner", sort: "owner", cell: (r) => (r as RiskModelRow).ownerName ?? <span className="text-slate-500">—</span> },
    {
      id: "nextReview",
      header: "Next review",
      sort: "nextReview",
      cell: (r) => (
        <span className="whitespace-nowrap">
          {day((r as RiskModelRow).nextReviewDate)}
          {(r as RiskModelRow).reviewOverdue && overdueBadge("Overdue")}
        </span>
      ),
    },
    { id: "openCritical", header: "Open Critical / High", sort: "openCritical", align: "right", cell: (r) => `${(r as RiskModelRow).critical} / ${(r as RiskModelRow).high}` },
  ],
};

/**
 * One drill-down list. PostgreSQL sorts and pages; the table only renders the page it was given
 * and moves to another sort or page by changing the URL, so every view can be shared.
 */
export function RiskTable({ organizationSlug, state, rows, total }: { organizationSlug: string; state: TRiskList; rows: AnyRow[]; total: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const base = `/${organizationSlug}`;
  const pageCount = Math.max(1, Math.ceil(total / state.pageSize));
  const go = (changes: Partial<TRiskList>) => {
    const query = riskSearchParams({ ...state, page: 1, ...changes }).toString();
    startTransition(() => router.push(`${base}/risks?${query}`, { scroll: false }));
  };

  const columns: ColumnDef<AnyRow>[] = COLUMNS[state.view].map((c) => ({
    id: c.sort ?? c.id,
    header: c.header,
    // TanStack only offers sorting on columns with an accessor; PostgreSQL does the sorting itself.
    accessorFn: (row) => row.id,
    enableSorting: Boolean(c.sort),
    sortDescFirst: c.sort ? RISK_DEFAULT_DIRECTION[c.sort] === "desc" : false,
    meta: { align: c.align },
    cell: ({ row }) => c.cell(row.original, base),
  }));
  const sorting: SortingState = [{ id: state.sort, desc: state.dir === "desc" }];
  const pagination: PaginationState = { pageIndex: state.page - 1, pageSize: state.pageSize };

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table is the project's table library
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    pageCount,
    rowCount: total,
    state: { sorting, pagination },
    onSortingChange: (updater: Updater<SortingState>) => {
      const [next] = typeof updater === "function" ? updater(sorting) : updater;
      if (next) go({ sort: next.id as RiskSort, dir: next.desc ? "desc" : "asc" });
    },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = typeof updater === "function" ? updater(pagination) : updater;
      go({ page: next.pageIndex + 1, pageSize: next.pageSize });
    },
  });

  const noun = RISK_VIEW_LABELS[state.view].toLowerCase();

  return (
    <>
      <div className="overflow-x-auto">
        <table className={cx("w-full text-left text-sm transition-opacity", pending && "opacity-60")} aria-busy={pending || undefined} data-testid="risk-table">
          <caption className="sr-only">
            {RISK_VIEW_LABELS[state.view]}, sorted by {state.sort} {state.dir === "asc" ? "ascending" : "descending"}. Column headers with buttons sort the list.
          </caption>
          <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header, index) => {
                  const sorted = header.column.getIsSorted();
                  const align = (header.column.columnDef.meta as { align?: "right" } | undefined)?.align;
                  const content = flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className={cx("py-2.5 font-medium whitespace-nowrap", index === 0 ? "pl-5 pr-3" : "px-3", align === "right" && "text-right")}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className="-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 uppercase hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
                        >
                          {content}
                          <span aria-hidden="true" className={sorted ? "text-slate-900" : "text-slate-300"}>
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                        </button>
                      ) : (
                        content
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50">
                {row.getVisibleCells().map((cell, index) => {
                  const align = (cell.column.columnDef.meta as { align?: "right" } | undefined)?.align;
                  return (
                    <td key={cell.id} className={cx("py-2.5 align-top", index === 0 ? "pl-5 pr-3" : "px-3", align === "right" && "text-right tabular-nums")}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TablePager
        table={table}
        label={`Pages of ${noun}`}
        noun={[noun, noun]}
        total={total}
        shown={rows.length}
        page={state.page}
        pageSize={state.pageSize}
        pageSizes={RISK_PAGE_SIZES}
        className="no-print"
        countTestId="risk-count"
      />
    </>
  );
}
