"use client";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type PaginationState, type SortingState, type Updater } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { TablePager } from "@/components/ui/table-pager";
import { cx } from "@/lib/cx";
import { LEVEL_LABELS, PRIORITIES, type Priority, type ThreatModelStatus } from "@/lib/domain/threat-model";
import { DEFAULT_SORT_DIRECTION, PAGE_SIZES, listSearchParams, type ModelSort, type SortDirection, type TListThreatModels } from "@/lib/validation/threat-model";
import { ModelStatusBadge } from "./badges";
import { RowActions } from "./row-actions";

/** One model as the table shows it; dates arrive formatted, compared on the server. */
export type ModelsTableRow = {
  id: string;
  title: string;
  featureName: string;
  version: string;
  status: ThreatModelStatus;
  /** The last approved version while the next revision is in progress. */
  approvedVersion: string | null;
  owner: string | null;
  openThreats: Record<Priority, number>;
  /** Formatted, or null when no review is planned. */
  nextReview: string | null;
  overdue: boolean;
  updated: string;
};

/** The list as the URL describes it, with the sort direction resolved. */
export type ModelsListState = Omit<TListThreatModels, "dir"> & { dir: SortDirection };

/**
 * Moves the list to a new state by changing the URL, so every view can be reloaded, shared and
 * navigated back to. The server renders the new page; `pending` covers the wait.
 */
export function useListNavigation(basePath: string, state: ModelsListState) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const navigate = useCallback(
    (changes: Partial<ModelsListState>, options: { scroll?: boolean } = {}) => {
      // A new filter, sort or page size starts again at the first page.
      const next = { ...state, page: 1, ...changes };
      const query = listSearchParams(next).toString();
      startTransition(() => router.push(query ? `${basePath}?${query}` : basePath, { scroll: options.scroll ?? false }));
    },
    [basePath, router, state],
  );
  return { navigate, pending };
}

const PRIORITY_COLUMN: Record<Priority, string> = { CRITICAL: "openCritical", HIGH: "openHigh", MEDIUM: "openMedium", LOW: "openLow" };
const PRIORITY_LETTER: Record<Priority, string> = { CRITICAL: "C", HIGH: "H", MEDIUM: "M", LOW: "L" };
const PRIORITY_TONE: Record<Priority, Tone> = { CRITICAL: "red", HIGH: "amber", MEDIUM: "blue", LOW: "neutral" };
const SORT_LABELS: Record<ModelSort, string> = {
  title: "title",
  status: "status",
  version: "version",
  owner: "owner",
  nextReview: "next review date",
  updated: "last update",
  openCritical: "open Critical threats",
  openHigh: "open High threats",
};

/**
 * A count of open threats. Non-zero counts are a bordered, bold pill that repeats the priority's
 * letter, so they stand out from the plain zeros without relying on colour.
 */
function OpenCount({ priority, count }: { priority: Priority; count: number }) {
  const label = `${count} open ${LEVEL_LABELS[priority].toLowerCase()} ${count === 1 ? "threat" : "threats"}`;
  if (count === 0) {
    return (
      <span className="text-slate-400 tabular-nums" title={label}>
        0
      </span>
    );
  }
  return (
    <span title={label}>
      <Badge tone={PRIORITY_TONE[priority]} className={cx("gap-1 font-semibold tabular-nums", priority === "CRITICAL" && "ring-2")}>
        <span aria-hidden="true" className="text-[10px] font-bold opacity-70">
          {PRIORITY_LETTER[priority]}
        </span>
        {count}
      </Badge>
    </span>
  );
}

/** A header for one priority: the letter on screen, the full name for screen readers and on hover. */
function PriorityHeader({ priority }: { priority: Priority }) {
  const name = `Open ${LEVEL_LABELS[priority].toLowerCase()} threats`;
  return (
    <>
      <abbr title={name} aria-hidden="true" className="no-underline">
        {PRIORITY_LETTER[priority]}
      </abbr>
      <span className="sr-only">{name}</span>
    </>
  );
}

const column = createColumnHelper<ModelsTableRow>();

/** A column the server sorts by; its first click sorts in the column's natural direction. */
function sortable(id: ModelSort) {
  return { id, enableSorting: true, sortDescFirst: DEFAULT_SORT_DIRECTION[id] === "desc" };
}

