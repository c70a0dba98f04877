"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { saveMitigationTrackingAction } from "@/lib/actions/model-editor";
import type { EditorState } from "@/lib/data/model-editor/editor-state";
import { approvalBlockers } from "@/lib/domain/review";
import { IMPLEMENTATION_STATUSES, IMPLEMENTATION_STATUS_LABELS, type ThreatModelStatus } from "@/lib/domain/threat-model";
import { MITIGATION_TRACKING_FIELDS, mayEditField, type MitigationTrackingField } from "@/lib/domain/tracking";
import type { TTrackingValues } from "@/lib/validation/tracking";
import { Choice, MemberChoice, TextInput } from "./inputs";
import { SaveState } from "./section-shell";
import { useLeaveWarning } from "./use-leave-warning";

type Member = { id: string; name: string };

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

const trackingOf = (m: EditorMitigation): TrackingValues => ({
  status: m.status,
  taskRef: m.taskRef,
  implementedIn: m.implementedIn,
  ownerId: m.ownerId,
  dueDate: m.dueDate,
});
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
export function MitigationTracking({
  organizationSlug,
  initial,
  members,
  today,
}: {
  organizationSlug: string;
  initial: EditorState;
  members: Member[];
  today: string;
}) {
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
      const result = await saveMitigationTrackingAction(organizationSlug, {
        modelId: initial.id,
        mitigationId: id,
        base: pick(row.server, fields),
        value: pick(row.values, fields),
      }).catch(() => null);
      inFlight.current.delete(id);
      setRow(id, (r) => {
        if (!result) return { ...r, state: "failed", message: "Could not reach ThreatDesk. Your change is kept here and will be saved again shortly." };
        if (!result.ok) return { ...r, state: result.code === "locked" ? "locked" : result.code === "invalid" ? "invalid" : "failed", message: result.message };
        const d = result.data;
        if (!d.saved) return { ...r, state: "conflict", latest: d.values, conflicts: d.conflicts, message: undefined };
        // A field the user is not changing shows what the server now holds (someone else's save).
        const values = adopt(
          r.values,
          d.values,
          MITIGATION_TRACKING_FIELDS.filter((f) => r.values[f] === r.server[f]),
        );
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

  useLeaveWarning(Object.values(rows).some((r) => r.state !== "saved" && r.state !== "locked"));

  const edit = <F extends MitigationTrackingField>(id: string, field: F, value: TrackingValues[F]) =>
    setRow(id, (r) => ({ ...r, values: { ...r.values, [field]: value }, state: r.state === "conflict" || r.state === "locked" ? r.state : "pending" }));

  const resolve = (id: string, keep: "mine" | "theirs") =>
    setRow(id, (r) => {
      if (!r.latest) return r;
      const latest = r.latest;
      const values = adopt(
        r.values,
        latest,
        MITIGATION_TRACKING_FIELDS.filter((f) => r.values[f] === r.server[f] || (keep === "theirs" && r.conflicts?.includes(f))),
      );
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
  const savedStatus = (mitigationId: string) =>
    rows[mitigationId]?.server.status ?? initial.mitigations.find((m) => m.id === mitigationId)?.status ?? "NOT_STARTED";
  const uncovered = approvalBlockers(
    initial.threats.map((t) => ({
      id: t.id,
      title: t.title,
      category: t.category,
      priority: t.priority,
      mitigationStatuses: t.mitigationIds.map(savedStatus),
      acceptances: initial.residualRisks
        .filter((a) => a.threatId === t.id && a.status)
        .map((a) => ({ status: a.status as "PROPOSED" | "ACCEPTED" | "REJECTED", reviewDate: a.reviewDate })),
    })),
    today,
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
          Tracking stays editable after approval: status, ticket, implemented in, owner and due date save as you go, are recorded in the audit trail, and show
          as tracking updates when the next revision is compared. What each mitigation is belongs to the approved analysis.
        </p>
        <p role="status" aria-live="polite" className="text-sm font-medium text-slate-700" data-testid="tracking-status">
          {overall}
        </p>
      </div>
      {uncovered.length > 0 && (
        <Alert tone="warning" title={uncovered.length === 1 ? "A Critical threat is not covered" : `${uncovered.length} Critical threats are not covered`}>
          {uncovered.map((b) => b.title).join(" · ")}: no implemented mitigation and no accepted residual risk. The model stays approved, the dashboard counts{" "}
          {uncovered.length === 1 ? "it" : "them"} as open risk, and the next revision cannot be approved until {uncovered.length === 1 ? "it is" : "they are"}{" "}
          covered.
        </Alert>
      )}
      <ol className="space-y-3">
        {initial.mitigations.map((m) => {
          const row = rows[m.id]!;
          const covered = initial.threats.filter((t) => t.mitigationIds.includes(m.id));
          const field = (f: MitigationTrackingField) => ({
            label: TRACKING_LABELS[f],
            disabled: !mayEditField(status, "mitigations", f) || row.state === "locked",
          });
          return (
            <li key={m.id} className="rounded-md border border-slate-200 p-3" aria-label={m.title} data-testid="tracked-mitigation">
              <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium text-slate-900">{m.title}</p>
                <SaveState state={row.state} conflictText="Not saved: changed by someone else" />
              </div>
              {m.description && <p className="mb-2 text-sm whitespace-pre-wrap text-slate-700">{m.description}</p>}
              <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[10rem_1fr_1fr_12rem_10rem]">
                <Choice
                  {...field("status")}
                  value={row.values.status}
                  options={IMPLEMENTATION_STATUSES}
                  labels={IMPLEMENTATION_STATUS_LABELS}
                  onChange={(v) => v && edit(m.id, "status", v)}
                />
                <TextInput {...field("taskRef")} value={row.values.taskRef} onChange={(v) => edit(m.id, "taskRef", v)} />
                <TextInput {...field("implementedIn")} value={row.values.implementedIn} onChange={(v) => edit(m.id, "implementedIn", v)} />
                <MemberChoice
                  {...field("ownerId")}
                  value={row.values.ownerId}
                  members={members}
                  emptyLabel="Unassigned"
                  onChange={(v) => edit(m.id, "ownerId", v)}
                />
                <TextInput {...field("dueDate")} type="date" value={row.values.dueDate ?? ""} onChange={(v) => edit(m.id, "dueDate", v || null)} />
              </div>
              <p className="mt-2 text-xs text-slate-600">Covers: {covered.length ? covered.map((t) => t.title).join(" · ") : "no threat"}</p>
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
