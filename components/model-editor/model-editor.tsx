"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { saveThreatToLibraryAction } from "@/lib/actions/threat-library";
import type { EditorState } from "@/lib/data/model-editor/editor-state";
import type { LibraryEntry } from "@/lib/domain/threat-library";
import type { FixBySettings } from "@/lib/domain/sla";
import { STRIDE_CATEGORIES, type StrideCategory } from "@/lib/domain/threat-model";
import { baseAfterMerge, mergeSection, resolveConflicts, type ConflictChoice, type SectionData } from "@/lib/domain/section-merge";
import type { TSectionSave } from "@/lib/validation/model-editor";
import { LazyDiagramWorkspace } from "@/components/diagram/lazy-diagram-workspace";
import type { EditorDiagram } from "@/components/diagram/types";
import { ConflictDialog, separatorOf } from "./conflict-dialog";
import { diagramAnalysisRenderer } from "./diagram-analysis";
import { diagramThreatsOf } from "./diagram-threats";
import { RowTouch } from "./inputs";
import { Mitigations } from "./mitigations-section";
import { Architecture, FeatureOverview, FrontMatter } from "./overview-sections";
import { ResidualRisks } from "./residual-risks-section";
import { RiskSummary } from "./risk-summary";
import { useSaver } from "./saver";
import { AttackScenarios } from "./scenarios-section";
import { loadSectionValidation, normalizedSectionData } from "./section-validation";
import { SectionShell, newKey } from "./section-shell";
import { canonicalJson, fromServer, preferAsTyped, sectionPayloads, withKeysOf, withRowIds, withSectionData, type LocalState } from "./state";
import { Assets, SecurityControls, SecurityInvariants, TrustBoundaries } from "./table-sections";
import { StrideCategorySection } from "./threat-sections";
import type { ThreatTransferHost } from "./threat-transfer";
import { useAutosave, type SectionStatus } from "./use-autosave";
import { useLeaveWarning } from "./use-leave-warning";

// With the diagram editor, after the page: see DiagramFooter.
const DiagramFooter = dynamic(() => import("./diagram-footer"), { ssr: false });

type Props = {
  organizationSlug: string;
  initial: EditorState;
  members: { id: string; name: string }[];
  settings: FixBySettings;
  library: LibraryEntry[];
  canManageLibrary: boolean;
  /** The server's calendar day (UTC), for the rules that depend on the date. */
  today: string;
};

type RowSection = Exclude<keyof LocalState, "fields" | "assessments">;
/** A newer stored version of a section to take in: merged with the editor's from `base`; `newBase` replaces the computed base. */
type TakeIn = { base: TSectionSave | undefined; theirs: TSectionSave; newBase?: TSectionSave };

