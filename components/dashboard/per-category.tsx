import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { Dashboard } from "@/lib/data/dashboard/get-dashboard";
import { LEVEL_LABELS, PRIORITIES, RISK_RATINGS, STRIDE_CATEGORIES, STRIDE_LABELS, type Priority, type StrideCategory } from "@/lib/domain/threat-model";
import { CountLink, LevelHeaders, Panel, RowHeader, type Drill } from "./panel";
import { PRIORITY_COLOURS } from "@/components/threat-models/badges";

export function PerCategory({ d, drill }: { d: Dashboard; drill: Drill }) {
  return (
    <Panel
      id="per-category"
      wide
      title="Residual risk per STRIDE category"
      description="Open threats per category and priority, and how the models rate each category's residual risk."
    >
      <div className="grid gap-4 p-4 xl:grid-cols-2">
        <CategoryTable
          testId="per-category"
          caption="Open threats"
          columns={PRIORITIES}
          rowHeader={(c) => (
            <>
              <span aria-hidden="true" className="mr-1 font-mono text-xs text-slate-500">
                {STRIDE_LABELS[c].letter}
              </span>
              {STRIDE_LABELS[c].name}
            </>
          )}
          cell={(c, p) => (
            <>
              <CountLink
                quietZero
                n={d.byCategory[c][p]}
                href={drill("threats", { stride: c, priority: p })}
                label={`${d.byCategory[c][p]} open ${LEVEL_LABELS[p]} ${STRIDE_LABELS[c].name} threats`}
              />
              {d.byCategory[c][p] > 0 && <PriorityMark priority={p} />}
            </>
          )}
        />
        <CategoryTable
          testId="stride-ratings"
          caption="Models rating the category's residual risk as…"
          columns={RISK_RATINGS}
          rowHeader={(c) => STRIDE_LABELS[c].name}
          cell={(c, r) => (
            <CountLink
              quietZero
              n={d.ratings[c][r]}
              href={drill("models", { stride: c, rating: r })}
              label={`${d.ratings[c][r]} models rating ${STRIDE_LABELS[c].name} ${LEVEL_LABELS[r]}`}
            />
          )}
        />
      </div>
    </Panel>
  );
}

/** One STRIDE category a row, one level a column. */
function CategoryTable<L extends keyof typeof LEVEL_LABELS>({
  testId,
  caption,
  columns,
  rowHeader,
  cell,
}: {
  testId: string;
  caption: string;
  columns: readonly L[];
  rowHeader: (category: StrideCategory) => ReactNode;
  cell: (category: StrideCategory, level: L) => ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm tabular-nums" data-testid={testId}>
        <caption className="mb-2 text-left text-xs font-semibold text-slate-700">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className="px-2 py-1 text-left text-xs font-medium text-slate-600">
              Category
            </th>
            <LevelHeaders levels={columns} className="px-2 py-1 text-right text-xs font-medium text-slate-600" />
          </tr>
        </thead>
        <tbody>
          {STRIDE_CATEGORIES.map((c) => (
            <tr key={c} className="border-b border-slate-100">
              <RowHeader className="px-2 py-1 text-left font-medium text-slate-700">{rowHeader(c)}</RowHeader>
              {columns.map((level) => (
                <td key={level} className="px-2 py-1 text-right">
                  {cell(c, level)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A small priority badge letter next to non-zero counts: the shape, not only the colour, marks them. */
function PriorityMark({ priority }: { priority: Priority }) {
  return (
    <Badge tone={PRIORITY_COLOURS[priority].tone} className="ml-1 px-1 py-0 text-[10px]">
      <span aria-hidden="true">{priority[0]}</span>
    </Badge>
  );
}
