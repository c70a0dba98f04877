import Link from "next/link";
import type { Dashboard } from "@/lib/data/dashboard/get-dashboard";
import { cx } from "@/lib/cx";
import { suggestPriority } from "@/lib/domain/priority";
import { IMPACTS, LEVEL_LABELS, LIKELIHOODS } from "@/lib/domain/threat-model";
import { LevelHeaders, Panel, type Drill } from "./panel";
import { PRIORITY_COLOURS } from "@/components/threat-models/badges";

/**
 * Heat-map cells take the colour of the priority their likelihood × impact gives (the one matrix,
 * lib/domain/priority.ts), deep when the cell holds open threats and pale when it holds none; the
 * priority's name is written in every cell and the deeper cells carry the bars' pattern, so no cell
 * is told apart by colour alone.
 */
export function HeatMap({ d, drill }: { d: Dashboard; drill: Drill }) {
  return (
    <Panel
      id="heat-map"
      title="Likelihood × impact"
      description="Open threats per cell, each cell coloured and named by the priority its likelihood and impact give; a cell opens its threats."
    >
      <div className="overflow-x-auto p-4">
        {/* Fixed layout: the four impact columns get the same width whatever their numbers. */}
        <table className="w-full table-fixed border-collapse text-sm" data-testid="heat-map">
          <caption className="sr-only">Open threats by likelihood (rows) and impact (columns), with the priority each cell gives</caption>
          <thead>
            <tr>
              <th scope="col" className="w-20 p-1 text-left text-xs font-medium text-slate-600 sm:w-28">
                Likelihood ↓ / Impact →
              </th>
              <LevelHeaders levels={IMPACTS} className="p-1 text-center text-xs font-medium text-slate-600" />
            </tr>
          </thead>
          <tbody>
            {[...LIKELIHOODS].reverse().map((l) => (
              <tr key={l}>
                <th scope="row" className="p-1 text-left text-xs font-medium text-slate-600">
                  {LEVEL_LABELS[l]}
                </th>
                {IMPACTS.map((i) => {
                  const n = d.heatMap[l][i];
                  const priority = suggestPriority(l, i);
                  return (
                    <td key={i} className="p-1">
                      <Link
                        href={drill("threats", { likelihood: l, impact: i })}
                        data-priority={priority}
                        className={cx(
                          "flex h-14 flex-col items-center justify-center rounded border border-slate-300 leading-tight hover:ring-2 hover:ring-brand-600 hover:ring-offset-1 print:h-10 print:border-slate-500",
                          n > 0 ? PRIORITY_COLOURS[priority].cell : PRIORITY_COLOURS[priority].paleCell,
                        )}
                        aria-label={`${n} open threats with ${LEVEL_LABELS[l]} likelihood and ${LEVEL_LABELS[i]} impact, priority ${LEVEL_LABELS[priority]}`}
                      >
                        <span className={cx("text-base tabular-nums", n > 0 ? "font-bold" : "font-medium")}>{n}</span>
                        <span className="text-[11px] font-semibold sm:tracking-wide">{LEVEL_LABELS[priority]}</span>
                      </Link>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
