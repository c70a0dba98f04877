"use client";
import { LevelBadge, ModelStatusBadge, OverdueBadge } from "@/components/threat-models/badges";
import { Badge } from "@/components/ui/badge";
import { DataTable, RowLink, type DataColumn } from "@/components/ui/data-table";
import { useUrlNavigation } from "@/components/ui/use-url-navigation";
import type { RiskPage, RiskRowOf } from "@/lib/data/risk-register/list-query";
import { IMPLEMENTATION_STATUS_LABELS, LEVEL_LABELS, STRIDE_LABELS } from "@/lib/domain/threat-model";
import { RISK_DEFAULT_DIRECTION, RISK_VIEW_LABELS, riskSearchParams, type RiskSort, type RiskView, type TRiskList } from "@/lib/validation/dashboard";
import { PAGE_SIZES } from "@/lib/validation/list-params";

/** Calendar dates arrive as YYYY-MM-DD and are shown as such in the list: unambiguous, and sortable by eye. */
const day = (ymd: string | null) => ymd ?? "—";

type Columns<V extends RiskView> = DataColumn<RiskRowOf[V], RiskSort<V>>[];

function modelLink(row: { modelId: string; modelTitle: string }, base: string) {
  return (
    <RowLink href={`${base}/models/${row.modelId}`} quiet>
      {row.modelTitle}
    </RowLink>
  );
}

function withBadge(date: string | null, badge: string | false) {
  return (
    <span className="whitespace-nowrap">
      {day(date)}
      {badge && <OverdueBadge label={badge} className="ml-1" />}
    </span>
  );
}

const threatColumns = (base: string): Columns<"threats"> => [
  {
    id: "title",
    header: "Threat",
    sort: "title",
    cell: (r) => (
      <>
        <RowLink href={`${base}/models/${r.modelId}`}>{r.title}</RowLink>
        {r.notYetReviewed && (
          <Badge tone="purple" className="ml-2">
            Not yet reviewed
          </Badge>
        )}
      </>
    ),
  },
  { id: "priority", header: "Priority", sort: "priority", cell: (r) => <LevelBadge level={r.priority} /> },
  { id: "likelihoodImpact", header: "Likelihood × impact", cell: (r) => `${LEVEL_LABELS[r.likelihood]} × ${LEVEL_LABELS[r.impact]}` },
  { id: "category", header: "STRIDE", sort: "category", cell: (r) => STRIDE_LABELS[r.category].name },
  { id: "model", header: "Model", sort: "model", cell: (r) => modelLink(r, base) },
  { id: "dueDate", header: "Fix by", sort: "dueDate", cell: (r) => day(r.dueDate) },
  { id: "created", header: "Created", sort: "created", cell: (r) => day(r.createdAt) },
];

const acceptanceColumns = (base: string): Columns<"acceptances"> => [
  { id: "threat", header: "Threat", sort: "threat", cell: (r) => <span className="font-medium text-slate-900">{r.threatTitle}</span> },
  { id: "riskOwner", header: "Risk owner", sort: "riskOwner", cell: (r) => r.riskOwner },
  { id: "reviewDate", header: "Review date", sort: "reviewDate", cell: (r) => withBadge(r.reviewDate, r.expired && "Expired") },
  { id: "decided", header: "Accepted", sort: "decided", cell: (r) => `${day(r.decidedAt)}${r.decidedBy ? ` by ${r.decidedBy}` : ""}` },
  { id: "model", header: "Model", sort: "model", cell: (r) => modelLink(r, base) },
];

const mitigationColumns = (base: string): Columns<"mitigations"> => [
  { id: "title", header: "Mitigation", sort: "title", cell: (r) => <span className="font-medium text-slate-900">{r.title}</span> },
  { id: "status", header: "Status", sort: "status", cell: (r) => IMPLEMENTATION_STATUS_LABELS[r.status] },
  { id: "owner", header: "Owner", sort: "owner", cell: (r) => r.ownerName ?? <span className="text-slate-500">No owner</span> },
  { id: "dueDate", header: "Fix by", sort: "dueDate", cell: (r) => withBadge(r.dueDate, r.overdue && "Overdue") },
  { id: "threatCount", header: "Threats", align: "right", cell: (r) => r.threatCount },
  { id: "model", header: "Model", sort: "model", cell: (r) => modelLink(r, base) },
];

const modelColumns = (base: string): Columns<"models"> => [
  { id: "title", header: "Model", sort: "title", cell: (r) => <RowLink href={`${base}/models/${r.id}`}>{r.title}</RowLink> },
  {
    id: "status",
    header: "Status",
    sort: "status",
    cell: (r) => <ModelStatusBadge status={r.status} version={r.version} approvedVersion={r.approvedVersion} stacked />,
  },
  { id: "owner", header: "Owner", sort: "owner", cell: (r) => r.ownerName ?? <span className="text-slate-500">—</span> },
  { id: "nextReview", header: "Next review", sort: "nextReview", cell: (r) => withBadge(r.nextReviewDate, r.reviewOverdue && "Overdue") },
  { id: "openCritical", header: "Open Critical / High", sort: "openCritical", align: "right", cell: (r) => `${r.critical} / ${r.high}` },
];

/**
 * One drill-down list. PostgreSQL sorts and pages; the table only renders the page it was given
 * and moves to another sort or page by changing the URL, so every view can be shared.
 */
export function RiskTable({ organizationSlug, state, page }: { organizationSlug: string; state: TRiskList; page: RiskPage }) {
  const { go: push, pending } = useUrlNavigation();
  const base = `/${organizationSlug}`;
  const go = (changes: Partial<TRiskList>) => push(`${base}/risks?${riskSearchParams({ ...state, page: 1, ...changes }).toString()}`);
  const noun = RISK_VIEW_LABELS[state.view].toLowerCase();
  const nouns: readonly [string, string] = [noun, noun];
  const table = {
    caption: `${RISK_VIEW_LABELS[state.view]}, sorted by ${state.sort} ${state.dir === "asc" ? "ascending" : "descending"}. Column headers with buttons sort the list.`,
    sorting: {
      sort: state.sort,
      dir: state.dir,
      firstDirection: (sort: RiskSort) => RISK_DEFAULT_DIRECTION[sort] ?? "asc",
      onSort: (sort: RiskSort, dir: TRiskList["dir"]) => go({ sort, dir }),
    },
    rowId: (row: { id: string }) => row.id,
    pending,
    testId: "risk-table",
    paging: {
      label: `Pages of ${noun}`,
      noun: nouns,
      total: page.total,
      page: state.page,
      pageSize: state.pageSize,
      moves: { onPage: (n: number) => go({ page: n }), onPageSize: (pageSize: number) => go({ pageSize }), pageSizes: PAGE_SIZES },
      className: "no-print",
      countTestId: "risk-count",
    },
  };

  return (
    <>
      {page.view === "threats" && <DataTable {...table} rows={page.rows} columns={threatColumns(base)} />}
      {page.view === "acceptances" && <DataTable {...table} rows={page.rows} columns={acceptanceColumns(base)} />}
      {page.view === "mitigations" && <DataTable {...table} rows={page.rows} columns={mitigationColumns(base)} />}
      {page.view === "models" && <DataTable {...table} rows={page.rows} columns={modelColumns(base)} />}
    </>
  );
}
