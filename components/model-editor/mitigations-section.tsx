"use client";
import { IMPLEMENTATION_STATUSES, IMPLEMENTATION_STATUS_LABELS } from "@/lib/domain/threat-model";
import { Choice, MemberChoice, TextArea, TextInput } from "./inputs";
import { RowSection, type RowSectionCopy, type RowSectionProps } from "./row-section";
import { newKey } from "./section-shell";
import type { MitigationRow, ScenarioRow, ThreatRow } from "./state";

const MITIGATION_COPY: RowSectionCopy<MitigationRow> = {
  section: "mitigations",
  addLabel: "Add mitigation",
  emptyText: "No mitigations yet. Add them here or from a threat.",
  itemLabel: (m) => m.title,
  newRow: () => ({ key: newKey(), title: "", description: "", status: "NOT_STARTED", taskRef: "", implementedIn: "", ownerId: null, dueDate: null }),
};

export function Mitigations({
  threats,
  scenarios,
  members,
  ...props
}: RowSectionProps<MitigationRow> & { threats: ThreatRow[]; scenarios: ScenarioRow[]; members: { id: string; name: string }[] }) {
  return (
    <RowSection<MitigationRow>
      {...props}
      copy={MITIGATION_COPY}
      render={(m, update, err) => {
        const coveredThreats = threats.filter((t) => t.mitigationKeys.includes(m.key));
        const coveredScenarios = scenarios.filter((s) => s.mitigationKeys.includes(m.key));
        return (
          <div className="space-y-3" data-testid="mitigation">
            <div className="grid gap-3 md:grid-cols-[2fr_1fr]">
              <TextInput label="Mitigation" value={m.title} onChange={(title) => update({ title })} error={err.title} />
              <Choice
                label="Status"
                value={m.status}
                options={IMPLEMENTATION_STATUSES}
                labels={IMPLEMENTATION_STATUS_LABELS}
                onChange={(v) => v && update({ status: v })}
                error={err.status}
              />
            </div>
            <div className="grid gap-3 md:grid-cols-4">
              <TextInput label="Task ID or ticket URL" value={m.taskRef} onChange={(taskRef) => update({ taskRef })} placeholder="T-101" error={err.taskRef} />
              <TextInput
                label="Implemented in"
                value={m.implementedIn}
                onChange={(implementedIn) => update({ implementedIn })}
                placeholder="auth-service v2.3"
                error={err.implementedIn}
              />
              <MemberChoice
                label="Owner"
                value={m.ownerId}
                members={members}
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
                : [...coveredThreats.map((t) => t.title || "untitled threat"), ...coveredScenarios.map((s) => `scenario “${s.title || "untitled"}”`)].join(
                    " · ",
                  )}
            </p>
          </div>
        );
      }}
    />
  );
}
