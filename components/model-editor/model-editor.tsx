"use client";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { saveThreatToLibraryAction } from "@/lib/actions/threat-library";
import type { EditorState } from "@/lib/data/model-editor";
import type { LibraryEntry } from "@/lib/domain/threat-library";
import type { FixBySettings } from "@/lib/domain/sla";
import { STRIDE_CATEGORIES, type StrideCategory } from "@/lib/domain/threat-model";
import { ConflictDialog } from "./conflict-dialog";
import { Architecture, FeatureOverview, FrontMatter } from "./overview-sections";
import { useSaver } from "./saver";
import { SectionShell, newKey } from "./section-shell";
import { fromServer, sectionPayloads, type LocalState } from "./state";
import { Assets, SecurityControls, SecurityInvariants, TrustBoundaries } from "./table-sections";
import { StrideCategorySection } from "./threat-sections";
import type { ThreatTransferHost } from "./threat-transfer";
import { AttackScenarios, Mitigations, ResidualRisks, RiskSummary } from "./tracking-sections";
import { useAutosave, type SectionStatus } from "./use-autosave";

type Props = {
  organizationSlug: string;
  initial: EditorState;
  members: { id: string; name: string }[];
  settings: FixBySettings;
  library: LibraryEntry[];
  canManageLibrary: boolean;
};

type RowSection = Exclude<keyof LocalState, "fields" | "assessments">;

