import type { Dashboard } from "@/lib/data/dashboard/get-dashboard";
import { cx } from "@/lib/cx";
import { LEVEL_LABELS, PRIORITIES } from "@/lib/domain/threat-model";
import { CountLink, Panel, type Drill } from "./panel";
import { PRIORITY_COLOURS } from "@/components/threat-models/badges";

export function OpenByPriority({ d, drill }: { d: Dashboard; drill: Drill }) {
  const max = Math.max(1, ...PRIORITIES.map((p) => d.openByPriority[p]));
  return (
    <Panel
      id="open-by-priority"
      title="Open threats by priority"
      description="Open until an implemented mitigation or an accepted, in-date residual risk covers them."
    >
      <table className="w-full text-sm" data-testid="open-by-priority">
        <caption className="sr-only">Open threats by priority</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Priority</th>
            <th scope="col">Open threats</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {PRIORITIES.map((p) => {
            const n = d.openByPriority[p];
            return (
              <tr key={p}>
                <th scope="row" className="w-24 py-2 pl-5 pr-3 text-left font-medium text-slate-700">
                  {LEVEL_LABELS[p]}
                </th>
                <td className="w-16 px-3 py-2 text-right">
                  <CountLink n={n} href={drill("threats", { priority: p })} label={`${n} open ${LEVEL_LABELS[p]} threats`} />
                </td>
                <td className="py-2 pr-5 pl-1" aria-hidden="true">
                  <div className="h-4 w-full rounded bg-slate-100 print:border print:border-slate-300">
                    <div className={cx("h-4 rounded print:border print:border-slate-700", PRIORITY_COLOURS[p].bar)} style={{ width: `${(n / max) * 100}%` }} />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Panel>
  );
}
