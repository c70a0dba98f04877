"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { ConflictChoice, MergeConflict } from "@/lib/domain/section-merge";
import { CLASSIFICATION_LABELS, IMPLEMENTATION_STATUS_LABELS, LEVEL_LABELS, STRIDE_LABELS } from "@/lib/domain/threat-model";
import type { TSectionSave } from "@/lib/validation/model-editor";
import type { MitigationRow } from "./state";

const SECTION_NAMES: Record<string, string> = {
  fields: "Document, overview and architecture",
  trustBoundaries: "Trust boundaries",
  assets: "Assets",
  mitigations: "Mitigations",
  scenarios: "Attack scenarios",
  controls: "Security controls",
  invariants: "Security invariants",
  residualRisks: "Residual risks",
  diagrams: "Data-flow diagrams",
  dismissals: "Dismissed suggestions",
};

export function sectionName(sectionId: string): string {
  const [kind, category] = sectionId.split(":");
  if (kind === "threats") return `${STRIDE_LABELS[category as keyof typeof STRIDE_LABELS].name} threats`;
  if (kind === "assessment") return `${STRIDE_LABELS[category as keyof typeof STRIDE_LABELS].name} residual risk`;
  return SECTION_NAMES[sectionId] ?? sectionId;
}

const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  featureName: "Feature",
  version: "Version",
  ownerId: "Owner",
  ownerTeam: "Owning team",
  category: "Category",
  nextReviewDate: "Next review",
  systemDiagramRef: "System diagram reference",
  overview: "Overview",
  scopeIn: "In scope",
  scopeOut: "Out of scope",
  architecture: "Architecture",
  dataFlow: "Data-flow notes",
  residualRisk: "Residual risk",
  justification: "Justification",
  residualRiskJustification: "Residual-risk justification",
  name: "Name",
  description: "Description",
  crossing: "What crosses it",
  classification: "Classification",
  compromiseImpact: "If compromised",
  attackVectors: "Attack vectors",
  likelihood: "Likelihood",
  impact: "Impact",
  priorityOverride: "Priority override",
  priorityOverrideReason: "Why this priority",
  mitigationIds: "Linked mitigations",
  status: "Status",
  taskRef: "Task ID or ticket",
  implementedIn: "Implemented in",
  dueDate: "Due date",
  effectiveness: "Effectiveness",
  article: "Article",
  topic: "Topic",
  condition: "WHEN",
  requirement: "THE SYSTEM SHALL",
  threatId: "Threat",
  threatTitle: "Threat as written",
  reason: "Why accepted",
  riskOwner: "Risk owner",
  reviewDate: "Review date",
  elements: "Elements",
  flows: "Data flows",
  boundaries: "Trust boundaries drawn",
  elementIds: "On diagram items",
  elementId: "Diagram item",
};

/** Free texts, where keeping both versions makes sense; the multi-line ones join with a blank line. */
const SINGLE_LINE_TEXTS = new Set([
  "title",
  "featureName",
  "ownerTeam",
  "category",
  "systemDiagramRef",
  "name",
  "crossing",
  "compromiseImpact",
  "priorityOverrideReason",
  "residualRiskJustification",
  "taskRef",
  "implementedIn",
  "topic",
  "threatTitle",
  "riskOwner",
  "justification",
]);
const MULTI_LINE_TEXTS = new Set(["overview", "scopeIn", "scopeOut", "architecture", "dataFlow", "description", "condition", "requirement", "reason"]);
/** The separator "keep both" puts between their text and mine. */
export const separatorOf = (field: string) => (MULTI_LINE_TEXTS.has(field) ? "\n\n" : " ");
const offersBoth = (c: MergeConflict) => c.field !== null && (SINGLE_LINE_TEXTS.has(c.field) || MULTI_LINE_TEXTS.has(c.field));

/** What each answer keeps; "both" only for a text. */
const KEEP: [ConflictChoice, string][] = [
  ["theirs", "Keep theirs"],
  ["mine", "Keep mine"],
  ["both", "Keep both"],
];

type Describe = { members: { id: string; name: string }[]; mitigations: MitigationRow[] };
type Row = { id?: string; title?: string; name?: string; threatTitle?: string; topic?: string; article?: number };

function rowName(row: Row | undefined): string {
  if (!row) return "a row";
  const name = row.title ?? row.name ?? row.threatTitle ?? row.topic ?? (row.article !== undefined ? `Article ${row.article}` : "");
  return name ? `“${name}”` : "an untitled row";
}

function shown(field: string | null, value: unknown, d: Describe): string {
  if (field === null) return value === null ? "Removed" : `Kept, as ${rowName(value as Row)}`;
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return "—";
  if (field === "ownerId") return d.members.find((m) => m.id === value)?.name ?? "A former member";
  if (field === "mitigationIds") return (value as string[]).map((id) => d.mitigations.find((m) => m.id === id)?.title ?? "a removed mitigation").join(" · ");
  if (Array.isArray(value)) return value.join("\n");
  if (typeof value === "string") {
    if (field === "status" && value in IMPLEMENTATION_STATUS_LABELS) return IMPLEMENTATION_STATUS_LABELS[value as keyof typeof IMPLEMENTATION_STATUS_LABELS];
    if (field === "classification" && value in CLASSIFICATION_LABELS) return CLASSIFICATION_LABELS[value as keyof typeof CLASSIFICATION_LABELS];
    if (value in LEVEL_LABELS) return LEVEL_LABELS[value as keyof typeof LEVEL_LABELS];
  }
  return String(value);
}