/** The threat-model editor: every section of the template, saved automatically, never silently overwritten. */
export function ModelEditor({ organizationSlug, initial, members, settings, library, canManageLibrary }: Props) {
  const [state, setState] = useState<LocalState>(() => fromServer(initial));
  const saver = useSaver(organizationSlug, initial.id, initial.lockVersion, initial.status);
  const payloads = useMemo(() => sectionPayloads(state, STRIDE_CATEGORIES), [state]);
  const [notice, setNotice] = useState<ReactNode>(null);

  const onSaved = useCallback((sectionId: string, idsByKey: Record<string, string>) => {
    if (!Object.keys(idsByKey).length) return;
    const section = (sectionId.startsWith("threats:") ? "threats" : sectionId) as RowSection;
    setState((s) => ({ ...s, [section]: (s[section] as { key: string; id?: string }[]).map((r) => (r.id || !idsByKey[r.key] ? r : { ...r, id: idsByKey[r.key] })) }));
  }, []);

  const autosave = useAutosave(payloads, saver.save, onSaved, !saver.locked);
  const status = autosave.statusOf;

  // Leaving with unsaved changes asks first: closing the tab, reloading, or following a link.
  const dirty = autosave.dirtyIds.length > 0;
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      e.preventDefault();
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.("a[href]");
      if (!dirtyRef.current || !link || link.getAttribute("target") === "_blank") return;
      if (!window.confirm("Some changes are not saved yet. Leave this page anyway?")) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, []);

  // ─── Section setters ────────────────────────────────────────────────────────────────
  const setRows = <K extends RowSection>(section: K) => (update: (rows: LocalState[K]) => LocalState[K]) => setState((s) => ({ ...s, [section]: update(s[section]) }));
  const setFields = (patch: Partial<LocalState["fields"]>) => setState((s) => ({ ...s, fields: { ...s.fields, ...patch } }));
  const createMitigation = (title: string) => {
    const key = newKey();
    setState((s) => ({ ...s, mitigations: [...s.mitigations, { key, title, description: "", status: "NOT_STARTED", taskRef: "", implementedIn: "", ownerId: null, dueDate: null }] }));
    return key;
  };
  const setCategoryThreats = (category: StrideCategory) => (update: (rows: LocalState["threats"]) => LocalState["threats"]) =>
    setState((s) => {
      const mine = s.threats.filter((t) => t.category === category);
      return { ...s, threats: [...s.threats.filter((t) => t.category !== category), ...update(mine)] };
    });
  const assessmentOf = (category: StrideCategory) => state.assessments.find((a) => a.category === category) ?? { category, residualRisk: null, justification: "" };
  const setAssessment = (a: LocalState["assessments"][number]) => setState((s) => ({ ...s, assessments: [...s.assessments.filter((x) => x.category !== a.category), a] }));

  // ─── Conflicts ──────────────────────────────────────────────────────────────────────
  const resolve = (keep: "theirs" | "mine") => {
    const conflict = saver.conflict;
    if (!conflict?.theirs) return;
    const theirs = fromServer(conflict.theirs);
    const stillDirty = new Set(autosave.dirtyIds.filter((id) => id !== conflict.sectionId));
    if (keep === "mine") stillDirty.add(conflict.sectionId);
    // Sections with nothing unsaved show the other version; unsaved work elsewhere is kept.
    const next: LocalState = { ...state };
    const take = (section: keyof LocalState) => {
      (next as Record<string, unknown>)[section] = theirs[section];
    };
    if (!stillDirty.has("fields")) take("fields");
    for (const section of ["trustBoundaries", "assets", "mitigations", "scenarios", "controls", "invariants", "residualRisks"] as const) if (!stillDirty.has(section)) take(section);
    next.threats = STRIDE_CATEGORIES.flatMap((c) => (stillDirty.has(`threats:${c}`) ? state : theirs).threats.filter((t) => t.category === c));
    next.assessments = STRIDE_CATEGORIES.flatMap((c) => (stillDirty.has(`assessment:${c}`) ? state : theirs).assessments.filter((a) => a.category === c));
    const nextPayloads = sectionPayloads(next, STRIDE_CATEGORIES);
    setState(next);
    autosave.markSaved(nextPayloads, Object.keys(nextPayloads).filter((id) => !stillDirty.has(id)));
    saver.adoptVersion(conflict.theirs.lockVersion);
    if (keep === "mine") autosave.release(conflict.sectionId);
    setNotice(keep === "mine" ? "Your version is being saved over theirs." : "Their version is shown; your change to that section was discarded.");
  };

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
      : (["failed", "invalid", "saving", "pending"] as const).find((s) => all.some((x) => x.state === s)) ?? "saved";
  const OVERALL_TEXT: Record<SectionStatus["state"], string> = {
    saved: "All changes saved",
    pending: "Unsaved changes…",
    saving: "Saving…",
    failed: "Could not save: retrying. Your text is kept.",
    invalid: "Some fields need attention before they can be saved",
    conflict: "Someone else changed this model",
    locked: "This model is locked",
  };

  const disabled = Boolean(saver.locked);

  return (
    <div>
      <div className="no-print sticky top-0 z-20 -mx-4 mb-4 flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50/95 px-4 py-2 backdrop-blur sm:-mx-6 sm:px-6 lg:-mx-8 lg:px-8">
        <p role="status" aria-live="polite" data-testid="save-status" data-state={overall} className={`text-sm font-medium ${overall === "saved" ? "text-emerald-700" : overall === "saving" || overall === "pending" ? "text-slate-600" : "text-red-700"}`}>
          {OVERALL_TEXT[overall]}
        </p>
        {overall === "failed" && (
          <Button size="sm" variant="secondary" onClick={() => Object.keys(payloads).filter((id) => status(id).state === "failed").forEach(autosave.release)}>
            Retry now
          </Button>
        )}
      </div>
      {saver.locked && <Alert tone="warning" className="mb-4">{saver.locked} Reload the page to see its current state.</Alert>}
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
      {saver.conflict && <ConflictDialog conflict={saver.conflict} onResolve={resolve} />}

      <FrontMatter fields={state.fields} set={setFields} status={status("fields")} members={members} />
      <FeatureOverview fields={state.fields} set={setFields} status={status("fields")} />
      <Architecture fields={state.fields} set={setFields} status={status("fields")} />
      <TrustBoundaries rows={state.trustBoundaries} setRows={setRows("trustBoundaries")} status={status("trustBoundaries")} disabled={disabled} />
      <Assets rows={state.assets} setRows={setRows("assets")} status={status("assets")} disabled={disabled} />

      <SectionShell id="stride" number={5} title="STRIDE threat analysis" hint="For each category: the threats, how likely and how bad, the suggested priority, and the mitigations that cover them.">
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

      <RiskSummary threats={state.threats} settings={settings} number={6} />
      <Mitigations rows={state.mitigations} setRows={setRows("mitigations")} threats={state.threats} scenarios={state.scenarios} members={members} status={status("mitigations")} disabled={disabled} number={7} />
      <AttackScenarios rows={state.scenarios} setRows={setRows("scenarios")} mitigations={state.mitigations} createMitigation={createMitigation} status={status("scenarios")} disabled={disabled} number={8} />
      <SecurityControls rows={state.controls} setRows={setRows("controls")} status={status("controls")} disabled={disabled} number={9} />
      <SecurityInvariants rows={state.invariants} setRows={setRows("invariants")} status={status("invariants")} disabled={disabled} number={10} />
      <ResidualRisks rows={state.residualRisks} setRows={setRows("residualRisks")} threats={state.threats} status={status("residualRisks")} disabled={disabled} number={11} />
    </div>
  );
}
