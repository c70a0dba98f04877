"use client";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState, type Updater } from "@tanstack/react-table";
import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { TablePager } from "@/components/ui/table-pager";
import { cx } from "@/lib/cx";

export type SortDirection = "asc" | "desc";

/** One column of a list: what its header says and what each row's cell shows. */
export type DataColumn<Row, Sort extends string = never> = {
  id: string;
  header: ReactNode;
  /** The server's sort key, when the column sorts. */
  sort?: Sort;
  align?: "right" | "center";
  /** The short name screen readers repeat in each cell, for a header that is only a letter. */
  abbr?: string;
  /** A narrow column (a count, a button): spaced tighter, so a wide list still fits its card. */
  narrow?: boolean;
  cell: (row: Row) => ReactNode;
};

/** Sorting done by the server: the list's current order, and how to ask for another. */
export type ServerSorting<Sort extends string> = {
  sort: string;
  dir: SortDirection;
  /** The direction a column sorts in when first chosen. */
  firstDirection: (sort: Sort) => SortDirection;
  onSort: (sort: Sort, dir: SortDirection) => void;
};

const ALIGN = { right: "text-right", center: "text-center" };

/** Outer columns line up with the card's padding; inner ones are spaced evenly, narrow ones tighter. */
function edge(index: number, count: number, narrow = false) {
  if (index === 0) return narrow ? "pl-5 pr-1.5" : "pl-5 pr-3";
  if (index === count - 1) return narrow ? "pl-1.5 pr-5" : "pl-3 pr-5";
  return narrow ? "px-1.5" : "px-3";
}

/**
 * A list the server has already filtered, sorted and paged: the table only renders the rows it is
 * given. A sortable column's header is a button; the header carries aria-sort, and the caption
 * says what the list is and how it is sorted.
 */
export function DataTable<Row, Sort extends string = never>({
  rows,
  columns,
  rowId,
  caption,
  sorting,
  pending = false,
  scrollLabel,
  testId,
  rowTestId,
  paging,
}: {
  rows: Row[];
  columns: DataColumn<Row, Sort>[];
  rowId: (row: Row) => string;
  caption: string;
  sorting?: ServerSorting<Sort>;
  /** A new page is on its way: the rows fade until it arrives. */
  pending?: boolean;
  /** A table that can hold nothing focusable scrolls as a focusable region of this name. */
  scrollLabel?: string;
  testId?: string;
  rowTestId?: (row: Row) => string;
  /** The pager below the table; it counts the rows it is given as this page's. */
  paging?: Omit<ComponentProps<typeof TablePager>, "shown">;
}) {
  const byId = new Map(columns.map((column) => [column.id, column]));
  const definitions: ColumnDef<Row>[] = columns.map((column) => ({
    id: column.id,
    header: () => column.header,
    // TanStack offers sorting only on columns with an accessor; the server does the sorting itself.
    accessorFn: rowId,
    enableSorting: column.sort !== undefined,
    sortDescFirst: column.sort !== undefined && sorting?.firstDirection(column.sort) === "desc",
    cell: ({ row }) => column.cell(row.original),
  }));
  const current = sorting && columns.find((column) => column.sort === sorting.sort);
  const sortingState: SortingState = current && sorting ? [{ id: current.id, desc: sorting.dir === "desc" }] : [];

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table is the project's table library
  const table = useReactTable({
    data: rows,
    columns: definitions,
    getRowId: rowId,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting: sortingState },
    onSortingChange: (updater: Updater<SortingState>) => {
      const [next] = typeof updater === "function" ? updater(sortingState) : updater;
      const sort = next && byId.get(next.id)?.sort;
      if (next && sort !== undefined) sorting?.onSort(sort, next.desc ? "desc" : "asc");
    },
  });

  const body = (
    <table className={cx("w-full text-left text-sm transition-opacity", pending && "opacity-60")} aria-busy={pending || undefined} data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header, index) => {
              const column = byId.get(header.column.id);
              const sorted = header.column.getIsSorted();
              const content = flexRender(header.column.columnDef.header, header.getContext());
              return (
                <th
                  key={header.id}
                  scope="col"
                  abbr={column?.abbr}
                  aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                  className={cx(
                    "py-2.5 font-medium whitespace-nowrap",
                    edge(index, group.headers.length, column?.narrow),
                    column?.align && ALIGN[column.align],
                  )}
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
          <tr key={row.id} className="hover:bg-slate-50" data-testid={rowTestId?.(row.original)}>
            {row.getVisibleCells().map((cell, index, cells) => {
              const column = byId.get(cell.column.id);
              const align = column?.align;
              return (
                <td
                  key={cell.id}
                  className={cx("py-3 align-top", edge(index, cells.length, column?.narrow), align && ALIGN[align], align === "right" && "tabular-nums")}
                >
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      {scrollLabel ? <ScrollRegion label={scrollLabel}>{body}</ScrollRegion> : <div className="overflow-x-auto">{body}</div>}
      {paging && <TablePager {...paging} shown={rows.length} />}
    </>
  );
}

/** A row's name as a link to what it names: the first column of most lists. */
export function RowLink({ href, quiet = false, children }: { href: string; quiet?: boolean; children: ReactNode }) {
  return (
    <Link href={href} className={cx(quiet ? "text-slate-700" : "font-medium text-slate-900", "hover:text-brand-700 hover:underline")}>
      {children}
    </Link>
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
