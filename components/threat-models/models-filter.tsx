import { THREAT_MODEL_STATUSES, THREAT_MODEL_STATUS_LABELS } from "@/lib/domain/threat-model";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";

/** A plain GET form: the filter lives in the URL, so a view can be shared and survives reloads. */
export function ModelsFilter({ q, status }: { q?: string; status?: string }) {
  return (
    <form method="get" role="search" aria-label="Filter threat models" className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-5 py-4">
      <div className="min-w-56 flex-1">
        <label htmlFor="q" className="mb-1 block text-xs font-medium text-slate-600">
          Search title or feature
        </label>
        <Input id="q" name="q" type="search" defaultValue={q} placeholder="e.g. payments" />
      </div>
      <div>
        <label htmlFor="status" className="mb-1 block text-xs font-medium text-slate-600">
          Status
        </label>
        <Select id="status" name="status" defaultValue={status ?? ""}>
          <option value="">Any status</option>
          {THREAT_MODEL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {THREAT_MODEL_STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
    </form>
  );
}
