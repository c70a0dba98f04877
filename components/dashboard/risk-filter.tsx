"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { formValues } from "@/components/ui/use-action";
import { STRIDE_CATEGORIES, STRIDE_LABELS, THREAT_MODEL_STATUSES, THREAT_MODEL_STATUS_LABELS } from "@/lib/domain/threat-model";
import type { TDashboardFilters } from "@/lib/validation/dashboard";

const FILTER_KEYS = ["category", "owner", "status", "stride"] as const;

/**
 * The dashboard's filters (model category, owner, status; STRIDE category). They live in the URL:
 * Apply navigates to the same page with the new search params, keeping `keep` (the drill-down's
 * own view and narrowing), so a filtered view survives reloads and can be shared. Without
 * JavaScript the form is a plain GET.
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
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const ownerOptions = filters.owner && !owners.some((o) => o.id === filters.owner) ? [...owners, { id: filters.owner, name: "Someone no longer owning models" }] : owners;
  const categoryOptions = filters.category && !categories.includes(filters.category) ? [...categories, filters.category] : categories;

  return (
    <form
      key={FILTER_KEYS.map((k) => filters[k] ?? "").join("\u0000")}
      method="get"
      action={basePath}
      role="search"
      aria-label="Filter the residual risk"
      className="no-print flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        const values = formValues(event.currentTarget);
        const sp = new URLSearchParams(keep);
        for (const key of FILTER_KEYS) if (values[key]) sp.set(key, values[key]);
        const query = sp.toString();
        startTransition(() => router.push(query ? `${basePath}?${query}` : basePath, { scroll: false }));
      }}
    >
      {Object.entries(keep).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <FilterSelect
        id="risk-category"
        name="category"
        label="Model category"
        value={filters.category}
        anyLabel="Any category"
        options={categoryOptions.map((c) => ({ value: c, label: c }))}
      />
      <FilterSelect
        id="risk-owner"
        name="owner"
        label="Model owner"
        value={filters.owner}
        anyLabel="Anyone"
        options={ownerOptions.map((o) => ({ value: o.id, label: o.name }))}
      />
      <FilterSelect
        id="risk-status"
        name="status"
        label="Model status"
        value={filters.status}
        anyLabel="Any but archived"
        options={THREAT_MODEL_STATUSES.map((s) => ({ value: s, label: THREAT_MODEL_STATUS_LABELS[s] }))}
      />
      <FilterSelect
        id="risk-stride"
        name="stride"
        label="STRIDE category"
        value={filters.stride}
        anyLabel="All of STRIDE"
        options={STRIDE_CATEGORIES.map((c) => ({ value: c, label: STRIDE_LABELS[c].name }))}
      />
      <div className="flex gap-2">
        <Button type="submit" variant="secondary" pending={pending}>
          Apply
        </Button>
        {clearHref && (
          <ButtonLink variant="ghost" href={clearHref}>
            Clear filters
          </ButtonLink>
        )}
      </div>
    </form>
  );
}
