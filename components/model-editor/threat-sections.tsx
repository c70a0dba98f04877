"use client";
import { useState } from "react";
import { LevelBadge } from "@/components/threat-models/badges";
import { Button } from "@/components/ui/button";
import type { LibraryEntry } from "@/lib/domain/threat-library";
import { effectivePriority, suggestPriority } from "@/lib/domain/priority";
import { fixByWording, type FixBySettings } from "@/lib/domain/sla";
import { LEVEL_LABELS, PRIORITIES, RISK_RATINGS, STRIDE_LABELS, type StrideCategory } from "@/lib/domain/threat-model";
import { Choice, TextInput } from "./inputs";
import { MitigationLinks } from "./mitigation-links";
import { LIKELIHOOD_AND_IMPACT, RowFields, type FieldSpec } from "./row-fields";
import { RowList } from "./row-list";
import { SaveState, newKey, rowErrors } from "./section-shell";
import { newThreatRow, type Assessment, type MitigationRow, type ThreatRow } from "./state";
import { ThreatTransfer, type ThreatTransferHost } from "./threat-transfer";
import type { SectionStatus } from "./use-autosave";

type SetRows<R> = (update: (rows: R[]) => R[]) => void;

const blankThreat = (category: StrideCategory): ThreatRow => newThreatRow(newKey(), category);

const THREAT_FIELDS: FieldSpec<ThreatRow>[] = [{ kind: "text", name: "title", label: "Threat", placeholder: "What can go wrong" }, ...LIKELIHOOD_AND_IMPACT];
const THREAT_TEXTS: FieldSpec<ThreatRow>[] = [
  { kind: "area", name: "description", label: "Description", rows: 2 },
  {
    kind: "area",
    name: "attackVectorsText",
    label: "Attack vectors (one per line)",
    savedAs: "attackVectors",
    rows: 2,
    placeholder: "Stolen credentials\nSession hijacking",
  },
];
const THREAT_RESIDUAL_RISK: FieldSpec<ThreatRow>[] = [
  { kind: "choice", name: "residualRisk", label: "Residual risk", options: RISK_RATINGS, labels: LEVEL_LABELS, emptyLabel: "Not rated" },
  { kind: "text", name: "residualRiskJustification", label: "Justification" },
];