function Value({ title, text }: { title: string; text: string }) {
  return (
    <div className="min-w-0 flex-1 rounded-md border border-slate-200 p-2">
      <p className="text-xs font-semibold text-slate-700">{title}</p>
      <p className="mt-1 max-h-48 overflow-y-auto text-sm break-words whitespace-pre-wrap text-slate-900">{text}</p>
    </div>
  );
}

/**
 * Shows each field both people changed, theirs beside mine, and lets the user keep theirs, mine
 * or (for a text) both. Everything else either of them changed is kept without asking.
 */
export function ConflictDialog({
  sectionId,
  conflicts,
  rowsMine,
  rowsTheirs,
  describe,
  onResolve,
  onKeepEditing,
}: {
  sectionId: string;
  /** Null while their version loads. */
  conflicts: MergeConflict[] | null;
  rowsMine: TSectionSave["data"];
  rowsTheirs: TSectionSave["data"] | null;
  describe: Describe;
  onResolve: (choices: ConflictChoice[]) => void;
  /** Escape or "Keep editing": closes it without a choice; nothing is saved or dropped. */
  onKeepEditing: () => void;
}) {
  const [choices, setChoices] = useState<(ConflictChoice | undefined)[]>([]);
  const rows = [...(Array.isArray(rowsTheirs) ? rowsTheirs : []), ...(Array.isArray(rowsMine) ? rowsMine : [])] as Row[];
  const choose = (index: number, choice: ConflictChoice) => {
    const next = [...choices];
    next[index] = choice;
    setChoices(next);
    if (conflicts && conflicts.every((_, i) => next[i])) onResolve(next as ConflictChoice[]);
  };
  const single = conflicts?.length === 1;

  return (
    // Closing it is "keep editing": every field stays as typed, and the section's next save asks again.
    <Dialog
      size="lg"
      onOpenChange={(open) => !open && onKeepEditing()}
      testId="conflict-dialog"
      title={`Someone else changed ${single ? "a field" : "fields"} you changed in “${sectionName(sectionId)}”`}
      description={`Nothing was overwritten. Everything else either of you changed is kept; choose what to keep for ${single ? "this field" : "each field below"}.`}
    >
      {conflicts === null ? (
        <p className="text-sm text-slate-600" role="status">
          Loading their version…
        </p>
      ) : conflicts.length === 0 ? (
        // Their latest version no longer collides (they changed it back, say): nothing to choose.
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-slate-700">Their latest version no longer differs from yours in any field you changed.</p>
          <Button size="sm" onClick={() => onResolve([])}>
            Continue
          </Button>
        </div>
      ) : (
        <ul className="max-h-[60vh] space-y-4 overflow-y-auto">
          {conflicts.map((c, i) => {
            const row = c.rowId ? rows.find((r) => r.id === c.rowId) : undefined;
            const label =
              c.field === null
                ? `The row ${rowName(row)}`
                : c.rowId
                  ? `${FIELD_LABELS[c.field] ?? c.field} of ${rowName(row)}`
                  : (FIELD_LABELS[c.field] ?? c.field);
            const headingId = `conflict-${i}`;
            return (
              <li
                key={`${c.rowId ?? ""}:${c.field ?? ""}`}
                className="rounded-md border border-amber-300 bg-amber-50/50 p-3"
                aria-labelledby={headingId}
                data-testid="conflict-field"
              >
                <h3 id={headingId} className="text-sm font-semibold text-slate-900">
                  {label}
                </h3>
                <div className="mt-2 flex flex-col gap-2 md:flex-row">
                  <Value title="Theirs (saved)" text={shown(c.field, c.theirs, describe)} />
                  <Value title="Yours (not saved)" text={shown(c.field, c.mine, describe)} />
                </div>
                <div className="mt-2 flex flex-wrap justify-end gap-2" role="group" aria-label={`Keep for ${label}`}>
                  {KEEP.filter(([choice]) => choice !== "both" || offersBoth(c)).map(([choice, text]) => (
                    <Button
                      key={choice}
                      size="sm"
                      variant={choices[i] === choice ? "primary" : "secondary"}
                      aria-pressed={choices[i] === choice}
                      onClick={() => choose(i, choice)}
                    >
                      {text}
                    </Button>
                  ))}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <div className="mt-4 flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 pt-3">
        <p className="text-sm text-slate-600">Not sure yet? Your text stays as you typed it, unsaved; your next change here asks again.</p>
        <Button size="sm" variant="ghost" onClick={onKeepEditing}>
          Keep editing
        </Button>
      </div>
    </Dialog>
  );
}
