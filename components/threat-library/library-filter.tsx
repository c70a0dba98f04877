import { FilterCheckbox, FilterForm, FilterSelect } from "@/components/ui/filter-form";
import { STRIDE_CATEGORIES, STRIDE_LABELS, type StrideCategory } from "@/lib/domain/threat-model";

const FILTER_KEYS = ["category", "retired"] as const;

/** The library's filter, in the URL (`?category=SPOOFING&retired=1`). */
export function LibraryFilter({
  basePath,
  category,
  includeRetired,
  canShowRetired,
}: {
  basePath: string;
  category?: StrideCategory;
  includeRetired: boolean;
  canShowRetired: boolean;
}) {
  return (
    <FilterForm
      action={basePath}
      label="Filter the threat library"
      fields={FILTER_KEYS}
      clearHref={category || includeRetired ? basePath : undefined}
      clearLabel="Clear filter"
      className="border-b border-slate-200 px-5 py-4"
    >
      <FilterSelect
        id="library-category"
        name="category"
        label="STRIDE category"
        value={category}
        anyLabel="All categories"
        options={STRIDE_CATEGORIES.map((c) => ({ value: c, label: STRIDE_LABELS[c].name }))}
        className="min-w-56"
      />
      {canShowRetired && <FilterCheckbox id="library-retired" name="retired" label="Show retired entries" checked={includeRetired} />}
    </FilterForm>
  );
}
