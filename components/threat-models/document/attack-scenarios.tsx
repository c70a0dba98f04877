import { Markdown } from "@/components/model-editor/markdown";
import { LEVEL_LABELS } from "@/lib/domain/threat-model";
import { listSection } from "./section";

export const AttackScenariosSection = listSection(
  "attack-scenarios",
  { empty: "No attack scenarios recorded.", itemClassName: "rounded-md border border-slate-200 p-3" },
  (model) => model.attackScenarios,
  (s, { mitigationById }) => (
    <>
      <p className="font-medium text-slate-900">{s.title}</p>
      {/* Steps written as a numbered list stay a list. */}
      {s.description && <Markdown>{s.description}</Markdown>}
      <p className="mt-1 text-xs text-slate-600">
        Likelihood {LEVEL_LABELS[s.likelihood]} · Impact {LEVEL_LABELS[s.impact]}
      </p>
      {s.mitigations.length > 0 && (
        <p className="mt-1 text-xs text-slate-700">
          Mitigated by:{" "}
          {s.mitigations
            .map((l) => mitigationById.get(l.mitigationId)?.title)
            .filter(Boolean)
            .join(", ")}
        </p>
      )}
    </>
  ),
);
