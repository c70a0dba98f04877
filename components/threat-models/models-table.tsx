"use client";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { DataTable, RowLink, type DataColumn } from "@/components/ui/data-table";
import { useUrlNavigation } from "@/components/ui/use-url-navigation";
import { cx } from "@/lib/cx";
import { LEVEL_LABELS, PRIORITIES, type Priority, type ThreatModelStatus } from "@/lib/domain/threat-model";
import { DEFAULT_SORT_DIRECTION, listSearchParams, type ModelSort, type TListThreatModels } from "@/lib/validation/threat-model";
import { PAGE_SIZES, type SortDirection } from "@/lib/validation/list-params";
import { ModelStatusBadge, OverdueBadge, PRIORITY_COLOURS } from "./badges";
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

/** Only Critical and High sort: they are what a reviewer triages by. */
const PRIORITY_SORT: Partial<Record<Priority, ModelSort>> = { CRITICAL: "openCritical", HIGH: "openHigh" };
const PRIORITY_LETTER: Record<Priority, string> = { CRITICAL: "C", HIGH: "H", MEDIUM: "M", LOW: "L" };
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
      <Badge tone={PRIORITY_COLOURS[priority].tone} className={cx("gap-1 font-semibold tabular-nums", priority === "CRITICAL" && "ring-2")}>
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

type Actions = { organizationSlug: string; canDuplicate: boolean; canDelete: boolean; onDeleted: (title: string) => void };

function columns(base: string, actions: Actions): DataColumn<ModelsTableRow, ModelSort>[] {
  return [
    {
      id: "title",
      header: "Title",
      sort: "title",
      cell: (row) => (
        <>
          <RowLink href={`${base}/models/${row.id}`}>{row.title}</RowLink>
          {row.featureName && <p className="text-xs text-slate-500">{row.featureName}</p>}
        </>
      ),
    },
    { id: "version", header: "Version", sort: "version", narrow: true, cell: (row) => <span className="font-mono text-xs">{row.version}</span> },
    {
      id: "status",
      header: "Status",
      sort: "status",
      cell: (row) => <ModelStatusBadge status={row.status} version={row.version} approvedVersion={row.approvedVersion} stacked />,
    },
    { id: "owner", header: "Owner", sort: "owner", cell: (row) => row.owner ?? <span className="text-slate-400">—</span> },
    ...PRIORITIES.map((priority): DataColumn<ModelsTableRow, ModelSort> => ({
      id: `open-${priority}`,
      header: <PriorityHeader priority={priority} />,
      sort: PRIORITY_SORT[priority],
      align: "center",
      narrow: true,
      // Screen readers repeat a short header name in each cell; the letter alone says little.
      abbr: LEVEL_LABELS[priority],
      cell: (row) => <OpenCount priority={priority} count={row.openThreats[priority]} />,
    })),
    {
      id: "nextReview",
      header: "Next review",
      sort: "nextReview",
      cell: (row) =>
        row.nextReview ? (
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1 whitespace-nowrap">
            {row.nextReview}
            {row.overdue && <OverdueBadge />}
          </span>
        ) : (
          <span className="text-slate-400">
            <span aria-hidden="true">—</span>
            <span className="sr-only">Not planned</span>
          </span>
        ),
    },
    { id: "updated", header: "Updated", sort: "updated", cell: (row) => <span className="whitespace-nowrap">{row.updated}</span> },
    {
      id: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      narrow: true,
      cell: (row) => <RowActions {...actions} model={{ id: row.id, title: row.title }} />,
    },
  ];
}

export function ModelsTable({
  organizationSlug,
  rows,
  total,
  state,
  canDuplicate,
  canDelete,
}: {
  organizationSlug: string;
  rows: ModelsTableRow[];
  total: number;
  state: ModelsListState;
  canDuplicate: boolean;
  canDelete: boolean;
}) {
  const base = `/${organizationSlug}`;
  const { go: push, pending } = useUrlNavigation();
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const announcementRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // After a deletion the row and its menu are gone: give focus somewhere that says what happened.
    if (announcement) announcementRef.current?.focus();
  }, [announcement]);

  const go = (changes: Partial<ModelsListState>, options?: { scroll?: boolean }) => {
    setAnnouncement(null);
    // A new sort or page size starts again at the first page.
    const query = listSearchParams({ ...state, page: 1, ...changes }).toString();
    push(query ? `${base}/models?${query}` : `${base}/models`, options);
  };
  const moves = {
    onPage: (page: number) => go({ page }, { scroll: true }),
    onPageSize: (pageSize: number) => go({ pageSize }, { scroll: true }),
    pageSizes: PAGE_SIZES,
  };
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
      <DataTable
        rows={rows}
        columns={columns(base, { organizationSlug, canDuplicate, canDelete, onDeleted: (title) => setAnnouncement(`Deleted “${title}”.`) })}
        rowId={(row) => row.id}
        caption={`Threat models, sorted by ${sortedBy}. Column headers with buttons sort the list.`}
        sorting={{ sort: state.sort, dir: state.dir, firstDirection: (sort) => DEFAULT_SORT_DIRECTION[sort], onSort: (sort, dir) => go({ sort, dir }) }}
        pending={pending}
        paging={{ label: "Pages of threat models", noun: ["model", "models"], total, page: state.page, pageSize: state.pageSize, moves }}
      />
    </>
  );
}
