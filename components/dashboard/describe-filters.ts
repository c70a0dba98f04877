import { STRIDE_LABELS, THREAT_MODEL_STATUS_LABELS } from "@/lib/domain/threat-model";
import type { TDashboardFilters } from "@/lib/validation/dashboard";

/** The dashboard's filters in words ("category “Payments”, Approved models"), empty without any. */
export function describeFilters(f: TDashboardFilters, options: { owners: { id: string; name: string }[] }) {
  const parts: string[] = [];
  if (f.category) parts.push(`category “${f.category}”`);
  if (f.owner) parts.push(`models owned by ${options.owners.find((o) => o.id === f.owner)?.name ?? "a former owner"}`);
  if (f.status) parts.push(`${THREAT_MODEL_STATUS_LABELS[f.status]} models`);
  if (f.stride) parts.push(`${STRIDE_LABELS[f.stride].name} threats`);
  return parts.join(", ");
}
