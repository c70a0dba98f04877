import { Section, type SectionProps } from "./section";

export function FeatureOverviewSection({ model }: SectionProps) {
  const fields: [string, string, string?][] = [
    ["Feature being modeled", model.featureName],
    ["System diagram reference", model.systemDiagramRef],
    ["Owning team", model.ownerTeam],
    ["Overview", model.overview, "sm:col-span-2"],
    ["In scope", model.scopeIn],
    ["Out of scope", model.scopeOut],
  ];
  return (
    <Section section="feature-overview">
      <dl className="grid gap-4 text-sm sm:grid-cols-2">
        {fields.map(([label, value, wide], i) => (
          <div key={label} className={wide}>
            <dt className="font-medium text-slate-600">{label}</dt>
            {/* The short fields are one line; the overview and scope keep the author's line breaks. */}
            <dd className={`mt-0.5 text-slate-900${i >= 3 ? " whitespace-pre-wrap" : ""}`}>{value || "—"}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}
