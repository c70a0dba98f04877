import { Empty, Section, type SectionProps } from "./section";

export function SecurityInvariantsSection({ model }: SectionProps) {
  return (
    <Section section="security-invariants">
      {model.securityInvariants.length ? (
        <ol className="space-y-3">
          {model.securityInvariants.map((i) => (
            <li key={i.id} className="rounded-md bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800">
              <p className="font-semibold">
                Article {i.article} — {i.topic}
              </p>
              <p>WHEN {i.condition}</p>
              <p>THE SYSTEM SHALL {i.requirement}</p>
            </li>
          ))}
        </ol>
      ) : (
        <Empty>No security invariants recorded.</Empty>
      )}
    </Section>
  );
}
