import { LEVEL_LABELS, STRIDE_CATEGORIES, STRIDE_LABELS } from "@/lib/domain/threat-model";
import { ImplementationBadge, LevelBadge } from "../badges";
import { Section, type SectionProps } from "./section";

type Threat = SectionProps["model"]["threats"][number];

export function StrideSection({ model, mitigationById }: SectionProps) {
  return (
    <Section section="stride">
      <div className="space-y-6">
        {STRIDE_CATEGORIES.map((category) => {
          const threats = model.threats.filter((t) => t.category === category);
          const assessment = model.strideAssessments.find((a) => a.category === category);
          const label = STRIDE_LABELS[category];
          return (
            <section key={category} aria-labelledby={`stride-${category}`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 id={`stride-${category}`} className="text-sm font-semibold text-slate-900">
                  {label.name} ({label.letter}) <span className="font-normal text-slate-500">— {label.question}</span>
                </h3>
                {assessment && <LevelBadge level={assessment.residualRisk} prefix="Residual risk" />}
              </div>
              {assessment?.justification && <p className="mt-1 text-xs text-slate-600">{assessment.justification}</p>}
              {threats.length === 0 ? (
                <p className="mt-2 text-sm text-slate-600 italic">No threats recorded in this category.</p>
              ) : (
                <ul className="mt-2 space-y-2">
                  {threats.map((t) => (
                    <ThreatItem key={t.id} threat={t} mitigationById={mitigationById} />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </Section>
  );
}

function ThreatItem({ threat: t, mitigationById }: { threat: Threat; mitigationById: SectionProps["mitigationById"] }) {
  return (
    <li id={`threat-${t.id}`} className="scroll-mt-24 rounded-md border border-slate-200 p-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="font-medium text-slate-900">{t.title}</p>
        <span className="flex flex-wrap gap-1.5">
          <LevelBadge level={t.priority} prefix="Priority" />
          {t.residualRisk && <LevelBadge level={t.residualRisk} prefix="Residual risk" />}
        </span>
      </div>
      <p className="mt-1 text-xs text-slate-600">
        Likelihood {LEVEL_LABELS[t.likelihood]} · Impact {LEVEL_LABELS[t.impact]}
        {t.priorityOverrideReason && ` · Priority set by hand: ${t.priorityOverrideReason}`}
      </p>
      {t.description && <p className="mt-1 text-sm whitespace-pre-wrap text-slate-700">{t.description}</p>}
      {(t.residualRisk || t.residualRiskJustification) && (
        <p className="mt-1 text-sm text-slate-700">
          <span className="font-medium">Residual risk:</span> {t.residualRisk ? LEVEL_LABELS[t.residualRisk] : "Not rated"}
          {t.residualRiskJustification && ` — ${t.residualRiskJustification}`}
        </p>
      )}
      {t.attackVectors.length > 0 && (
        <p className="mt-1 text-sm text-slate-700">
          <span className="font-medium">Attack vectors:</span> {t.attackVectors.join("; ")}
        </p>
      )}
      {t.mitigations.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Mitigations">
          {t.mitigations.map(({ mitigationId }) => {
            const m = mitigationById.get(mitigationId);
            return m ? (
              <li key={mitigationId} className="flex items-center gap-1 rounded border border-slate-200 bg-slate-50 px-2 py-0.5 text-xs">
                {m.title} <ImplementationBadge status={m.status} />
              </li>
            ) : null;
          })}
        </ul>
      )}
    </li>
  );
}
