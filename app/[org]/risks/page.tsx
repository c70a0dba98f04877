import type { Metadata } from "next";
import Link from "next/link";
import { RiskFilter } from "@/components/dashboard/risk-filter";
import { RiskTable } from "@/components/dashboard/risk-table";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { dashboardFilterOptions } from "@/lib/data/dashboard/get-filter-options";
import { listRisks } from "@/lib/data/risk-register/list-risks";
import { cx } from "@/lib/cx";
import { LEVEL_LABELS, STRIDE_LABELS } from "@/lib/domain/threat-model";
import { openOrgPage, redirectPastLastPage, type OrgPageProps } from "@/lib/org-page";
import { RISK_VIEWS, RISK_VIEW_LABELS, dashboardSearchParams, parseRiskSearchParams, riskSearchParams, type TRiskList } from "@/lib/validation/dashboard";

export const metadata: Metadata = { title: "Residual risk" };

export default async function RisksPage(props: OrgPageProps) {
  const { ctx, query: state, base } = await openOrgPage(props, parseRiskSearchParams, "model.read");
  const [page, options] = await Promise.all([listRisks(ctx, state), dashboardFilterOptions(ctx)]);
  const listPath = `${base}/risks`;
  const href = (s: Partial<TRiskList>) => `${listPath}?${riskSearchParams({ ...state, ...s }).toString()}`;
  redirectPastLastPage({ shown: page.rows.length, total: page.total, pageSize: state.pageSize }, (p) => href({ page: p }));

  const filters = { category: state.category, owner: state.owner, status: state.status, stride: state.stride };
  const dashboardQuery = dashboardSearchParams(filters).toString();
  // What narrows this list beyond the dashboard's filters, each removable on its own.
  const narrowing: { label: string; without: Partial<TRiskList> }[] = [];
  if (state.model) narrowing.push({ label: "One threat model", without: { model: undefined } });
  if (state.priority) narrowing.push({ label: `Priority: ${LEVEL_LABELS[state.priority]}`, without: { priority: undefined } });
  if (state.likelihood) narrowing.push({ label: `Likelihood: ${LEVEL_LABELS[state.likelihood]}`, without: { likelihood: undefined } });
  if (state.impact) narrowing.push({ label: `Impact: ${LEVEL_LABELS[state.impact]}`, without: { impact: undefined } });
  if (state.overdue) narrowing.push({ label: state.view === "models" ? "Review overdue" : "Overdue", without: { overdue: false } });
  if (state.expired) narrowing.push({ label: "Expired", without: { expired: false } });
  if (state.revising) narrowing.push({ label: "Next revision in progress", without: { revising: false } });
  if (state.rating && state.stride)
    narrowing.push({ label: `${STRIDE_LABELS[state.stride].name} rated ${LEVEL_LABELS[state.rating]}`, without: { rating: undefined } });
  // The filter form keeps the view and this list's own narrowing; it resets sort and page.
  const keep = Object.fromEntries([
    ...riskSearchParams({
      view: state.view,
      model: state.model,
      priority: state.priority,
      likelihood: state.likelihood,
      impact: state.impact,
      overdue: state.overdue,
      expired: state.expired,
      revising: state.revising,
      rating: state.rating,
    }),
  ]);
  const exportHref = `${listPath}/export?${riskSearchParams({ ...state, page: 1 }).toString()}`;

  return (
    <>
      <PageHeader
        title={RISK_VIEW_LABELS[state.view]}
        description={
          <>
            The list behind the dashboard&apos;s numbers.{" "}
            <Link href={dashboardQuery ? `${base}?${dashboardQuery}` : base} className="font-medium text-brand-700 hover:underline">
              Back to the dashboard
            </Link>
          </>
        }
        actions={
          <a
            href={exportHref}
            className="no-print inline-flex h-10 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50"
            download
          >
            Export CSV
          </a>
        }
      />
      <nav aria-label="Lists" className="no-print mb-4 flex flex-wrap gap-1">
        {RISK_VIEWS.map((view) => (
          <Link
            key={view}
            href={`${listPath}?${riskSearchParams({ ...filters, view }).toString()}`}
            aria-current={view === state.view ? "page" : undefined}
            className={cx(
              "rounded-md px-3 py-1.5 text-sm font-medium",
              view === state.view ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100",
            )}
          >
            {RISK_VIEW_LABELS[view]}
          </Link>
        ))}
      </nav>
      <Card>
        <div className="border-b border-slate-200 px-5 py-4">
          <RiskFilter
            basePath={listPath}
            filters={filters}
            keep={keep}
            owners={options.owners}
            categories={options.categories}
            clearHref={dashboardQuery ? `${listPath}?${new URLSearchParams(keep).toString()}` : undefined}
          />
          {narrowing.length > 0 && (
            <ul className="mt-3 flex flex-wrap gap-2 text-xs" aria-label="Also narrowed to">
              {narrowing.map((n) => (
                <li key={n.label} className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-1 text-slate-700">
                  {n.label}
                  <Link
                    href={href({ ...n.without, page: 1 })}
                    className="no-print rounded-full px-1 text-slate-500 hover:bg-slate-200 hover:text-slate-900"
                    aria-label={`Remove “${n.label}”`}
                  >
                    ×
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
        {page.total === 0 ? (
          <EmptyState title={`No ${RISK_VIEW_LABELS[state.view].toLowerCase()} here`} description="Nothing matches these filters." />
        ) : (
          <RiskTable organizationSlug={ctx.organizationSlug} state={state} page={page} />
        )}
      </Card>
    </>
  );
}