export function StrideCategorySection({
  category,
  threats,
  setThreats,
  assessment,
  setAssessment,
  mitigations,
  createMitigation,
  library,
  settings,
  threatsStatus,
  assessmentStatus,
  disabled,
  onSaveToLibrary,
  transfer,
}: {
  category: StrideCategory;
  threats: ThreatRow[];
  setThreats: SetRows<ThreatRow>;
  assessment: Assessment;
  setAssessment: (a: Assessment) => void;
  mitigations: MitigationRow[];
  createMitigation: (title: string) => string;
  library: LibraryEntry[];
  settings: FixBySettings;
  threatsStatus: SectionStatus;
  assessmentStatus: SectionStatus;
  disabled?: boolean;
  onSaveToLibrary?: (threatId: string) => void;
  /** Copying or moving a saved threat to another model; absent where the editor cannot offer it. */
  transfer?: ThreatTransferHost;
}) {
  const label = STRIDE_LABELS[category];
  const [showLibrary, setShowLibrary] = useState(false);
  const suggestions = library.filter((e) => e.category === category && !threats.some((t) => t.title.trim().toLowerCase() === e.title.toLowerCase()));
  const headingId = `stride-${category}`;

  const addFromLibrary = (entry: LibraryEntry) => {
    const mitigationKey = entry.mitigation ? createMitigation(entry.mitigation) : null;
    setThreats((all) => [
      ...all,
      {
        ...blankThreat(category),
        title: entry.title,
        description: entry.description,
        likelihood: entry.likelihood,
        impact: entry.impact,
        mitigationKeys: mitigationKey ? [mitigationKey] : [],
      },
    ]);
  };

  return (
    <section aria-labelledby={headingId} className="border-t border-slate-200 pt-3 sm:rounded-lg sm:border sm:p-4" data-testid={`stride-${category}`}>
      <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={headingId} className="text-sm font-semibold text-slate-900">
            {label.name} ({label.letter})
          </h3>
          <p className="text-xs text-slate-600">{label.question}</p>
        </div>
        <span className="flex items-center gap-3">
          <SaveState state={threatsStatus.state !== "saved" ? threatsStatus.state : assessmentStatus.state} />
          {!disabled && suggestions.length > 0 && (
            <Button type="button" size="sm" variant="ghost" aria-expanded={showLibrary} onClick={() => setShowLibrary((s) => !s)}>
              {showLibrary ? "Hide suggestions" : `Suggestions (${suggestions.length})`}
            </Button>
          )}
        </span>
      </div>
      {(threatsStatus.state === "invalid" || threatsStatus.state === "failed") && (
        <p role="alert" className="mb-3 rounded bg-red-50 px-3 py-2 text-xs text-red-800">
          {threatsStatus.message}
        </p>
      )}
      {showLibrary && !disabled && (
        <div className="mb-3 rounded-md border border-brand-100 bg-brand-50/60 p-3">
          <p className="mb-2 text-xs font-medium text-slate-700">From the threat library: adding one copies it, with its mitigation, into this model.</p>
          <ul className="space-y-1.5">
            {suggestions.map((entry) => (
              <li key={entry.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <span>
                  {entry.title}{" "}
                  <span className="text-xs text-slate-700">
                    L {LEVEL_LABELS[entry.likelihood]} · I {LEVEL_LABELS[entry.impact]}
                    {entry.mitigation && ` · ${entry.mitigation}`}
                  </span>
                </span>
                <Button type="button" size="sm" variant="secondary" onClick={() => addFromLibrary(entry)} aria-label={`Add “${entry.title}” from the library`}>
                  Add
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <RowList<ThreatRow>
        rows={threats}
        setRows={setThreats}
        disabled={disabled}
        addLabel={`Add ${label.name.toLowerCase()} threat`}
        emptyText={`No ${label.name.toLowerCase()} threats yet.`}
        itemLabel={(t) => t.title}
        summaryOf={(t) => `Priority ${LEVEL_LABELS[effectivePriority(t)]} · ${t.mitigationKeys.length} mitigation${t.mitigationKeys.length === 1 ? "" : "s"}`}
        anchorOf={(t) => (t.id ? `threat-${t.id}` : undefined)}
        newRow={() => blankThreat(category)}
        render={(t, index, update) => {
          const err = rowErrors(threatsStatus, index);
          const bound = { row: t, update, err };
          const suggested = suggestPriority(t.likelihood, t.impact);
          const priority = effectivePriority(t);
          return (
            <div className="scroll-mt-24 space-y-3" data-testid="threat" id={t.id ? `threat-${t.id}` : undefined}>
              <RowFields className="grid gap-3 md:grid-cols-[1fr_9rem_9rem]" fields={THREAT_FIELDS} {...bound} />
              <div className="flex flex-wrap items-end gap-3 rounded-md bg-slate-50 p-2">
                <p className="text-xs text-slate-700" data-testid="priority">
                  <span className="mr-1">Priority</span> <LevelBadge level={priority} />{" "}
                  <span className="ml-1 text-slate-600">
                    {t.priorityOverride ? `set by hand (suggested: ${LEVEL_LABELS[suggested]})` : "suggested from likelihood × impact"} · fix:{" "}
                    {fixByWording(priority, settings)}
                  </span>
                </p>
                {!disabled && (
                  <Choice
                    className="max-w-full shrink-0"
                    label="Override priority"
                    value={t.priorityOverride}
                    options={PRIORITIES}
                    labels={LEVEL_LABELS}
                    emptyLabel={`Use suggested (${LEVEL_LABELS[suggested]})`}
                    onChange={(v) => update({ priorityOverride: v })}
                  />
                )}
                {t.priorityOverride && (
                  <TextInput
                    className="min-w-64 flex-1"
                    label="Why this priority?"
                    value={t.priorityOverrideReason}
                    onChange={(priorityOverrideReason) => update({ priorityOverrideReason })}
                    error={err.priorityOverrideReason}
                  />
                )}
              </div>
              <RowFields className="grid gap-3 md:grid-cols-2" fields={THREAT_TEXTS} {...bound} />
              <MitigationLinks
                label="Mitigations"
                linkedKeys={t.mitigationKeys}
                mitigations={mitigations}
                onChange={(mitigationKeys) => update({ mitigationKeys })}
                onCreate={createMitigation}
                disabled={disabled}
              />
              <details className="text-sm">
                <summary className="cursor-pointer text-xs font-medium text-slate-600">
                  Residual risk of this threat{t.residualRisk ? `: ${LEVEL_LABELS[t.residualRisk]}` : ""}
                </summary>
                <RowFields className="mt-2 grid gap-3 md:grid-cols-[12rem_1fr]" fields={THREAT_RESIDUAL_RISK} {...bound} />
              </details>
              {t.id && (onSaveToLibrary || (transfer && !disabled)) && (
                <div className="flex flex-wrap items-start gap-2">
                  {onSaveToLibrary && (
                    <Button type="button" size="sm" variant="ghost" onClick={() => onSaveToLibrary(t.id!)}>
                      Save to threat library
                    </Button>
                  )}
                  {transfer && !disabled && <ThreatTransfer host={transfer} threatId={t.id} threatTitle={t.title} />}
                </div>
              )}
            </div>
          );
        }}
      />
      <div className="mt-4 grid gap-3 border-t border-slate-100 pt-3 md:grid-cols-[12rem_1fr]">
        <Choice
          label={`${label.name}: residual risk`}
          value={assessment.residualRisk}
          options={RISK_RATINGS}
          labels={LEVEL_LABELS}
          emptyLabel="Not rated"
          disabled={disabled}
          onChange={(residualRisk) => setAssessment({ ...assessment, residualRisk })}
        />
        <TextInput
          label="Justification"
          value={assessment.justification}
          disabled={disabled}
          onChange={(justification) => setAssessment({ ...assessment, justification })}
          placeholder="e.g. Multiple layers of authentication"
          error={assessmentStatus.state === "invalid" ? (assessmentStatus.fieldErrors?.["data.residualRisk"] ?? assessmentStatus.message) : undefined}
        />
      </div>
    </section>
  );
}
