"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { LevelBadge } from "@/components/threat-models/badges";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { saveMitigationTrackingAction } from "@/lib/actions/model-editor";
import type { EditorState } from "@/lib/data/model-editor";
import { suggestPriority } from "@/lib/domain/priority";
import { approvalBlockers, todayUtc } from "@/lib/domain/review";
import { fixByRule, type FixBySettings } from "@/lib/domain/sla";
import { IMPACTS, IMPLEMENTATION_STATUSES, IMPLEMENTATION_STATUS_LABELS, LEVEL_LABELS, LIKELIHOODS, PRIORITIES, type Priority, type ThreatModelStatus } from "@/lib/domain/threat-model";
import { MITIGATION_TRACKING_FIELDS, mayEditField, type MitigationTrackingField } from "@/lib/domain/tracking";
import type { TTrackingValues } from "@/lib/validation/tracking";
import { Choice, TextArea, TextInput } from "./inputs";
import { RowList } from "./row-list";
import { SectionShell, newKey, rowErrors } from "./section-shell";
import type { MitigationRow, ResidualRiskRow, ScenarioRow, ThreatRow } from "./state";
import { MitigationLinks } from "./mitigation-links";
import type { SectionStatus } from "./use-autosave";

type SetRows<R> = (update: (rows: R[]) => R[]) => void;
type Member = { id: string; name: string };

export function priorityOf(t: Pick<ThreatRow, "likelihood" | "impact" | "priorityOverride">): Priority {
  return t.priorityOverride ?? suggestPriority(t.likelihood, t.impact);
}

