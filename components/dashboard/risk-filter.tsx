"use client";
import { ModelCategoryFilter, ModelOwnerFilter, ModelStatusFilter } from "@/components/threat-models/model-filters";
import { FilterForm, FilterSelect, KeptParams } from "@/components/ui/filter-form";
import { STRIDE_CATEGORIES, STRIDE_LABELS } from "@/lib/domain/threat-model";
import type { TDashboardFilters } from "@/lib/validation/dashboard";

const FILTER_KEYS = ["category", "owner", "status", "stride"] as const;

/**
 * The dashboard's filters (model category, owner, status; STRIDE category), in the URL. A filter
 * change keeps `keep` (the drill-down's own view and narrowing).
 */
export function RiskFilter({
  basePath,
  filters,
  keep = {},
  owners,
  categories,
  clearHref,
}: {
  basePath: string;
  filters: TDashboardFilters;
  /** Other search params the page keeps across a filter change. */
  keep?: Record<string, string>;
  owners: { id: string; name: string }[];
  categories: string[];
  /** Set while a filter is active. */
  clearHref?: string;
}) {
  return (
    <FilterForm action={basePath} label="Filter the residual risk" fields={FILTER_KEYS} clearHref={clearHref} className="no-print">
      <KeptParams params={keep} />
      <ModelCategoryFilter id="risk-category" label="Model category" value={filters.category} categories={categories} />
      <ModelOwnerFilter id="risk-owner" label="Model owner" value={filters.owner} owners={owners} />
      <ModelStatusFilter id="risk-status" label="Model status" value={filters.status} anyLabel="Any but archived" />
      <FilterSelect
        id="risk-stride"
        name="stride"
        label="STRIDE category"
        value={filters.stride}
        anyLabel="All of STRIDE"
        options={STRIDE_CATEGORIES.map((c) => ({ value: c, label: STRIDE_LABELS[c].name }))}
      />
    </FilterForm>
  );
}
