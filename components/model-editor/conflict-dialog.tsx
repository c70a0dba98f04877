"use client";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { LEVEL_LABELS, STRIDE_LABELS, IMPLEMENTATION_STATUS_LABELS } from "@/lib/domain/threat-model";
import type { TSectionSave } from "@/lib/validation/model-editor";
import type { Conflict } from "./saver";
import { fromServer, sectionPayloads } from "./state";
import { STRIDE_CATEGORIES } from "@/lib/domain/threat-model";

const SECTION_NAMES: Record<string, string> = {
  fields: "Document, overview and architecture",
  trustBoundaries: "Trust boundaries",
  assets: "Assets",
  mitigations: "Mitigations",
  scenarios: "Attack scenarios",
  controls: "Security controls",
  invariants: "Security invariants",
  residualRisks: "Residual risks",
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
  ownerTeam: "Owning team",
  category: "Category",
  nextReviewDate: "Next review",
  systemDiagramRef: "Diagram reference",
  overview: "Overview",
  scopeIn: "In scope",
  scopeOut: "Out of scope",
  architecture: "Architecture",
  dataFlow: "Data-flow notes",
  residualRisk: "Residual risk",
  justification: "Justification",
};

/** A readable account of a section's content, line by line, to compare two versions. */
function describe(save: TSectionSave | undefined): string[] {
  if (!save) return [];
  const data = save.data as unknown;
  if (!Array.isArray(data)) {
    return Object.entries(data as Record<string, unknown>)
      .filter(([k]) => k !== "category" && k !== "ownerId")
      .map(([k, v]) => `${FIELD_LABELS[k] ?? k}: ${v === null || v === "" ? "—" : typeof v === "string" && v in LEVEL_LABELS ? LEVEL_LABELS[v as keyof typeof LEVEL_LABELS] : String(v)}`);
  }
  return (data as Record<string, unknown>[]).map((row) => {
    const name = String(row.title ?? row.name ?? row.threatTitle ?? row.topic ?? "untitled");
    const extras = [row.status && IMPLEMENTATION_STATUS_LABELS[row.status as keyof typeof IMPLEMENTATION_STATUS_LABELS], row.likelihood && `L ${LEVEL_LABELS[row.likelihood as keyof typeof LEVEL_LABELS]}`, row.impact && `I ${LEVEL_LABELS[row.impact as keyof typeof LEVEL_LABELS]}`]
      .filter(Boolean)
      .join(", ");
    return extras ? `${name} (${extras})` : name;
  });
}

function Version({ title, lines, other }: { title: string; lines: string[]; other: string[] }) {
  return (
    <div className="min-w-0 flex-1 rounded-md border border-slate-200 p-3">
      <h3 className="mb-2 text-sm font-semibold text-slate-900">{title}</h3>
      {lines.length === 0 ? (
        <p className="text-sm text-slate-500 italic">Empty</p>
      ) : (
        <ul className="max-h-72 space-y-1 overflow-y-auto text-sm">
          {lines.map((l, i) => (
            <li key={i} className={other.includes(l) ? "text-slate-700" : "rounded bg-amber-100 px-1 font-medium text-slate-900"}>
              {!other.includes(l) && <span className="sr-only">Differs: </span>}
              {l}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Shows both versions of the section that collided, and lets the user keep one. */
export function ConflictDialog({ conflict, onResolve }: { conflict: Conflict; onResolve: (keep: "theirs" | "mine") => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const theirs = conflict.theirs ? sectionPayloads(fromServer(conflict.theirs), STRIDE_CATEGORIES)[conflict.sectionId] : undefined;
  const mine = describe(conflict.mine);
  const theirLines = describe(theirs);
  return (
    <dialog
      ref={ref}
      aria-labelledby="conflict-title"
      aria-describedby="conflict-text"
      className="m-auto w-[min(56rem,calc(100vw-2rem))] rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
      onCancel={(e) => e.preventDefault()}
      data-testid="conflict-dialog"
    >
      <div className="p-5">
        <h2 id="conflict-title" className="text-lg font-semibold text-slate-900">
          Someone else changed “{sectionName(conflict.sectionId)}”
        </h2>
        <p id="conflict-text" className="mt-1 text-sm text-slate-600">
          Your change was not saved, and nothing was overwritten. Compare the two versions and choose which one to keep. Differences are highlighted.
        </p>
        {conflict.theirs === null ? (
          <p className="mt-4 text-sm text-slate-600" role="status">
            Loading their version…
          </p>
        ) : (
          <div className="mt-4 flex flex-col gap-3 md:flex-row">
            <Version title="Their version (saved)" lines={theirLines} other={mine} />
            <Version title="Your version (not saved)" lines={mine} other={theirLines} />
          </div>
        )}
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button variant="secondary" disabled={!conflict.theirs} onClick={() => onResolve("theirs")}>
            Keep theirs
          </Button>
          <Button disabled={!conflict.theirs} onClick={() => onResolve("mine")}>
            Keep mine
          </Button>
        </div>
      </div>
    </dialog>
  );
}