/** Counted from the threats, never typed: the template's risk summary with the organization's fix-by rules. */
export function RiskSummary({ threats, settings }: { threats: ThreatRow[]; settings: FixBySettings }) {
  return (
    <SectionShell section="risk-summary">
      <table className="w-full max-w-2xl text-left text-sm">
        <caption className="sr-only">Threats per priority and when they must be fixed</caption>
        <thead className="text-xs text-slate-600">
          <tr>
            <th scope="col" className="border-b border-slate-200 py-2 font-medium">Priority</th>
            <th scope="col" className="border-b border-slate-200 py-2 font-medium">Count</th>
            <th scope="col" className="border-b border-slate-200 py-2 font-medium">Must fix</th>
          </tr>
        </thead>
        <tbody>
          {PRIORITIES.map((p) => (
            <tr key={p} className="border-b border-slate-100">
              <td className="py-2">
                <LevelBadge level={p} />
              </td>
              <td className="py-2 tabular-nums" data-testid={`risk-count-${p}`}>
                {threats.filter((t) => t.title.trim() && priorityOf(t) === p).length}
              </td>
              <td className="py-2 text-slate-700">{fixByRule(p, settings)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </SectionShell>
  );
}

export function Mitigations({
  rows,
  setRows,
  threats,
  scenarios,
  members,
  status,
  disabled,
}: {
  rows: MitigationRow[];
  setRows: SetRows<MitigationRow>;
  threats: ThreatRow[];
  scenarios: ScenarioRow[];
  members: Member[];
  status: SectionStatus;
  disabled?: boolean;
}) {
  return (
    <SectionShell section="mitigations" status={status}>
      <RowList<MitigationRow>
        rows={rows}
        setRows={setRows}
        disabled={disabled}
        addLabel="Add mitigation"
        emptyText="No mitigations yet. Add them here or from a threat."
        itemLabel={(m) => m.title}
        newRow={() => ({ key: newKey(), title: "", description: "", status: "NOT_STARTED", taskRef: "", implementedIn: "", ownerId: null, dueDate: null })}
        render={(m, index, update) => {
          const err = rowErrors(status, index);
          const coveredThreats = threats.filter((t) => t.mitigationKeys.includes(m.key));
          const coveredScenarios = scenarios.filter((s) => s.mitigationKeys.includes(m.key));
          return (
            <div className="space-y-3" data-testid="mitigation">
              <div className="grid gap-3 md:grid-cols-[2fr_1fr]">
                <TextInput label="Mitigation" value={m.title} onChange={(title) => update({ title })} error={err.title} />
                <Choice label="Status" value={m.status} options={IMPLEMENTATION_STATUSES} labels={IMPLEMENTATION_STATUS_LABELS} onChange={(v) => v && update({ status: v })} error={err.status} />
              </div>
              <div className="grid gap-3 md:grid-cols-4">
                <TextInput label="Task ID or ticket URL" value={m.taskRef} onChange={(taskRef) => update({ taskRef })} placeholder="T-101" error={err.taskRef} />
                <TextInput label="Implemented in" value={m.implementedIn} onChange={(implementedIn) => update({ implementedIn })} placeholder="auth-service v2.3" error={err.implementedIn} />
                <Choice
                  label="Owner"
                  value={m.ownerId}
                  options={members.map((x) => x.id)}
                  labels={Object.fromEntries(members.map((x) => [x.id, x.name]))}
                  emptyLabel="Unassigned"
                  onChange={(ownerId) => update({ ownerId })}
                  error={err.ownerId}
                />
                <TextInput label="Due date" type="date" value={m.dueDate ?? ""} onChange={(v) => update({ dueDate: v || null })} error={err.dueDate} />
              </div>
              <TextArea label="Notes" rows={2} value={m.description} onChange={(description) => update({ description })} error={err.description} />
              <p className="text-xs text-slate-600" data-testid="covers">
                Covers:{" "}
                {coveredThreats.length + coveredScenarios.length === 0
                  ? "nothing yet: link it from a threat or a scenario"
                  : [...coveredThreats.map((t) => t.title || "untitled threat"), ...coveredScenarios.map((s) => `scenario “${s.title || "untitled"}”`)].join(" · ")}
              </p>
            </div>
          );
        }}
      />
    </SectionShell>
  );
}

export function AttackScenarios({
  rows,
  setRows,
  mitigations,
  createMitigation,
  status,
  disabled,
}: {
  rows: ScenarioRow[];
  setRows: SetRows<ScenarioRow>;
  mitigations: MitigationRow[];
  createMitigation: (title: string) => string;
  status: SectionStatus;
  disabled?: boolean;
}) {
  return (
    <SectionShell section="attack-scenarios" status={status}>
      <RowList<ScenarioRow>
        rows={rows}
        setRows={setRows}
        disabled={disabled}
        addLabel="Add attack scenario"
        emptyText="No attack scenarios yet."
        itemLabel={(s) => s.title}
        newRow={() => ({ key: newKey(), title: "", description: "", likelihood: "MEDIUM", impact: "MEDIUM", mitigationKeys: [] })}
        render={(s, index, update) => {
          const err = rowErrors(status, index);
          return (
            <div className="space-y-3">
              <div className="grid gap-3 md:grid-cols-[1fr_9rem_9rem]">
                <TextInput label="Scenario" value={s.title} onChange={(title) => update({ title })} placeholder="Credential stuffing" error={err.title} />
                <Choice label="Likelihood" value={s.likelihood} options={LIKELIHOODS} labels={LEVEL_LABELS} onChange={(v) => v && update({ likelihood: v })} />
                <Choice label="Impact" value={s.impact} options={IMPACTS} labels={LEVEL_LABELS} onChange={(v) => v && update({ impact: v })} />
              </div>
              <TextArea label="What happens" rows={2} value={s.description} onChange={(description) => update({ description })} placeholder="Attacker uses leaked credentials from other breaches" error={err.description} />
              <MitigationLinks label="Mitigations" linkedKeys={s.mitigationKeys} mitigations={mitigations} onChange={(mitigationKeys) => update({ mitigationKeys })} onCreate={createMitigation} disabled={disabled} />
            </div>
          );
        }}
      />
    </SectionShell>
  );
}

export function ResidualRisks({
  rows,
  setRows,
  threats,
  status,
  disabled,
}: {
  rows: ResidualRiskRow[];
  setRows: SetRows<ResidualRiskRow>;
  threats: ThreatRow[];
  status: SectionStatus;
  disabled?: boolean;
}) {
  const savedThreats = threats.filter((t) => t.id && t.title.trim());
  return (
    <SectionShell section="residual-risks" status={status}>
      <RowList<ResidualRiskRow>
        rows={rows}
        setRows={setRows}
        disabled={disabled}
        addLabel="Propose a residual risk"
        emptyText="No residual risks proposed."
        itemLabel={(r) => r.threatTitle}
        newRow={() => ({ key: newKey(), threatId: null, threatTitle: "", reason: "", riskOwner: "", reviewDate: "" })}
        render={(r, index, update) => {
          const err = rowErrors(status, index);
          return (
            <div className="space-y-3">
              <div className="grid gap-3 md:grid-cols-2">
                <Choice
                  label="Threat"
                  value={r.threatId}
                  options={savedThreats.map((t) => t.id!)}
                  labels={Object.fromEntries(savedThreats.map((t) => [t.id!, t.title]))}
                  emptyLabel="A threat not listed above"
                  onChange={(threatId) => update({ threatId, threatTitle: threatId ? savedThreats.find((t) => t.id === threatId)!.title : r.threatTitle })}
                />
                <TextInput label="Threat as written" value={r.threatTitle} onChange={(threatTitle) => update({ threatTitle })} error={err.threatTitle} />
              </div>
              <TextArea label="Why accepted" rows={2} value={r.reason} onChange={(reason) => update({ reason })} placeholder="The business reason for accepting the risk" error={err.reason} />
              <div className="grid gap-3 md:grid-cols-3">
                <TextInput label="Risk owner" value={r.riskOwner} onChange={(riskOwner) => update({ riskOwner })} placeholder="A role, e.g. Payments tech lead" error={err.riskOwner} />
                <TextInput label="Review date" type="date" value={r.reviewDate} onChange={(reviewDate) => update({ reviewDate })} error={err.reviewDate} />
                <p className="self-end pb-2 text-xs text-slate-600">
                  Sign-off:{" "}
                  {r.status === "ACCEPTED"
                    ? r.reviewDate < new Date().toISOString().slice(0, 10)
                      ? `expired: accepted by ${r.decidedBy ?? "a security lead"} until ${r.reviewDate}, open again until renewed`
                      : `accepted by ${r.decidedBy ?? "a security lead"}`
                    : r.status === "REJECTED"
                      ? `rejected by ${r.decidedBy ?? "a security lead"}`
                      : "awaiting a security lead"}
                </p>
              </div>
            </div>
          );
        }}
      />
    </SectionShell>
  );
}

// ─── Tracking on an approved model ────────────────────────────────────────────────────

type TrackingValues = Required<TTrackingValues>;
type EditorMitigation = EditorState["mitigations"][number];

const TRACKING_LABELS: Record<MitigationTrackingField, string> = {
  status: "Status",
  taskRef: "Task ID or ticket URL",
  implementedIn: "Implemented in",
  ownerId: "Owner",
  dueDate: "Due date",
};
const TRACKING_DEBOUNCE_MS = 600;
const TRACKING_RETRY_MS = 5_000;

const trackingOf = (m: EditorMitigation): TrackingValues => ({ status: m.status, taskRef: m.taskRef, implementedIn: m.implementedIn, ownerId: m.ownerId, dueDate: m.dueDate });
const pick = (v: TrackingValues, fields: MitigationTrackingField[]) => Object.fromEntries(fields.map((f) => [f, v[f]])) as TTrackingValues;

type TrackingRow = {
  /** What the server held when last heard from: the base of every field the user changes. */
  server: TrackingValues;
  /** What the inputs show. */
  values: TrackingValues;
  state: "saved" | "pending" | "saving" | "failed" | "invalid" | "locked" | "conflict";
  message?: string;
  /** After a conflict: the server's current values, and the fields both sides changed. */
  latest?: TrackingValues;
  conflicts?: MitigationTrackingField[];
};

/** `values` with the given fields taken from `from`. */
const adopt = (values: TrackingValues, from: TrackingValues, fields: MitigationTrackingField[]): TrackingValues => ({ ...values, ...pick(from, fields) });
const differing = (r: Pick<TrackingRow, "server" | "values">) => MITIGATION_TRACKING_FIELDS.filter((f) => r.values[f] !== r.server[f]);

/**
 * The mitigations of an approved model with their tracking editable: marking one implemented,
 * its ticket, owner and due date are the work approval asked for. Each field saves shortly after
 * it changes, naming the value it was changed from; what the mitigation is (its title and notes)
 * is part of the approved analysis and is shown, not edited.
 */
export function MitigationTracking({ organizationSlug, initial, members }: { organizationSlug: string; initial: EditorState; members: Member[] }) {
  const status: ThreatModelStatus = initial.status;
  const [rows, setRows] = useState<Record<string, TrackingRow>>(() =>
    Object.fromEntries(initial.mitigations.map((m) => [m.id, { server: trackingOf(m), values: trackingOf(m), state: "saved" as const }])),
  );
  const rowsRef = useRef(rows);
  useEffect(() => {
    rowsRef.current = rows;
  });
  const inFlight = useRef(new Set<string>());
  const setRow = (id: string, update: (r: TrackingRow) => TrackingRow) => setRows((all) => (all[id] ? { ...all, [id]: update(all[id]) } : all));

  const save = useCallback(
    async (id: string) => {
      const row = rowsRef.current[id];
      if (!row || inFlight.current.has(id)) return;
      const fields = differing(row);
      if (!fields.length) return setRow(id, (r) => ({ ...r, state: "saved", message: undefined }));
      inFlight.current.add(id);
      setRow(id, (r) => ({ ...r, state: "saving" }));
      const result = await saveMitigationTrackingAction(organizationSlug, { modelId: initial.id, mitigationId: id, base: pick(row.server, fields), value: pick(row.values, fields) }).catch(() => null);
      inFlight.current.delete(id);
      setRow(id, (r) => {
        if (!result) return { ...r, state: "failed", message: "Could not reach ThreatDesk. Your change is kept here and will be saved again shortly." };
        if (!result.ok) return { ...r, state: result.code === "locked" ? "locked" : result.code === "invalid" ? "invalid" : "failed", message: result.message };
        const d = result.data;
        if (!d.saved) return { ...r, state: "conflict", latest: d.values, conflicts: d.conflicts, message: undefined };
        // A field the user is not changing shows what the server now holds (someone else's save).
        const values = adopt(r.values, d.values, MITIGATION_TRACKING_FIELDS.filter((f) => r.values[f] === r.server[f]));
        const next = { server: d.values, values };
        return { ...next, state: differing(next).length ? "pending" : "saved" };
      });
    },
    [organizationSlug, initial.id],
  );

  // Rows with unsaved changes save after a pause; a failed save is retried.
  useEffect(() => {
    const timers = Object.entries(rows)
      .filter(([, r]) => r.state === "pending" || r.state === "failed")
      .map(([id, r]) => setTimeout(() => void save(id), r.state === "failed" ? TRACKING_RETRY_MS : TRACKING_DEBOUNCE_MS));
    return () => timers.forEach(clearTimeout);
  }, [rows, save]);

  const unsaved = Object.values(rows).some((r) => r.state !== "saved" && r.state !== "locked");
  const unsavedRef = useRef(unsaved);
  useEffect(() => {
    unsavedRef.current = unsaved;
  }, [unsaved]);
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!unsavedRef.current) return;
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", beforeUnload);
    return () => window.removeEventListener("beforeunload", beforeUnload);
  }, []);

  const edit = <F extends MitigationTrackingField>(id: string, field: F, value: TrackingValues[F]) =>
    setRow(id, (r) => ({ ...r, values: { ...r.values, [field]: value }, state: r.state === "conflict" || r.state === "locked" ? r.state : "pending" }));

  const resolve = (id: string, keep: "mine" | "theirs") =>
    setRow(id, (r) => {
      if (!r.latest) return r;
      const latest = r.latest;
      const values = adopt(r.values, latest, MITIGATION_TRACKING_FIELDS.filter((f) => r.values[f] === r.server[f] || (keep === "theirs" && r.conflicts?.includes(f))));
      const next = { server: r.latest, values };
      return { ...next, state: differing(next).length ? "pending" : "saved" };
    });

  const memberName = (id: string | null) => (id ? (members.find((m) => m.id === id)?.name ?? "a former member") : "Unassigned");
  const shown = (f: MitigationTrackingField, v: TrackingValues) => {
    const value = v[f];
    if (f === "status") return IMPLEMENTATION_STATUS_LABELS[v.status];
    if (f === "ownerId") return memberName(v.ownerId);
    return value ? String(value) : "empty";
  };

  // The Critical gate on what is saved now: a Critical threat left without an implemented
  // mitigation counts as open risk again, though the model stays approved.
  const savedStatus = (mitigationId: string) => rows[mitigationId]?.server.status ?? initial.mitigations.find((m) => m.id === mitigationId)?.status ?? "NOT_STARTED";
  const uncovered = approvalBlockers(
    initial.threats.map((t) => ({
      id: t.id,
      title: t.title,
      category: t.category,
      priority: t.priority,
      mitigationStatuses: t.mitigationIds.map(savedStatus),
      acceptances: initial.residualRisks.filter((a) => a.threatId === t.id && a.status).map((a) => ({ status: a.status as "PROPOSED" | "ACCEPTED" | "REJECTED", reviewDate: a.reviewDate })),
    })),
    todayUtc(),
  );

  const overall = Object.values(rows).some((r) => r.state === "conflict" || r.state === "invalid" || r.state === "locked" || r.state === "failed")
    ? "Some tracking changes are not saved: see below."
    : Object.values(rows).some((r) => r.state === "saving" || r.state === "pending")
      ? "Saving…"
      : "All tracking changes saved";

  if (!initial.mitigations.length) return <p className="text-sm text-slate-600 italic">No mitigations recorded.</p>;
  return (
    <div className="space-y-3" data-testid="mitigation-tracking">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="max-w-3xl text-sm text-slate-700">
          Tracking stays editable after approval: status, ticket, implemented in, owner and due date save as you go, are recorded in the audit trail, and show as tracking updates when the next revision is compared. What each mitigation is belongs to the approved analysis.
        </p>
        <p role="status" aria-live="polite" className="text-sm font-medium text-slate-700" data-testid="tracking-status">
          {overall}
        </p>
      </div>
      {uncovered.length > 0 && (
        <Alert tone="warning" title={uncovered.length === 1 ? "A Critical threat is not covered" : `${uncovered.length} Critical threats are not covered`}>
          {uncovered.map((b) => b.title).join(" · ")}: no implemented mitigation and no accepted residual risk. The model stays approved, the dashboard counts {uncovered.length === 1 ? "it" : "them"} as open risk, and the next revision cannot be approved until {uncovered.length === 1 ? "it is" : "they are"} covered.
        </Alert>
      )}
      <ol className="space-y-3">
        {initial.mitigations.map((m) => {
          const row = rows[m.id]!;
          const covered = initial.threats.filter((t) => t.mitigationIds.includes(m.id));
          const field = (f: MitigationTrackingField) => ({ label: TRACKING_LABELS[f], disabled: !mayEditField(status, "mitigations", f) || row.state === "locked" });
          return (
            <li key={m.id} className="rounded-md border border-slate-200 p-3" aria-label={m.title} data-testid="tracked-mitigation">
              <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium text-slate-900">{m.title}</p>
                <TrackingState row={row} />
              </div>
              {m.description && <p className="mb-2 text-sm whitespace-pre-wrap text-slate-700">{m.description}</p>}
              <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[10rem_1fr_1fr_12rem_10rem]">
                <Choice {...field("status")} value={row.values.status} options={IMPLEMENTATION_STATUSES} labels={IMPLEMENTATION_STATUS_LABELS} onChange={(v) => v && edit(m.id, "status", v)} />
                <TextInput {...field("taskRef")} value={row.values.taskRef} onChange={(v) => edit(m.id, "taskRef", v)} />
                <TextInput {...field("implementedIn")} value={row.values.implementedIn} onChange={(v) => edit(m.id, "implementedIn", v)} />
                <Choice
                  {...field("ownerId")}
                  value={row.values.ownerId}
                  options={members.map((x) => x.id)}
                  labels={Object.fromEntries(members.map((x) => [x.id, x.name]))}
                  emptyLabel="Unassigned"
                  onChange={(v) => edit(m.id, "ownerId", v)}
                />
                <TextInput {...field("dueDate")} type="date" value={row.values.dueDate ?? ""} onChange={(v) => edit(m.id, "dueDate", v || null)} />
              </div>
              <p className="mt-2 text-xs text-slate-600">
                Covers: {covered.length ? covered.map((t) => t.title).join(" · ") : "no threat"}
              </p>
              {row.state === "conflict" && row.latest && (
                <Alert tone="warning" className="mt-2" title="Someone else changed this mitigation meanwhile">
                  <ul className="list-disc pl-5">
                    {(row.conflicts ?? []).map((f) => (
                      <li key={f}>
                        {TRACKING_LABELS[f]}: theirs “{shown(f, row.latest!)}”, yours “{shown(f, row.values)}”.
                      </li>
                    ))}
                  </ul>
                  <span className="mt-2 flex gap-2">
                    <Button size="sm" variant="secondary" onClick={() => resolve(m.id, "theirs")}>
                      Keep theirs
                    </Button>
                    <Button size="sm" variant="secondary" onClick={() => resolve(m.id, "mine")}>
                      Keep mine
                    </Button>
                  </span>
                </Alert>
              )}
              {(row.state === "invalid" || row.state === "locked" || row.state === "failed") && row.message && (
                <p role="alert" className="mt-2 text-sm text-red-800">
                  {row.message}{" "}
                  {row.state === "locked" && (
                    <button type="button" className="underline" onClick={() => window.location.reload()}>
                      Reload
                    </button>
                  )}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function TrackingState({ row }: { row: TrackingRow }) {
  const text: Record<TrackingRow["state"], string> = {
    saved: "Saved",
    pending: "Unsaved changes…",
    saving: "Saving…",
    failed: "Not saved: retrying",
    invalid: "Not saved: check the fields",
    conflict: "Not saved: changed by someone else",
    locked: "Not saved: locked",
  };
  const tone = row.state === "saved" ? "text-emerald-700" : row.state === "pending" || row.state === "saving" ? "text-slate-600" : "text-red-700";
  return (
    <span className={`text-xs font-medium ${tone}`} data-save-state={row.state}>
      {text[row.state]}
    </span>
  );
}
