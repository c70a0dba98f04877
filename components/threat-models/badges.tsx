import { Badge, type Tone } from "@/components/ui/badge";
import { standingLabel } from "@/lib/domain/model-standing";
import {
  IMPLEMENTATION_STATUS_LABELS,
  LEVEL_LABELS,
  THREAT_MODEL_STATUS_LABELS,
  type ImplementationStatus,
  type Priority,
  type RiskRating,
  type ThreatModelStatus,
} from "@/lib/domain/threat-model";

const STATUS_TONES: Record<ThreatModelStatus, Tone> = {
  DRAFT: "neutral",
  IN_REVIEW: "blue",
  CHANGES_REQUESTED: "amber",
  APPROVED: "green",
  ARCHIVED: "neutral",
};

/**
 * A model's status. Given its versions, a model with an approved revision and the next one in
 * progress shows both: "Approved 1.0.0 · 1.1.0 in draft", on one line or, in a table's narrow
 * column, one badge under the other.
 */
export function ModelStatusBadge({
  status,
  version,
  approvedVersion,
  stacked = false,
}: {
  status: ThreatModelStatus;
  version?: string;
  approvedVersion?: string | null;
  stacked?: boolean;
}) {
  const standing = version === undefined ? null : standingLabel({ status, version, approvedVersion: approvedVersion ?? null });
  if (!standing?.revision) return <Badge tone={STATUS_TONES[status]}>{THREAT_MODEL_STATUS_LABELS[status]}</Badge>;
  return (
    <span className={stacked ? "inline-flex flex-col items-start gap-1" : "inline-flex flex-wrap items-center gap-1"} data-testid="model-standing">
      <Badge tone="green">{standing.status}</Badge>
      <span className={stacked ? "sr-only" : "text-slate-600"}>{" · "}</span>
      <Badge tone={STATUS_TONES[status]}>{standing.revision}</Badge>
    </span>
  );
}

const LEVEL_TONES: Record<Priority | RiskRating, Tone> = { CRITICAL: "red", HIGH: "amber", MEDIUM: "blue", LOW: "neutral", VERY_LOW: "green" };

export function LevelBadge({ level, prefix }: { level: Priority | RiskRating; prefix?: string }) {
  return (
    <Badge tone={LEVEL_TONES[level]}>
      {prefix ? `${prefix}: ` : ""}
      {LEVEL_LABELS[level]}
    </Badge>
  );
}

const IMPLEMENTATION_TONES: Record<ImplementationStatus, Tone> = { NOT_STARTED: "neutral", PLANNED: "purple", IN_PROGRESS: "blue", IMPLEMENTED: "green" };

export function ImplementationBadge({ status }: { status: ImplementationStatus }) {
  return <Badge tone={IMPLEMENTATION_TONES[status]}>{IMPLEMENTATION_STATUS_LABELS[status]}</Badge>;
}
