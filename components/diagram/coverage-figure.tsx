import { cx } from "@/lib/cx";
import type { Coverage } from "@/lib/domain/diagram/coverage";
import { STRIDE_LABELS } from "@/lib/domain/threat-model";

/**
 * How much of what the diagrams suggest the model has answered, with the gaps to open. Plain
 * markup (a disclosure, no state), so server pages and the editor show the same thing.
 */
export function CoverageFigure({ coverage, nameOf, compact = false }: { coverage: Coverage; nameOf: (elementId: string) => string; compact?: boolean }) {
  if (coverage.percent === null)
    return (
      <p className="text-sm text-slate-600" data-testid="coverage-figure">
        No diagram yet
        {compact ? "" : ": draw one to see which STRIDE categories each element and flow needs answered."}
      </p>
    );
  const { covered, applicable, percent, gaps } = coverage;
  return (
    <div className={cx("text-sm text-slate-800", compact ? "space-y-1" : "space-y-2")} data-testid="coverage-figure">
      <p>
        <span className="font-medium">Diagram coverage: {percent} %</span>{" "}
        <span className="text-slate-600">
          ({covered} of {applicable} element × category {applicable === 1 ? "pair" : "pairs"} answered)
        </span>
      </p>
      <div className={cx("h-1.5 w-full max-w-xs overflow-hidden rounded-full bg-slate-200", compact && "h-1")} role="img" aria-label={`${percent} % covered`}>
        <div className="h-full bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
      {gaps.length > 0 ? (
        <details className="group">
          <summary className="cursor-pointer text-slate-700 hover:text-slate-900">
            {gaps.length} {gaps.length === 1 ? "gap" : "gaps"} to answer
          </summary>
          <ul className="mt-1 max-h-64 list-disc space-y-0.5 overflow-y-auto pl-5 text-slate-700" data-testid="coverage-gaps">
            {gaps.map((gap) => (
              <li key={`${gap.elementId} ${gap.category}`}>
                {nameOf(gap.elementId)}: {STRIDE_LABELS[gap.category].name}
              </li>
            ))}
          </ul>
        </details>
      ) : (
        <p className="text-emerald-800">Every suggested category is answered.</p>
      )}
    </div>
  );
}
