import { Button, ButtonLink } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { STRIDE_CATEGORIES, STRIDE_LABELS, type StrideCategory } from "@/lib/domain/threat-model";

/**
 * A plain GET form: the filter lives in the URL (`?category=SPOOFING&retired=1`), so a view can
 * be shared and survives reloads, and it works before any JavaScript has loaded.
 */
export function LibraryFilter({ basePath, category, includeRetired, canShowRetired }: { basePath: string; category?: StrideCategory; includeRetired: boolean; canShowRetired: boolean }) {
  const filtered = Boolean(category || includeRetired);
  return (
    <form method="get" action={basePath} role="search" aria-label="Filter the threat library" className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-5 py-4">
      <div className="min-w-56">
        <label htmlFor="library-category" className="mb-1 block text-xs font-medium text-slate-600">
          STRIDE category
        </label>
        <Select id="library-category" name="category" defaultValue={category ?? ""}>
          <option value="">All categories</option>
          {STRIDE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {STRIDE_LABELS[c].name}
            </option>
          ))}
        </Select>
      </div>
      {canShowRetired && (
        <div className="flex h-10 items-center gap-2">
          <input id="library-retired" name="retired" type="checkbox" value="1" defaultChecked={includeRetired} className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-2 focus:ring-brand-600/30" />
          <label htmlFor="library-retired" className="text-sm text-slate-700">
            Show retired entries
          </label>
        </div>
      )}
      <Button type="submit" variant="secondary">
        Apply
      </Button>
      {filtered && (
        <ButtonLink variant="ghost" href={basePath}>
          Clear filter
        </ButtonLink>
      )}
    </form>
  );
}
