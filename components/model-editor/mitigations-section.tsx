"use client";
import { IMPLEMENTATION_STATUSES, IMPLEMENTATION_STATUS_LABELS } from "@/lib/domain/threat-model";
import { RowFields, type FieldSpec } from "./row-fields";
import { RowSection, type RowSectionCopy, type RowSectionProps } from "./row-section";
import { newKey } from "./section-shell";
import type { MitigationRow, ScenarioRow, ThreatRow } from "./state";

const MITIGATION_COPY: RowSectionCopy<MitigationRow> = {
  section: "mitigations",
  addLabel: "Add mitigation",
  emptyText: "No mitigations yet. Add them here or from a threat.",
  itemLabel: (m) => m.title,
  summaryOf: (m) => [IMPLEMENTATION_STATUS_LABELS[m.status], m.taskRef].filter(Boolean).join(" · "),
  newRow: () => ({ key: newKey(), title: "", description: "", status: "NOT_STARTED", taskRef: "", implementedIn: "", ownerId: null, dueDate: null }),
};

const MITIGATION_FIELDS: FieldSpec<MitigationRow>[] = [
  { kind: "text", name: "title", label: "Mitigation" },
  { kind: "choice", name: "status", label: "Status", options: IMPLEMENTATION_STATUSES, labels: IMPLEMENTATION_STATUS_LABELS },
];
const TRACKING_FIELDS: FieldSpec<MitigationRow>[] = [
  { kind: "text", name: "taskRef", label: "Task ID or ticket URL", placeholder: "T-101" },
  { kind: "text", name: "implementedIn", label: "Implemented in", placeholder: "auth-service v2.3" },
];
const DUE_DATE: FieldSpec<MitigationRow> = { kind: "date", name: "dueDate", label: "Due date", orNone: true };
const NOTES: FieldSpec<MitigationRow>[] = [{ kind: "area", name: "description", label: "Notes", rows: 2 }];

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
        const bound = { row: m, update, err };
        const coveredThreats = threats.filter((t) => t.mitigationKeys.includes(m.key));
        const coveredScenarios = scenarios.filter((s) => s.mitigationKeys.includes(m.key));
        return (
          <div className="space-y-3" data-testid="mitigation">
            <RowFields className="grid gap-3 md:grid-cols-[2fr_1fr]" fields={MITIGATION_FIELDS} {...bound} />
            <RowFields
              className="grid gap-3 md:grid-cols-4"
              fields={[...TRACKING_FIELDS, { kind: "member", name: "ownerId", label: "Owner", members, emptyLabel: "Unassigned" }, DUE_DATE]}
              {...bound}
            />
            <RowFields fields={NOTES} {...bound} />
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
