import { fixByWording } from "@/lib/domain/sla";
import { PRIORITIES, type Priority } from "@/lib/domain/threat-model";
import { LevelBadge } from "../badges";
import { Section, Table, type SectionProps } from "./section";

export function RiskSummarySection({ model, fixBy }: SectionProps) {
  const priorityCounts = Object.fromEntries(PRIORITIES.map((p) => [p, model.threats.filter((t) => t.priority === p).length])) as Record<Priority, number>;
  return (
    <Section section="risk-summary" description="Counted from the threats above; fix-by rules from the organization’s settings.">
      <Table
        caption="Threats per priority"
        head={["Priority", "Count", "Must fix"]}
        rows={PRIORITIES.map((p) => [
          <LevelBadge key="p" level={p} />,
          <span key="c" className="tabular-nums">
            {priorityCounts[p]}
          </span>,
          fixByWording(p, fixBy),
        ])}
      />
    </Section>
  );
}
