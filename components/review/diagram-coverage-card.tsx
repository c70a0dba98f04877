import { CoverageFigure } from "@/components/diagram/coverage-figure";
import { Card, CardHeader } from "@/components/ui/card";
import type { NamedCoverage } from "@/lib/domain/diagram/coverage";
import { STRIDE_LABELS } from "@/lib/domain/threat-model";

/** What the diagrams suggest and the model has not answered, and every suggestion dismissed, with its reason. */
export function DiagramCoverageCard({ coverage }: { coverage: NamedCoverage }) {
  return (
    <Card>
      <CardHeader
        title="Diagram coverage"
        description="The STRIDE categories each element and flow of the diagrams calls for, answered by a threat on it or a recorded reason it does not apply."
      />
      <div className="space-y-4 px-5 py-4">
        <CoverageFigure coverage={coverage} nameOf={(id) => coverage.itemNames[id] ?? id} />
        {coverage.dismissals.length > 0 && (
          <div>
            <h3 className="text-sm font-semibold text-slate-800">Dismissed suggestions ({coverage.dismissals.length})</h3>
            <ul className="mt-1 space-y-1 text-sm text-slate-700" data-testid="review-dismissals">
              {coverage.dismissals.map((d) => (
                <li key={`${d.elementId} ${d.category}`}>
                  <span className="font-medium text-slate-900">
                    {d.itemName}: {STRIDE_LABELS[d.category].name}
                  </span>{" "}
                  does not apply: {d.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Card>
  );
}
