"use client";
import { FilterForm, FilterInput, FilterSelect } from "@/components/ui/filter-form";
import { auditActionLabel, isAuditAction } from "@/lib/domain/audit-vocabulary";
import type { TAuditFilters } from "@/lib/validation/audit";

const FILTER_KEYS = ["actor", "action", "model", "from", "to"] as const;

export type AuditFilterOptions = {
  actors: { id: string; name: string; email: string }[];
  actions: string[];
  models: { id: string; title: string; version: string }[];
};

/** The audit list's filters, in the URL. */
export function AuditFilter({
  basePath,
  filters,
  options,
  clearHref,
}: {
  basePath: string;
  filters: TAuditFilters;
  options: AuditFilterOptions;
  clearHref?: string;
}) {
  return (
    <FilterForm action={basePath} label="Filter audit events" fields={FILTER_KEYS} clearHref={clearHref} className="border-b border-slate-200 px-5 py-4">
      <FilterSelect
        id="audit-actor"
        name="actor"
        label="Actor"
        value={filters.actor}
        anyLabel="Anyone"
        options={options.actors.map((a) => ({ value: a.id, label: a.email ? `${a.name} (${a.email})` : a.name }))}
        unlistedLabel="A former member"
        className="min-w-44"
      />
      <FilterSelect
        id="audit-action"
        name="action"
        label="Action"
        value={filters.action}
        anyLabel="Any action"
        options={options.actions.map((a) => ({ value: a, label: isAuditAction(a) ? `${auditActionLabel(a)} (${a})` : a }))}
        className="min-w-44"
      />
      <FilterSelect
        id="audit-model"
        name="model"
        label="Threat model"
        value={filters.model}
        anyLabel="Any target"
        options={options.models.map((m) => ({ value: m.id, label: m.version ? `${m.title} (v${m.version})` : m.title }))}
        unlistedLabel="A deleted threat model"
        className="max-w-72 min-w-44"
      />
      <FilterInput id="audit-from" name="from" label="From (UTC)" type="date" value={filters.from} max={filters.to} />
      <FilterInput id="audit-to" name="to" label="To (UTC)" type="date" value={filters.to} min={filters.from} />
    </FilterForm>
  );
}
