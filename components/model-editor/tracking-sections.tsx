"use client";
import { LevelBadge } from "@/components/threat-models/badges";
import { suggestPriority } from "@/lib/domain/priority";
import { fixByRule, type FixBySettings } from "@/lib/domain/sla";
import { IMPACTS, IMPLEMENTATION_STATUSES, IMPLEMENTATION_STATUS_LABELS, LEVEL_LABELS, LIKELIHOODS, PRIORITIES, type Priority } from "@/lib/domain/threat-model";
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
export function RiskSummary({ threats, settings, number }: { threats: ThreatRow[]; settings: FixBySettings; number: number }) {
  return (
    <SectionShell id="risk-summary" number={number} title="Risk summary" hint="Counted from the threats above; the fix-by rules are the organization’s settings.">
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
  number,
}: {
  rows: MitigationRow[];
  setRows: SetRows<MitigationRow>;
  threats: ThreatRow[];
  scenarios: ScenarioRow[];
  members: Member[];
  status: SectionStatus;
  disabled?: boolean;
  number: number;
}) {
  return (
    <SectionShell id="mitigations" number={number} title="Mitigation tracking" hint="Every mitigation once, with its status, task and owner; link it from as many threats and scenarios as it covers." status={status}>
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
  number,
}: {
  rows: ScenarioRow[];
  setRows: SetRows<ScenarioRow>;
  mitigations: MitigationRow[];
  createMitigation: (title: string) => string;
  status: SectionStatus;
  disabled?: boolean;
  number: number;
}) {
  return (
    <SectionShell id="scenarios" number={number} title="Attack scenarios" hint="How an attack would unfold end to end, how likely it is, and which mitigations stop it." status={status}>
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
  number,
}: {
  rows: ResidualRiskRow[];
  setRows: SetRows<ResidualRiskRow>;
  threats: ThreatRow[];
  status: SectionStatus;
  disabled?: boolean;
  number: number;
}) {
  const savedThreats = threats.filter((t) => t.id && t.title.trim());
  return (
    <SectionShell id="residual-risks" number={number} title="Residual risks" hint="Threats you propose to accept without full mitigation. Each needs a security lead’s sign-off, which comes with the review." status={status}>
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
