import { signOffRows } from "@/lib/domain/exchange/sign-offs";
import { templateSection } from "@/lib/domain/team-template";
import { Empty, Section, Table, type SectionProps } from "./section";

export function ReviewApprovalSection({ model }: SectionProps) {
  return (
    <Section section="review-approval">
      {model.approvals.length ? (
        <Table
          caption="Approvals"
          head={["Role", "Name", "Decision", "Date"]}
          rows={signOffRows(
            model.approvals.map((a) => ({ capacity: a.capacity, name: a.reviewer.name, email: null, decision: a.decision, at: a.createdAt.toISOString() })),
          ).map((r) => [r.role, r.name, r.decision, r.date])}
        />
      ) : (
        <Empty>No review decisions yet. {templateSection("review-approval").guidance}</Empty>
      )}
    </Section>
  );
}
