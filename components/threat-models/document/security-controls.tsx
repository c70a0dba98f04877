import { LEVEL_LABELS } from "@/lib/domain/threat-model";
import { ImplementationBadge } from "../badges";
import { Empty, Section, Table, type SectionProps } from "./section";

export function SecurityControlsSection({ model }: SectionProps) {
  return (
    <Section section="security-controls">
      {model.securityControls.length ? (
        <Table
          caption="Security controls"
          head={["Control", "Status", "Effectiveness"]}
          rows={model.securityControls.map((c) => [c.name, <ImplementationBadge key="s" status={c.status} />, LEVEL_LABELS[c.effectiveness]])}
        />
      ) : (
        <Empty>No security controls recorded.</Empty>
      )}
    </Section>
  );
}
