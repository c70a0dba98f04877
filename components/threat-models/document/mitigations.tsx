import { formatDate } from "@/lib/format";
import { ImplementationBadge } from "../badges";
import { Empty, Section, Table, type SectionProps } from "./section";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function MitigationsSection({ model, mitigations }: SectionProps) {
  return (
    <Section section="mitigations">
      {mitigations ??
        (model.mitigations.length ? (
          <Table
            caption="Mitigations"
            head={["Mitigation", "Status", "Task", "Owner", "Due", "Covers"]}
            rows={model.mitigations.map((m) => [
              <span key="t" className="font-medium">
                {m.title}
              </span>,
              <ImplementationBadge key="s" status={m.status} />,
              m.taskRef || "—",
              m.owner?.name ?? "—",
              formatDate(m.dueDate),
              `${plural(m.threats.length, "threat")}, ${plural(m.scenarios.length, "scenario")}`,
            ])}
          />
        ) : (
          <Empty>No mitigations recorded.</Empty>
        ))}
    </Section>
  );
}
