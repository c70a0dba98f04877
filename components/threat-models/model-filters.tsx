import { FilterSelect } from "@/components/ui/filter-form";
import { THREAT_MODEL_STATUSES, THREAT_MODEL_STATUS_LABELS } from "@/lib/domain/threat-model";

// The filters by a model's own facts, shared by the models list and the risk views.

type Props = { id: string; label: string; value: string | undefined };

export function ModelStatusFilter({ id, label, value, anyLabel }: Props & { anyLabel: string }) {
  return (
    <FilterSelect
      id={id}
      name="status"
      label={label}
      value={value}
      anyLabel={anyLabel}
      options={THREAT_MODEL_STATUSES.map((s) => ({ value: s, label: THREAT_MODEL_STATUS_LABELS[s] }))}
    />
  );
}

export function ModelOwnerFilter({ id, label, value, owners }: Props & { owners: { id: string; name: string }[] }) {
  return (
    <FilterSelect
      id={id}
      name="owner"
      label={label}
      value={value}
      anyLabel="Anyone"
      options={owners.map((o) => ({ value: o.id, label: o.name }))}
      unlistedLabel="Someone no longer owning models"
    />
  );
}

export function ModelCategoryFilter({ id, label, value, categories }: Props & { categories: string[] }) {
  return <FilterSelect id={id} name="category" label={label} value={value} anyLabel="Any category" options={categories.map((c) => ({ value: c, label: c }))} />;
}
