"use client";
import { MitigationLinks } from "./mitigation-links";
import { LIKELIHOOD_AND_IMPACT, RowFields, type FieldSpec } from "./row-fields";
import { RowSection, type RowSectionCopy, type RowSectionProps } from "./row-section";
import { newKey } from "./section-shell";
import type { MitigationRow, ScenarioRow } from "./state";

const SCENARIO_COPY: RowSectionCopy<ScenarioRow> = {
  section: "attack-scenarios",
  addLabel: "Add attack scenario",
  emptyText: "No attack scenarios yet.",
  itemLabel: (s) => s.title,
  newRow: () => ({ key: newKey(), title: "", description: "", likelihood: "MEDIUM", impact: "MEDIUM", mitigationKeys: [] }),
};

const SCENARIO_FIELDS: FieldSpec<ScenarioRow>[] = [
  { kind: "text", name: "title", label: "Scenario", placeholder: "Credential stuffing" },
  ...LIKELIHOOD_AND_IMPACT,
];
const SCENARIO_TEXT: FieldSpec<ScenarioRow>[] = [
  { kind: "area", name: "description", label: "What happens", rows: 2, placeholder: "Attacker uses leaked credentials from other breaches" },
];

export function AttackScenarios({
  mitigations,
  createMitigation,
  ...props
}: RowSectionProps<ScenarioRow> & { mitigations: MitigationRow[]; createMitigation: (title: string) => string }) {
  return (
    <RowSection<ScenarioRow>
      {...props}
      copy={SCENARIO_COPY}
      render={(s, update, err) => (
        <div className="space-y-3">
          <RowFields className="grid gap-3 md:grid-cols-[1fr_9rem_9rem]" fields={SCENARIO_FIELDS} row={s} update={update} err={err} />
          <RowFields fields={SCENARIO_TEXT} row={s} update={update} err={err} />
          <MitigationLinks
            label="Mitigations"
            linkedKeys={s.mitigationKeys}
            mitigations={mitigations}
            onChange={(mitigationKeys) => update({ mitigationKeys })}
            onCreate={createMitigation}
            disabled={props.disabled}
          />
        </div>
      )}
    />
  );
}
