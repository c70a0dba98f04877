"use client";
import { IMPACTS, LEVEL_LABELS, LIKELIHOODS } from "@/lib/domain/threat-model";
import { Choice, TextArea, TextInput } from "./inputs";
import { MitigationLinks } from "./mitigation-links";
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
          <div className="grid gap-3 md:grid-cols-[1fr_9rem_9rem]">
            <TextInput label="Scenario" value={s.title} onChange={(title) => update({ title })} placeholder="Credential stuffing" error={err.title} />
            <Choice label="Likelihood" value={s.likelihood} options={LIKELIHOODS} labels={LEVEL_LABELS} onChange={(v) => v && update({ likelihood: v })} />
            <Choice label="Impact" value={s.impact} options={IMPACTS} labels={LEVEL_LABELS} onChange={(v) => v && update({ impact: v })} />
          </div>
          <TextArea
            label="What happens"
            rows={2}
            value={s.description}
            onChange={(description) => update({ description })}
            placeholder="Attacker uses leaked credentials from other breaches"
            error={err.description}
          />
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
