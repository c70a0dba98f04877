import { CLASSIFICATION_LABELS } from "@/lib/domain/threat-model";
import { Empty, Section, Table, type SectionProps } from "./section";

export function AssetsSection({ model }: SectionProps) {
  return (
    <Section section="assets">
      {model.assets.length ? (
        <Table
          caption="Assets"
          head={["Asset", "Classification", "If compromised"]}
          rows={model.assets.map((a) => [<strong key="n">{a.name}</strong>, CLASSIFICATION_LABELS[a.classification], a.compromiseImpact])}
        />
      ) : (
        <Empty>No assets recorded.</Empty>
      )}
    </Section>
  );
}