/** The threat-model editor: every section of the template, saved automatically, never silently overwritten. */
export function ModelEditor({ organizationSlug, initial, members, settings, library, canManageLibrary, today }: Props) {
  const [state, setState] = useState<LocalState>(() => fromServer(initial));
  const saver = useSaver(organizationSlug, initial.id, initial.lockVersion, initial.status);
  const payloads = useMemo(() => sectionPayloads(state, STRIDE_CATEGORIES), [state]);
  const [notice, setNotice] = useState<ReactNode>(null);

  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });
  // Filled in below, once the autosave exists: how a save's answer is taken in.
  const onSavedRef = useRef<Parameters<typeof useAutosave>[2]>(() => undefined);
  const onSaved = useCallback<Parameters<typeof useAutosave>[2]>((...args) => onSavedRef.current(...args), []);
  const autosave = useAutosave(payloads, saver.save, onSaved, !saver.locked);
  const { rebase, baseOf, isInFlight } = autosave;

  /**
   * Takes in newer stored versions of some sections: each is merged with what the editor holds
   * (three-way, from the section's base), so nothing typed here is lost and nothing saved there
   * is reverted. Where an unsaved change collides, it stays here and its next save asks.
   */
  const takeIn = useCallback(
    (inputs: Record<string, TakeIn>, created?: { sectionId: string; idsByKey: Record<string, string> }) => {
      let next = created ? withRowIds(stateRef.current, created.sectionId, created.idsByKey) : stateRef.current;
      const local = sectionPayloads(next, STRIDE_CATEGORIES);
      const bases: Record<string, TSectionSave> = {};
      for (const [id, input] of Object.entries(inputs)) {
        const mine = local[id];
        if (!mine) continue;
        const norm = (data: unknown) => normalizedSectionData(mine, data) as SectionData;
        const mineNorm = norm(mine.data);
        const result = mergeSection(input.base === undefined ? undefined : norm(input.base.data), norm(input.theirs.data), mineNorm);
        const merged = preferAsTyped(
          resolveConflicts(
            result,
            result.conflicts.map(() => "mine" as const),
          ),
          mineNorm,
          mine.data as SectionData,
        );
        next = withSectionData(next, id, merged);
        const base = input.newBase ?? { ...input.theirs, data: baseAfterMerge(input.theirs.data as SectionData, result.conflicts) };
        bases[id] = { ...base, data: withKeysOf(base.data as SectionData, merged) } as TSectionSave;
      }
      stateRef.current = next;
      setState(next);
      rebase(bases);
    },
    [rebase],
  );

  useEffect(() => {
    onSavedRef.current = (sectionId, outcome, sent) => {
      const inputs: Record<string, TakeIn> = {};
      if (outcome.theirs) {
        const theirs = sectionPayloads(fromServer(outcome.theirs), STRIDE_CATEGORIES);
        for (const [id, p] of Object.entries(theirs)) if (id !== sectionId && !isInFlight(id)) inputs[id] = { base: baseOf(id), theirs: p };
      }
      const stored = outcome.section === undefined ? sent : ({ ...sent, data: outcome.section } as TSectionSave);
      if (!Object.keys(inputs).length && canonicalJson(normalizedSectionData(sent, stored.data)) === canonicalJson(normalizedSectionData(sent, sent.data))) {
        // Nothing but this save: only the new rows' ids to put in place.
        if (Object.keys(outcome.idsByKey).length) setState((s) => withRowIds(s, sectionId, outcome.idsByKey));
        return;
      }
      inputs[sectionId] = { base: sent, theirs: stored };
      takeIn(inputs, { sectionId, idsByKey: outcome.idsByKey });
    };
  });
  // A new row's missing required fields are not reported until the user has left one of its
  // fields: until then the section is simply not saved yet.
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const rowTouch = useMemo(() => ({ touched, touch: (key: string) => setTouched((t) => (t.has(key) ? t : new Set(t).add(key))) }), [touched]);
  const status = (id: string): SectionStatus => {
    const s = autosave.statusOf(id);
    const rows = payloads[id]?.data;
    if (s.state !== "invalid" || !s.fieldErrors || !Array.isArray(rows)) return s;
    const paths = Object.keys(s.fieldErrors);
    const quiet =
      paths.length > 0 &&
      paths.every((p) => {
        const row = (rows as { key: string; id?: string }[])[Number(p.match(/^(?:save\.)?data\.(\d+)(?:\.|$)/)?.[1] ?? NaN)];
        return row !== undefined && !row.id && !touched.has(row.key);
      });
    return quiet ? { state: "pending" } : s;
  };

  // Leaving with unsaved changes asks first: closing the tab, reloading, or following a link.
  const dirty = autosave.dirtyIds.length > 0;
  useLeaveWarning(dirty, { links: true });
  // Right after the page shows, so the first save does not wait for them.
  useEffect(() => void loadSectionValidation(), []);

  // ─── Section setters ────────────────────────────────────────────────────────────────
  const setRows =
    <K extends RowSection>(section: K) =>
    (update: (rows: LocalState[K]) => LocalState[K]) =>
      setState((s) => ({ ...s, [section]: update(s[section]) }));
  const setFields = (patch: Partial<LocalState["fields"]>) => setState((s) => ({ ...s, fields: { ...s.fields, ...patch } }));
  const createMitigation = (title: string) => {
    const key = newKey();
    setState((s) => ({
      ...s,
      mitigations: [...s.mitigations, { key, title, description: "", status: "NOT_STARTED", taskRef: "", implementedIn: "", ownerId: null, dueDate: null }],
    }));
    return key;
  };
  const setCategoryThreats = (category: StrideCategory) => (update: (rows: LocalState["threats"]) => LocalState["threats"]) =>
    setState((s) => {
      const mine = s.threats.filter((t) => t.category === category);
      return { ...s, threats: [...s.threats.filter((t) => t.category !== category), ...update(mine)] };
    });
  // A diagram's trust boundaries are the model's: adding one on the diagram adds its row, and a
  // rename on either side renames both.
  const setDiagrams = (update: (d: EditorDiagram[]) => EditorDiagram[]) => setState((s) => ({ ...s, diagrams: update(s.diagrams) }));
  const addTrustBoundary = (name: string) => {
    const key = newKey();
    setState((s) => ({ ...s, trustBoundaries: [...s.trustBoundaries, { key, name, description: "", crossing: "" }] }));
    return key;
  };
  const renameTrustBoundary = (key: string, name: string) =>
    setState((s) => ({ ...s, trustBoundaries: s.trustBoundaries.map((b) => (b.key === key ? { ...b, name } : b)) }));
  const setTrustBoundaryRows = (update: (rows: LocalState["trustBoundaries"]) => LocalState["trustBoundaries"]) =>
    setState((s) => {
      const trustBoundaries = update(s.trustBoundaries);
      const nameOf = new Map(trustBoundaries.map((b) => [b.key, b.name]));
      const renamed = (b: EditorDiagram["boundaries"][number]) =>
        b.trustBoundaryId !== null && nameOf.has(b.trustBoundaryId) && nameOf.get(b.trustBoundaryId) !== b.name;
      // A row removed from the table leaves the drawing in place, no longer linked to a row.
      const gone = (b: EditorDiagram["boundaries"][number]) => b.trustBoundaryId !== null && !nameOf.has(b.trustBoundaryId);
      const diagrams = s.diagrams.some((d) => d.boundaries.some((b) => renamed(b) || gone(b)))
        ? s.diagrams.map((d) => ({
            ...d,
            boundaries: d.boundaries.map((b) => (gone(b) ? { ...b, trustBoundaryId: null } : renamed(b) ? { ...b, name: nameOf.get(b.trustBoundaryId!)! } : b)),
          }))
        : s.diagrams;
      return { ...s, trustBoundaries, diagrams };
    });
  const diagramThreats = useMemo(() => diagramThreatsOf(state, today), [state, today]);
  const assessmentOf = (category: StrideCategory) =>
    state.assessments.find((a) => a.category === category) ?? { category, residualRisk: null, justification: "" };
  const setAssessment = (a: LocalState["assessments"][number]) =>
    setState((s) => ({ ...s, assessments: [...s.assessments.filter((x) => x.category !== a.category), a] }));

  // ─── Conflicts ──────────────────────────────────────────────────────────────────────
  // The fields both sides changed, from the section's base, theirs and what the save sent.
  const conflict = saver.conflict;
  const conflictMerge = useMemo(() => {
    if (!conflict?.theirs) return null;
    const theirs = sectionPayloads(fromServer(conflict.theirs), STRIDE_CATEGORIES);
    const norm = (data: unknown) => normalizedSectionData(conflict.mine, data) as SectionData;
    const section = theirs[conflict.sectionId]!;
    return { theirs, result: mergeSection(conflict.base === undefined ? undefined : norm(conflict.base), norm(section.data), norm(conflict.mine.data)) };
  }, [conflict]);

  const resolve = useCallback(
    (choices: ConflictChoice[]) => {
      if (!conflict?.theirs || !conflictMerge) return;
      const { theirs, result } = conflictMerge;
      const id = conflict.sectionId;
      const resolved = resolveConflicts(result, choices, separatorOf);
      const inputs: Record<string, TakeIn> = {
        [id]: { base: conflict.mine, theirs: { ...conflict.mine, data: resolved } as TSectionSave, newBase: theirs[id] },
      };
      // Every other section takes theirs in too, merged with what is unsaved here.
      for (const [sid, p] of Object.entries(theirs)) if (sid !== id && !isInFlight(sid)) inputs[sid] = { base: baseOf(sid), theirs: p };
      takeIn(inputs);
      saver.adoptVersion(conflict.theirs.lockVersion);
      autosave.release(id);
      if (result.conflicts.length) {
        const kept = choices.some((c) => c !== "theirs");
        setNotice(
          kept
            ? "Your choices are being saved; everything else that either of you changed is kept."
            : "Their values are shown; everything else that either of you changed is kept.",
        );
      }
    },
    [conflict, conflictMerge, takeIn, saver, autosave, isInFlight, baseOf],
  );

  // Closing the dialog without a choice: the section keeps what was typed and asks again on its next save.
  const keepEditing = useCallback(() => {
    if (conflict) autosave.setAside(conflict.sectionId);
    saver.dismissConflict();
  }, [conflict, autosave, saver]);
  /** Lets every section in this state save again: a retry after failures, or a conflict set aside asked again. */
  const releaseAll = (state: "failed" | "conflict") =>
    Object.keys(payloads)
      .filter((id) => status(id).state === state)
      .forEach(autosave.release);

  // ─── A threat moved to another model ────────────────────────────────────────────────
  // A move is only offered with nothing unsaved, so what the server now holds is exactly this
  // state without the threat: the sections it touched count as saved, and the next save is
  // based on the version the move produced.
  const onThreatMoved: ThreatTransferHost["onMoved"] = ({ threatId, threatTitle, sourceLockVersion, target }) => {
    const moved = state.threats.find((t) => t.id === threatId);
    const next: LocalState = {
      ...state,
      threats: state.threats.filter((t) => t.id !== threatId),
      // The server keeps these proposals with the threat's title and drops their link to it.
      residualRisks: state.residualRisks.map((r) => (r.threatId === threatId ? { ...r, threatId: null } : r)),
    };
    setState(next);
    autosave.markSaved(sectionPayloads(next, STRIDE_CATEGORIES), [...(moved ? [`threats:${moved.category}`] : []), "residualRisks"]);
    saver.adoptVersion(sourceLockVersion);
    setNotice(
      <>
        Moved “{threatTitle}” to{" "}
        <Link className="font-medium underline" href={`/${organizationSlug}/models/${target.id}`}>
          {target.title}
        </Link>
        .
      </>,
    );
  };
  const transferHost: ThreatTransferHost = {
    organizationSlug,
    modelId: initial.id,
    hasUnsavedChanges: dirty || Boolean(saver.conflict),
    currentVersion: saver.currentVersion,
    onMoved: onThreatMoved,
  };

  // ─── Overall state ──────────────────────────────────────────────────────────────────
  const all = Object.keys(payloads).map(status);
  const overall: SectionStatus["state"] = saver.conflict
    ? "conflict"
    : saver.locked
      ? "locked"
      : ((["conflict", "failed", "invalid", "saving", "pending"] as const).find((s) => all.some((x) => x.state === s)) ?? "saved");
  const OVERALL_TEXT: Record<SectionStatus["state"], string> = {
    saved: "All changes saved",
    pending: "Unsaved changes…",
    saving: "Saving…",
    failed: "Could not save: retrying. Your text is kept.",
    invalid: "Some fields need attention before they can be saved",
    conflict: saver.conflict ? "Someone else changed this model" : "Not saved: someone else changed what you changed. Your text is kept.",
    locked: "This model is locked",
  };

  const disabled = Boolean(saver.locked);
  const diagramStatus = status("diagrams");

  return (
    <RowTouch.Provider value={rowTouch}>
      <div className="no-print sticky top-0 z-20 -mx-4 mb-4 flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50/95 px-4 py-2 backdrop-blur sm:-mx-6 sm:px-6 lg:-mx-8 lg:px-8">
        <p
          role="status"
          aria-live="polite"
          data-testid="save-status"
          data-state={overall}
          className={`text-sm font-medium ${overall === "saved" ? "text-emerald-700" : overall === "saving" || overall === "pending" ? "text-slate-600" : "text-red-700"}`}
        >
          {OVERALL_TEXT[overall]}
        </p>
        {overall === "conflict" && !saver.conflict && (
          <Button size="sm" variant="secondary" onClick={() => releaseAll("conflict")}>
            Choose what to keep
          </Button>
        )}
        {overall === "failed" && (
          <Button size="sm" variant="secondary" onClick={() => releaseAll("failed")}>
            Retry now
          </Button>
        )}
      </div>
      {saver.locked && (
        <Alert tone="warning" className="mb-4">
          {saver.locked} Reload the page to see its current state.
        </Alert>
      )}
      {notice && (
        <Alert tone="info" className="mb-4">
          {notice}{" "}
          <button type="button" className="underline" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </Alert>
      )}
      {saver.reviewNotice && (
        <Alert tone="warning" className="mb-4">
          <span data-testid="review-notice">{saver.reviewNotice}</span>{" "}
          <button type="button" className="underline" onClick={saver.dismissReviewNotice}>
            Dismiss
          </button>
        </Alert>
      )}
      {conflict && (
        <ConflictDialog
          sectionId={conflict.sectionId}
          conflicts={conflictMerge?.result.conflicts ?? null}
          rowsMine={conflict.mine.data}
          rowsTheirs={conflictMerge ? conflictMerge.theirs[conflict.sectionId]!.data : null}
          describe={{ members, mitigations: [...state.mitigations, ...(conflict.theirs ? fromServer(conflict.theirs).mitigations : [])] }}
          onResolve={resolve}
          onKeepEditing={keepEditing}
        />
      )}

      <FrontMatter fields={state.fields} set={setFields} status={status("fields")} members={members} />
      <FeatureOverview fields={state.fields} set={setFields} status={status("fields")} />
      <Architecture
        fields={state.fields}
        set={setFields}
        status={status("fields")}
        diagrams={
          <>
            {diagramStatus.state === "invalid" && (
              <Alert tone="error" className="mb-2">
                <span data-testid="diagram-save-error">The diagrams are not saved yet: {diagramStatus.message}</span>
              </Alert>
            )}
            <LazyDiagramWorkspace
              diagrams={state.diagrams}
              setDiagrams={setDiagrams}
              assets={state.assets}
              trustBoundaries={state.trustBoundaries}
              addTrustBoundary={addTrustBoundary}
              renameTrustBoundary={renameTrustBoundary}
              threats={diagramThreats}
              readOnly={disabled}
              renderAnalysis={diagramAnalysisRenderer({ state, setState, threats: diagramThreats, library, readOnly: disabled })}
            />
            {state.diagrams.length > 0 && <DiagramFooter state={state} svgHref={(id) => `/${organizationSlug}/models/${initial.id}/diagrams/${id}/svg`} />}
          </>
        }
      />
      <TrustBoundaries rows={state.trustBoundaries} setRows={setTrustBoundaryRows} status={status("trustBoundaries")} disabled={disabled} />
      <Assets rows={state.assets} setRows={setRows("assets")} status={status("assets")} disabled={disabled} />

      <SectionShell section="stride">
        <div className="space-y-4">
          {STRIDE_CATEGORIES.map((category) => (
            <StrideCategorySection
              key={category}
              category={category}
              threats={state.threats.filter((t) => t.category === category)}
              setThreats={setCategoryThreats(category)}
              assessment={assessmentOf(category)}
              setAssessment={setAssessment}
              mitigations={state.mitigations}
              createMitigation={createMitigation}
              library={library}
              settings={settings}
              threatsStatus={status(`threats:${category}`)}
              assessmentStatus={status(`assessment:${category}`)}
              disabled={disabled}
              onSaveToLibrary={
                canManageLibrary
                  ? async (threatId) => {
                      const result = await saveThreatToLibraryAction(organizationSlug, { threatId }).catch(() => null);
                      setNotice(result?.ok ? "Saved to your organization’s threat library." : (result?.message ?? "Could not save to the library."));
                    }
                  : undefined
              }
              transfer={transferHost}
            />
          ))}
        </div>
      </SectionShell>

      <RiskSummary threats={state.threats} settings={settings} />
      <Mitigations
        rows={state.mitigations}
        setRows={setRows("mitigations")}
        threats={state.threats}
        scenarios={state.scenarios}
        members={members}
        status={status("mitigations")}
        disabled={disabled}
      />
      <AttackScenarios
        rows={state.scenarios}
        setRows={setRows("scenarios")}
        mitigations={state.mitigations}
        createMitigation={createMitigation}
        status={status("scenarios")}
        disabled={disabled}
      />
      <SecurityControls rows={state.controls} setRows={setRows("controls")} status={status("controls")} disabled={disabled} />
      <SecurityInvariants rows={state.invariants} setRows={setRows("invariants")} status={status("invariants")} disabled={disabled} />
      <ResidualRisks
        rows={state.residualRisks}
        setRows={setRows("residualRisks")}
        threats={state.threats}
        status={status("residualRisks")}
        disabled={disabled}
        today={today}
      />
    </RowTouch.Provider>
  );
}
