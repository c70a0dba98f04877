import { PRIORITIES, type Priority } from "@/lib/domain/threat-model";
import { LevelBadge } from "../badges";
import { Section, Table, type SectionProps } from "./section";

const FIX_BY: Record<Priority, string> = {
  CRITICAL: "Before the feature ships",
  HIGH: "Within 7 days of discovery",
  MEDIUM: "Within 30 days",
  LOW: "Next sprint",
};

export function RiskSummarySection({ model }: SectionProps) {
  const priorityCounts = Object.fromEntries(PRIORITIES.map((p) => [p, model.threats.filter((t) => t.priority === p).length])) as Record<Priority, number>;
  return (
    <Section section="risk-summary" description="Counted from the threats above; fix-by rules from the organization’s settings.">
      <Table caption="Threats per priority" head={["Priority", "Count", "Must fix"]} rows={PRIORITIES.map((p) => [<LevelBadge key="p" level={p} />, <span key="c" className="tabular-nums">{priorityCounts[p]}</span>, FIX_BY[p]])} />
    </Section>
  );
}
