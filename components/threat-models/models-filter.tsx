"use client";
import { FilterForm, FilterInput, KeptParams } from "@/components/ui/filter-form";
import { listSearchParams } from "@/lib/validation/threat-model";
import { ModelCategoryFilter, ModelOwnerFilter, ModelStatusFilter } from "./model-filters";
import type { ModelsListState } from "./models-table";

const FILTER_KEYS = ["q", "status", "owner", "category"] as const;

/** The list's filters, in the URL; a filter change keeps the sort order and the page size. */
export function ModelsFilter({
  basePath,
  state,
  owners,
  categories,
  clearHref,
}: {
  basePath: string;
  state: ModelsListState;
  owners: { id: string; name: string }[];
  categories: string[];
  /** Set while a filter is active. */
  clearHref?: string;
}) {
  return (
    <FilterForm action={basePath} label="Filter threat models" fields={FILTER_KEYS} clearHref={clearHref} className="border-b border-slate-200 px-5 py-4">
      <FilterInput
        id="models-q"
        name="q"
        label="Search title or feature"
        type="search"
        value={state.q}
        placeholder="e.g. payments"
        maxLength={200}
        className="min-w-56 flex-1"
      />
      <ModelStatusFilter id="models-status" label="Status" value={state.status} anyLabel="Any status" />
      <ModelOwnerFilter id="models-owner" label="Owner" value={state.owner} owners={owners} />
      <ModelCategoryFilter id="models-category" label="Category" value={state.category} categories={categories} />
      <KeptParams params={listSearchParams({ sort: state.sort, dir: state.dir, pageSize: state.pageSize })} />
    </FilterForm>
  );
}
