"use client";
import { Button, ButtonLink } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { Input } from "@/components/ui/field";
import { formValues } from "@/components/ui/use-action";
import { auditActionLabel, isAuditAction } from "@/lib/domain/audit-vocabulary";
import type { TAuditFilters } from "@/lib/validation/audit";
import { useAuditNavigation } from "./audit-table";

const LABEL = "mb-1 block text-xs font-medium text-slate-600";

export type AuditFilterOptions = {
  actors: { id: string; name: string; email: string }[];
  actions: string[];
  models: { id: string; title: string; version: string }[];
};

/**
 * The audit list's filters. They live in the URL: Apply navigates with the new search params (a
 * plain GET of the same form without JavaScript), so a filtered view survives reloads and can be
 * shared.
 */
export function AuditFilter({ basePath, filters, options, clearHref }: { basePath: string; filters: TAuditFilters; options: AuditFilterOptions; clearHref?: string }) {
  const { navigate, pending } = useAuditNavigation(basePath, filters);
  // A value from the URL that is no longer offered (a former member, a deleted model) stays selectable.
  const actors = filters.actor && !options.actors.some((a) => a.id === filters.actor) ? [...options.actors, { id: filters.actor, name: "A former member", email: "" }] : options.actors;
  const actions = filters.action && !options.actions.includes(filters.action) ? [...options.actions, filters.action] : options.actions;
  const models = filters.model && !options.models.some((m) => m.id === filters.model) ? [...options.models, { id: filters.model, title: "A deleted threat model", version: "" }] : options.models;

  return (
    <form
      // Remount when the URL's filters change (Back, Clear filters), so the fields show them.
      key={[filters.actor, filters.action, filters.model, filters.from, filters.to].join("\u0000")}
      method="get"
      action={basePath}
      role="search"
      aria-label="Filter audit events"
      className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-5 py-4"
      onSubmit={(event) => {
        event.preventDefault();
        const { actor = "", action = "", model = "", from = "", to = "" } = formValues(event.currentTarget);
        navigate({ actor: actor || undefined, action: action || undefined, model: model || undefined, from: from || undefined, to: to || undefined });
      }}
    >
      <FilterSelect
        id="audit-actor"
        name="actor"
        label="Actor"
        value={filters.actor}
        anyLabel="Anyone"
        options={actors.map((a) => ({ value: a.id, label: a.email ? `${a.name} (${a.email})` : a.name }))}
        className="min-w-44"
      />
      <FilterSelect
        id="audit-action"
        name="action"
        label="Action"
        value={filters.action}
        anyLabel="Any action"
        options={actions.map((a) => ({ value: a, label: isAuditAction(a) ? `${auditActionLabel(a)} (${a})` : a }))}
        className="min-w-44"
      />
      <FilterSelect
        id="audit-model"
        name="model"
        label="Threat model"
        value={filters.model}
        anyLabel="Any target"
        options={models.map((m) => ({ value: m.id, label: m.version ? `${m.title} (v${m.version})` : m.title }))}
        className="max-w-72 min-w-44"
      />
      <div>
        <label htmlFor="audit-from" className={LABEL}>
          From (UTC)
        </label>
        <Input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} max={filters.to} />
      </div>
      <div>
        <label htmlFor="audit-to" className={LABEL}>
          To (UTC)
        </label>
        <Input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} min={filters.from} />
      </div>
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
