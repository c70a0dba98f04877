import { Badge } from "@/components/ui/badge";
import type { RiskTrend } from "@/lib/data/risk-snapshots/get-risk-trend";
import { LEVEL_LABELS, PRIORITIES } from "@/lib/domain/threat-model";
import { LevelHeaders, Panel, RowHeader, dateOf } from "./panel";
import { TrendChart } from "./trend-chart";

function trendDescription(trend: RiskTrend, filtered: boolean) {
  const parts = ["Open threats per priority as recorded once a day; each week shows the last day recorded in it."];
  if (trend.firstRecordedOn && trend.points[0]!.beforeRecording)
    parts.push(`Recording began on ${dateOf(trend.firstRecordedOn)}: the weeks before it are not recorded.`);
  if (trend.demo) parts.push("Weeks marked “demo data” were written by the demo seed, not recorded.");
  if (filtered) parts.push("The records are of the whole organization: the filters above do not apply to them.");
  return parts.join(" ");
}

export function Trend({ trend, filtered }: { trend: RiskTrend; filtered: boolean }) {
  const label = (weekEnd: string) => dateOf(weekEnd).replace(/ \d{4}$/, "");
  const last = trend.points.length - 1;
  const notRecorded = (p: RiskTrend["points"][number]) => (p.beforeRecording ? "Not recorded (before recording began)" : "Not recorded");
  return (
    <Panel id="trend" wide title="Open threats over the last 12 weeks" description={trendDescription(trend, filtered)}>
      <div className="no-print px-3 pt-4" data-testid="trend-chart">
        <TrendChart points={trend.points.map((p) => ({ label: label(p.weekEnd), counts: p.counts, demo: p.demo, beforeRecording: p.beforeRecording }))} />
      </div>
      {/* On paper the figures, week ends across, instead of the chart. */}
      <div className="hidden overflow-x-auto px-4 py-2 print:block">
        <table className="w-full text-[10px] tabular-nums">
          <caption className="sr-only">Recorded open threats per priority at each week end</caption>
          <thead>
            <tr>
              <th scope="col" className="py-0.5 pr-2 text-left font-medium text-slate-600">
                Week ending
              </th>
              {trend.points.map((p, i) => (
                <th key={p.weekEnd} scope="col" className="px-1 py-0.5 text-right font-medium text-slate-600">
                  {i === last ? "Today" : label(p.weekEnd)}
                  {p.demo && "*"}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PRIORITIES.map((priority) => (
              <tr key={priority} className="border-t border-slate-100">
                <RowHeader className="py-0.5 pr-2 text-left font-normal text-slate-700">{LEVEL_LABELS[priority]}</RowHeader>
                {trend.points.map((point) => (
                  <td key={point.weekEnd} className="px-1 py-0.5 text-right">
                    {point.counts ? point.counts[priority] : "–"}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-1 text-[10px] text-slate-600">– not recorded{trend.demo ? "; * demo data" : ""}.</p>
      </div>
      <details className="no-print px-5 pb-4">
        <summary className="no-print cursor-pointer py-2 text-sm font-medium text-brand-700">The trend as a table</summary>
        <div className="overflow-x-auto">
          <table className="w-full text-xs tabular-nums" data-testid="trend-table">
            <caption className="sr-only">Recorded open threats per priority at each week end</caption>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="px-2 py-1 text-left font-medium text-slate-600">
                  Week ending
                </th>
                <LevelHeaders levels={PRIORITIES} className="px-2 py-1 text-right font-medium text-slate-600" />
                <th scope="col" className="px-2 py-1 text-left font-medium text-slate-600">
                  Recorded on
                </th>
              </tr>
            </thead>
            <tbody>
              {trend.points.map((point, i) => (
                <tr key={point.weekEnd} className="border-b border-slate-100">
                  <RowHeader className="px-2 py-1 text-left font-normal text-slate-700">
                    {i === last ? `Today (${dateOf(point.weekEnd)})` : dateOf(point.weekEnd)}
                  </RowHeader>
                  {point.counts ? (
                    <>
                      {PRIORITIES.map((p) => (
                        <td key={p} className="px-2 py-1 text-right">
                          {point.counts![p]}
                        </td>
                      ))}
                      <td className="px-2 py-1 text-left text-slate-700">
                        {dateOf(point.recordedOn!)}
                        {point.demo && (
                          <Badge tone="amber" className="ml-2">
                            demo data
                          </Badge>
                        )}
                      </td>
                    </>
                  ) : (
                    <td colSpan={PRIORITIES.length + 1} className="px-2 py-1 text-center text-slate-600 italic">
                      {notRecorded(point)}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </Panel>
  );
}
