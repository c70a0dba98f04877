import { today as todayOf, toDay } from "@/lib/domain/calendar";
import { riskSignOffLabel } from "@/lib/domain/exchange/sign-offs";
import { formatDate } from "@/lib/format";
import { Empty, Section, Table, type SectionProps } from "./section";

export function ResidualRisksSection({ model, snapshot }: SectionProps) {
  // Review dates are calendar dates at UTC midnight: past once today's UTC midnight is later.
  const today = todayOf();
  const ymd = toDay;
  return (
    <Section section="residual-risks" description="Threats accepted without full mitigation; each needs a security lead’s sign-off.">
      {model.acceptances.length ? (
        <Table
          caption="Residual risks"
          head={["Threat", "Why accepted", "Risk owner", "Review date", "Sign-off"]}
          rows={model.acceptances.map((a) => [
            a.threatTitle,
            a.reason,
            a.riskOwner,
            formatDate(a.reviewDate),
            snapshot
              ? "See the review page"
              : riskSignOffLabel(
                  { status: a.status, decidedBy: a.decidedBy?.name ?? null, decidedByEmail: null, decidedAt: a.decidedAt?.toISOString() ?? null },
                  ymd(a.reviewDate),
                  today,
                ),
          ])}
        />
      ) : (
        <Empty>No residual risks proposed for acceptance.</Empty>
      )}
    </Section>
  );
}
