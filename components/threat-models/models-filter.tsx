"use client";
import { Button, ButtonLink } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { Input } from "@/components/ui/field";
import { formValues } from "@/components/ui/use-action";
import { THREAT_MODEL_STATUSES, THREAT_MODEL_STATUS_LABELS, type ThreatModelStatus } from "@/lib/domain/threat-model";
import { DEFAULT_PAGE_SIZE } from "@/lib/validation/threat-model";
import { useListNavigation, type ModelsListState } from "./models-table";

const LABEL = "mb-1 block text-xs font-medium text-slate-600";

/**
 * The list's filters. They live in the URL: Apply navigates with the new search params (a plain
 * GET of the same form without JavaScript), so a filtered view survives reloads and can be shared.
 */
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
  const { navigate, pending } = useListNavigation(basePath, state);
  // An owner or category picked from a URL may no longer exist in the lists; keep it selectable.
  const ownerOptions = state.owner && !owners.some((o) => o.id === state.owner) ? [...owners, { id: state.owner, name: "Someone no longer owning models" }] : owners;
  const categoryOptions = state.category && !categories.includes(state.category) ? [...categories, state.category] : categories;

  return (
    <form
      // Remount when the URL's filters change (Back, Clear filters), so the fields show them.
      key={[state.q, state.status, state.owner, state.category].join("\u0000")}
      method="get"
      action={basePath}
      role="search"
      aria-label="Filter threat models"
      className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-5 py-4"
      onSubmit={(event) => {
        event.preventDefault();
        const { q = "", status = "", owner = "", category = "" } = formValues(event.currentTarget);
        navigate({ q: q.trim() || undefined, status: (status || undefined) as ThreatModelStatus | undefined, owner: owner || undefined, category: category || undefined }, { scroll: false });
      }}
    >
      <div className="min-w-56 flex-1">
        <label htmlFor="models-q" className={LABEL}>
          Search title or feature
        </label>
        <Input id="models-q" name="q" type="search" defaultValue={state.q ?? ""} placeholder="e.g. payments" maxLength={200} />
      </div>
      <FilterSelect
        id="models-status"
        name="status"
        label="Status"
        value={state.status}
        anyLabel="Any status"
        options={THREAT_MODEL_STATUSES.map((s) => ({ value: s, label: THREAT_MODEL_STATUS_LABELS[s] }))}
      />
      <FilterSelect
        id="models-owner"
        name="owner"
        label="Owner"
        value={state.owner}
        anyLabel="Anyone"
        options={ownerOptions.map((o) => ({ value: o.id, label: o.name }))}
      />
      <FilterSelect
        id="models-category"
        name="category"
        label="Category"
        value={state.category}
        anyLabel="Any category"
        options={categoryOptions.map((c) => ({ value: c, label: c }))}
      />
      {/* Without JavaScript the GET form keeps the sort order through these. */}
      {state.sort !== "updated" && <input type="hidden" name="sort" value={state.sort} />}
      {state.sort !== "updated" && <input type="hidden" name="dir" value={state.dir} />}
      {state.pageSize !== DEFAULT_PAGE_SIZE && <input type="hidden" name="pageSize" value={state.pageSize} />}
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
