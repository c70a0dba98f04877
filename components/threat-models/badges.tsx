import { Badge, type Tone } from "@/components/ui/badge";
import { cx } from "@/lib/cx";
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

/**
 * The one priority → colour map: a badge's tone, a bar's fill and a heat-map cell's (deep when the
 * cell holds open threats, pale when it holds none). Bars and deep cells carry a pattern as well
 * as a colour, so priorities tell apart in grey and in print; the priority's name or letter is
 * always written beside them.
 */
export const PRIORITY_COLOURS: Record<Priority, { tone: Tone; bar: string; cell: string; paleCell: string }> = {
  CRITICAL: { tone: "red", bar: "bg-red-700", cell: "bg-red-700 text-white", paleCell: "bg-red-50 text-red-900" },
  HIGH: {
    tone: "amber",
    bar: "bg-amber-500 bg-[repeating-linear-gradient(45deg,transparent_0_4px,rgba(255,255,255,.55)_4px_7px)]",
    cell: "bg-amber-400 bg-[repeating-linear-gradient(45deg,transparent_0_6px,rgba(255,255,255,.35)_6px_9px)] text-amber-950",
    paleCell: "bg-amber-50 text-amber-900",
  },
  MEDIUM: {
    tone: "blue",
    bar: "bg-blue-600 bg-[repeating-linear-gradient(90deg,transparent_0_5px,rgba(255,255,255,.6)_5px_7px)]",
    cell: "bg-blue-700 bg-[repeating-linear-gradient(90deg,transparent_0_7px,rgba(255,255,255,.18)_7px_9px)] text-white",
    paleCell: "bg-blue-50 text-blue-900",
  },
  LOW: {
    tone: "neutral",
    bar: "bg-slate-400 bg-[radial-gradient(rgba(255,255,255,.8)_1px,transparent_1.5px)] bg-[length:5px_5px]",
    cell: "bg-slate-300 bg-[radial-gradient(rgba(255,255,255,.7)_1px,transparent_1.5px)] bg-[length:6px_6px] text-slate-900",
    paleCell: "bg-slate-50 text-slate-700",
  },
};

/** Ratings share the priorities' tones; a very low rating is green. */
const LEVEL_TONES: Record<Priority | RiskRating, Tone> = {
  CRITICAL: PRIORITY_COLOURS.CRITICAL.tone,
  HIGH: PRIORITY_COLOURS.HIGH.tone,
  MEDIUM: PRIORITY_COLOURS.MEDIUM.tone,
  LOW: PRIORITY_COLOURS.LOW.tone,
  VERY_LOW: "green",
};

export function LevelBadge({ level, prefix, className }: { level: Priority | RiskRating; prefix?: string; className?: string }) {
  return (
    <Badge tone={LEVEL_TONES[level]} className={className}>
      {prefix ? `${prefix}: ` : ""}
      {LEVEL_LABELS[level]}
    </Badge>
  );
}

const IMPLEMENTATION_TONES: Record<ImplementationStatus, Tone> = { NOT_STARTED: "neutral", PLANNED: "purple", IN_PROGRESS: "blue", IMPLEMENTED: "green" };

export function ImplementationBadge({ status }: { status: ImplementationStatus }) {
  return <Badge tone={IMPLEMENTATION_TONES[status]}>{IMPLEMENTATION_STATUS_LABELS[status]}</Badge>;
}

/** A date that has passed: red, and marked with "!" so that it does not rest on colour alone. */
export function OverdueBadge({ label = "Overdue", className }: { label?: string; className?: string }) {
  return (
    <Badge tone="red" className={cx("font-semibold", className)}>
      <span aria-hidden="true" className="mr-0.5">
        !
      </span>
      {label}
    </Badge>
  );
}
