import { Badge, type Tone } from "@/components/ui/badge";
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

export function ModelStatusBadge({ status }: { status: ThreatModelStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{THREAT_MODEL_STATUS_LABELS[status]}</Badge>;
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