export function ModelsTable({
  organizationSlug,
  rows,
  total,
  pageCount,
  state,
  canDuplicate,
  canDelete,
}: {
  organizationSlug: string;
  rows: ModelsTableRow[];
  total: number;
  pageCount: number;
  state: ModelsListState;
  canDuplicate: boolean;
  canDelete: boolean;
}) {
  const base = `/${organizationSlug}`;
  const { navigate, pending } = useListNavigation(`${base}/models`, state);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const announcementRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // After a deletion the row and its menu are gone: give focus somewhere that says what happened.
    if (announcement) announcementRef.current?.focus();
  }, [announcement]);

  const sorting: SortingState = [{ id: state.sort, desc: state.dir === "desc" }];
  const pagination: PaginationState = { pageIndex: state.page - 1, pageSize: state.pageSize };
  const go = (changes: Partial<ModelsListState>, options?: { scroll?: boolean }) => {
    setAnnouncement(null);
    navigate(changes, options);
  };

  const columns = [
    column.accessor("title", {
      ...sortable("title"),
      header: "Title",
      cell: ({ row }) => (
        <>
          <Link href={`${base}/models/${row.original.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
            {row.original.title}
          </Link>
          {row.original.featureName && <p className="text-xs text-slate-500">{row.original.featureName}</p>}
        </>
      ),
    }),
    column.accessor("version", { ...sortable("version"), header: "Version", cell: ({ getValue }) => <span className="font-mono text-xs">{getValue()}</span> }),
    column.accessor("status", { ...sortable("status"), header: "Status", cell: ({ row }) => <ModelStatusBadge status={row.original.status} version={row.original.version} approvedVersion={row.original.approvedVersion} stacked /> }),
    column.accessor("owner", { ...sortable("owner"), header: "Owner", cell: ({ getValue }) => getValue() ?? <span className="text-slate-400">—</span> }),
    ...PRIORITIES.map((priority) =>
      column.accessor((row) => row.openThreats[priority], {
        // Only Critical and High sort: they are what a reviewer triages by.
        ...(priority === "CRITICAL" ? sortable("openCritical") : priority === "HIGH" ? sortable("openHigh") : { id: PRIORITY_COLUMN[priority], enableSorting: false }),
        header: () => <PriorityHeader priority={priority} />,
        meta: { priority },
        cell: ({ getValue }) => <OpenCount priority={priority} count={getValue()} />,
      }),
    ),
    column.accessor("nextReview", {
      ...sortable("nextReview"),
      header: "Next review",
      cell: ({ row }) =>
        row.original.nextReview ? (
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1 whitespace-nowrap">
            {row.original.nextReview}
            {row.original.overdue && (
              <Badge tone="red" className="font-semibold">
                <span aria-hidden="true" className="mr-0.5">
                  !
                </span>
                Overdue
              </Badge>
            )}
          </span>
        ) : (
          <span className="text-slate-400">
            <span aria-hidden="true">—</span>
            <span className="sr-only">Not planned</span>
          </span>
        ),
    }),
    column.accessor("updated", { ...sortable("updated"), header: "Updated", cell: ({ getValue }) => <span className="whitespace-nowrap">{getValue()}</span> }),
    column.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => (
        <RowActions
          organizationSlug={organizationSlug}
          model={{ id: row.original.id, title: row.original.title }}
          canDuplicate={canDuplicate}
          canDelete={canDelete}
          onDeleted={(title) => setAnnouncement(`Deleted “${title}”.`)}
        />
      ),
    }),
  ];

  // The app does not run the React Compiler, and nothing here is memoized on the table's functions.
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table is the project's table library
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => row.id,
    getCoreRowModel: getCoreRowModel(),
    // The server sorts, filters and pages; the table only renders what it was given.
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    pageCount,
    rowCount: total,
    state: { sorting, pagination },
    onSortingChange: (updater: Updater<SortingState>) => {
      const [next] = typeof updater === "function" ? updater(sorting) : updater;
      if (next) go({ sort: next.id as ModelSort, dir: next.desc ? "desc" : "asc" });
    },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = typeof updater === "function" ? updater(pagination) : updater;
      go({ page: next.pageIndex + 1, pageSize: next.pageSize }, { scroll: true });
    },
  });

  const sortedBy = `${SORT_LABELS[state.sort]}, ${state.dir === "asc" ? "ascending" : "descending"}`;

  return (
    <>
      {announcement && (
        <div ref={announcementRef} tabIndex={-1} className="px-5 pt-4 focus:outline-none">
          <Alert tone="success">{announcement}</Alert>
        </div>
      )}
      <p className="px-5 pt-3 text-xs text-slate-500">
        C, H, M, L: open Critical, High, Medium and Low threats — those no implemented mitigation or accepted, in-date residual risk covers.
      </p>
      <div className="overflow-x-auto">
        <table className={cx("w-full text-left text-sm transition-opacity", pending && "opacity-60")} aria-busy={pending || undefined}>
          <caption className="sr-only">Threat models, sorted by {sortedBy}. Column headers with buttons sort the list.</caption>
          <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const priority = (header.column.columnDef.meta as { priority?: Priority } | undefined)?.priority;
                  const content = flexRender(header.column.columnDef.header, header.getContext());
                  const isFirst = header.index === 0;
                  const isLast = header.index === group.headers.length - 1;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      // Screen readers repeat a short header name in each cell; the letter alone says little.
                      abbr={priority ? LEVEL_LABELS[priority] : undefined}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className={cx("py-2.5 font-medium whitespace-nowrap", isFirst ? "pl-5 pr-3" : isLast ? "pl-3 pr-5" : "px-3", priority && "text-center")}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className="-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 uppercase hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
                        >
                          {content}
                          <SortIcon direction={sorted || null} />
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
                {row.getVisibleCells().map((cell, index, cells) => {
                  const priority = (cell.column.columnDef.meta as { priority?: Priority } | undefined)?.priority;
                  return (
                    <td key={cell.id} className={cx("py-3 align-top", index === 0 ? "pl-5 pr-3" : index === cells.length - 1 ? "pl-3 pr-5 text-right" : "px-3", priority && "text-center")}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TablePager table={table} label="Pages of threat models" noun={["model", "models"]} total={total} shown={rows.length} page={state.page} pageSize={state.pageSize} pageSizes={PAGE_SIZES} />
    </>
  );
}

function SortIcon({ direction }: { direction: "asc" | "desc" | null }) {
  // Decorative: the header's aria-sort tells assistive technology the same.
  return (
    <svg aria-hidden="true" viewBox="0 0 12 12" className={cx("h-3 w-3", direction ? "text-slate-900" : "text-slate-300")}>
      {direction !== "desc" && <path d="M6 2 9 5.5H3z" fill="currentColor" />}
      {direction !== "asc" && <path d="M6 10 3 6.5h6z" fill="currentColor" />}
    </svg>
  );
}
