import { Empty, Section, Table, type SectionProps } from "./section";

export function TrustBoundariesSection({ model }: SectionProps) {
  return (
    <Section section="trust-boundaries">
      {model.trustBoundaries.length ? (
        <Table
          caption="Trust boundaries"
          head={["Boundary", "Description", "What crosses it"]}
          rows={model.trustBoundaries.map((b) => [<strong key="n">{b.name}</strong>, b.description, b.crossing])}
        />
      ) : (
        <Empty>No trust boundaries recorded.</Empty>
      )}
    </Section>
  );
}
