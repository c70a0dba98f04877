import type { Metadata } from "next";
import type { ComponentProps } from "react";
import { AcceptedRisks } from "@/components/dashboard/accepted-risks";
import { describeFilters } from "@/components/dashboard/describe-filters";
import { Figure } from "@/components/dashboard/figure";
import { HeatMap } from "@/components/dashboard/heat-map";
import { ModelsByStatus } from "@/components/dashboard/models-by-status";
import { OpenByPriority } from "@/components/dashboard/open-by-priority";
import { OverdueMitigations } from "@/components/dashboard/overdue-mitigations";
import { SECTION, dateOf } from "@/components/dashboard/panel";
import { PerCategory } from "@/components/dashboard/per-category";
import { TopModels } from "@/components/dashboard/top-models";
import { Trend } from "@/components/dashboard/trend";
import { RiskFilter } from "@/components/dashboard/risk-filter";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { cx } from "@/lib/cx";
import { dashboardFilterOptions } from "@/lib/data/dashboard/get-filter-options";
import { getDashboard } from "@/lib/data/dashboard/get-dashboard";
import { getRiskTrend } from "@/lib/data/risk-snapshots/get-risk-trend";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/domain/roles";
import { openOrgPage, type OrgPageProps } from "@/lib/org-page";
import { dashboardSearchParams, parseDashboardSearchParams, riskSearchParams, type RiskView, type TRiskList } from "@/lib/validation/dashboard";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage(props: OrgPageProps) {
  const { ctx, query: filters, base } = await openOrgPage(props, parseDashboardSearchParams);
  const [d, options, trend] = await Promise.all([getDashboard(ctx, filters), dashboardFilterOptions(ctx), getRiskTrend(ctx)]);
  const filterQuery = dashboardSearchParams(filters).toString();
  const filtered = filterQuery !== "";
  /** Every number links to the list it counts, with the dashboard's filters. */
  const drill = (view: RiskView, extra: Partial<TRiskList> = {}) => `${base}/risks?${riskSearchParams({ ...filters, ...extra, view }).toString()}`;
  const filterSummary = describeFilters(filters, options);
  // A red figure is one that should be zero (Figure marks it only when it is not).
  const figures: (Omit<ComponentProps<typeof Figure>, "href"> & { to: [RiskView, Partial<TRiskList>?] })[] = [
    { label: "Models", value: d.modelTotal, to: ["models"], description: "threat models" },
    { label: "Open threats", value: d.openTotal, to: ["threats"] },
    { label: "Open Critical", value: d.openByPriority.CRITICAL, to: ["threats", { priority: "CRITICAL" }], description: "open Critical threats", tone: "red" },
    { label: "Accepted risks", value: d.acceptances.total, to: ["acceptances"], description: "accepted residual risks" },
    { label: "Overdue mitigations", value: d.overdueMitigations.total, to: ["mitigations", { overdue: true }], tone: "red" },
    { label: "Reviews overdue", value: d.overdueReviews.total, to: ["models", { overdue: true }], description: "models past their review date", tone: "red" },
  ];

  return (
    // On paper the dashboard is drawn at 80 %, so it fits on two A4 pages.
    <div className="print:[zoom:0.8]">
      <PageHeader
        title={ctx.organizationName}
        description={`Signed in as ${ROLE_LABELS[ctx.role]}: ${ROLE_DESCRIPTIONS[ctx.role]}`}
        actions={
          can(ctx.role, "model.create") && (
            <span className="no-print">
              <ButtonLink href={`${base}/models/new`}>New threat model</ButtonLink>
            </span>
          )
        }
      />

      <Card className="no-print mb-6">
        <div className="px-5 py-4">
          <RiskFilter basePath={base} filters={filters} owners={options.owners} categories={options.categories} clearHref={filtered ? base : undefined} />
        </div>
      </Card>
      <p className="mb-4 text-sm text-slate-600" data-testid="dashboard-scope">
        Residual risk {filterSummary ? `for ${filterSummary}` : "across all threat models"}
        {filters.status ? "" : ", archived ones aside"}, as of {dateOf(d.today)}.
      </p>

      <section aria-labelledby="key-figures" className={cx("mb-6 print:mb-3", SECTION)}>
        <h2 id="key-figures" className="sr-only">
          Key figures
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6 print:grid-cols-6 print:gap-2">
          {figures.map((figure) => (
            <Figure key={figure.label} {...figure} href={drill(...figure.to)} />
          ))}
        </dl>
      </section>

      {d.modelTotal === 0 && d.modelsByStatus.ARCHIVED === 0 && !filtered ? (
        <Card>
          <EmptyState
            title="No threat models yet"
            description="A threat model records what can go wrong with a feature, STRIDE category by category, and how each threat is mitigated. Its open risk shows here."
            action={can(ctx.role, "model.create") ? <ButtonLink href={`${base}/models/new`}>Create the first one</ButtonLink> : undefined}
          />
        </Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2 print:grid-cols-2 print:gap-3 print:text-xs">
          <OpenByPriority d={d} drill={drill} />
          <HeatMap d={d} drill={drill} />
          <Trend trend={trend} filtered={filtered} />
          <ModelsByStatus d={d} drill={drill} base={base} />
          <AcceptedRisks d={d} drill={drill} base={base} />
          <OverdueMitigations d={d} drill={drill} base={base} />
          <TopModels d={d} drill={drill} base={base} />
          <PerCategory d={d} drill={drill} />
        </div>
      )}
    </div>
  );
}
