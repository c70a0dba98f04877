import Link from "next/link";
import type { ReactNode } from "react";
import { TrendChart } from "@/components/dashboard/trend-chart";
import { OverdueBadge, PRIORITY_COLOURS } from "@/components/threat-models/badges";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { Dashboard } from "@/lib/data/dashboard";
import type { RiskTrend } from "@/lib/data/risk-snapshots";
import { suggestPriority } from "@/lib/domain/priority";
import {
  IMPACTS,
  IMPLEMENTATION_STATUS_LABELS,
  LEVEL_LABELS,
  LIKELIHOODS,
  PRIORITIES,
  RISK_RATINGS,
  STRIDE_CATEGORIES,
  STRIDE_LABELS,
  THREAT_MODEL_STATUSES,
  THREAT_MODEL_STATUS_LABELS,
  type Priority,
} from "@/lib/domain/threat-model";
import { cx } from "@/lib/cx";
import { formatDate } from "@/lib/format";
import type { RiskView, TDashboardFilters, TRiskList } from "@/lib/validation/dashboard";

// The dashboard's panels: every number links to the list behind it, and every chart has a table.
export const SECTION = "break-inside-avoid";
export const NUMBER_LINK = "font-semibold text-slate-900 tabular-nums underline decoration-slate-300 underline-offset-2 hover:text-brand-700 hover:decoration-brand-700";
const TH = "px-3 py-2 text-left text-xs font-medium text-slate-600";
const TD = "px-3 py-2 align-top";

export function dateOf(ymd: string) {
  return formatDate(new Date(`${ymd}T00:00:00.000Z`));
}


export type Drill = (view: RiskView, extra?: Partial<TRiskList>) => string;

export function describeFilters(f: TDashboardFilters, options: { owners: { id: string; name: string }[] }) {
  const parts: string[] = [];
  if (f.category) parts.push(`category “${f.category}”`);
  if (f.owner) parts.push(`models owned by ${options.owners.find((o) => o.id === f.owner)?.name ?? "a former owner"}`);
  if (f.status) parts.push(`${THREAT_MODEL_STATUS_LABELS[f.status]} models`);
  if (f.stride) parts.push(`${STRIDE_LABELS[f.stride].name} threats`);
  return parts.join(", ");
}

export function Figure({ label, value, href, description, tone }: { label: string; value: number; href: string; description: string; tone?: "red" }) {
  return (
    <div className={cx("rounded-lg border bg-white p-4 shadow-sm", tone === "red" && value > 0 ? "border-red-300" : "border-slate-200")}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900">
        <Link href={href} className="tabular-nums hover:text-brand-700" aria-label={`${value} ${description}`}>
          {value}
        </Link>
      </dd>
    </div>
  );
}

export function Panel({ id, title, description, actions, children, wide }: { id: string; title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <div className={cx(SECTION, wide && "lg:col-span-2 print:col-span-2")}>
      <Card className="h-full">
        <CardHeader id={id} title={title} description={description} actions={actions} />
        {children}
      </Card>
    </div>
  );
}

function AllLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="no-print text-sm font-medium text-brand-700 hover:underline">
      {children}
    </Link>
  );
}

export function OpenByPriority({ d, drill }: { d: Dashboard; drill: Drill }) {
  const max = Math.max(1, ...PRIORITIES.map((p) => d.openByPriority[p]));
  return (
    <Panel id="open-by-priority" title="Open threats by priority" description="Open until an implemented mitigation or an accepted, in-date residual risk covers them.">
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
          {PRIORITIES.map((p) => (
            <tr key={p}>
              <th scope="row" className="w-24 py-2 pl-5 pr-3 text-left font-medium text-slate-700">
                {LEVEL_LABELS[p]}
              </th>
              <td className="w-16 px-3 py-2 text-right">
                <Link href={drill("threats", { priority: p })} className={NUMBER_LINK} aria-label={`${d.openByPriority[p]} open ${LEVEL_LABELS[p]} threats`}>
                  {d.openByPriority[p]}
                </Link>
              </td>
              <td className="py-2 pr-5 pl-1" aria-hidden="true">
                <div className="h-4 w-full rounded bg-slate-100 print:border print:border-slate-300">
                  <div className={cx("h-4 rounded print:border print:border-slate-700", PRIORITY_COLOURS[p].bar)} style={{ width: `${(d.openByPriority[p] / max) * 100}%` }} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

/**
 * Heat-map cells take the colour of the priority their likelihood × impact gives (the one matrix,
 * lib/domain/priority.ts), deep when the cell holds open threats and pale when it holds none; the
 * priority's name is written in every cell and the deeper cells carry the bars' pattern, so no cell
 * is told apart by colour alone.
 */
export function HeatMap({ d, drill }: { d: Dashboard; drill: Drill }) {
  return (
    <Panel id="heat-map" title="Likelihood × impact" description="Open threats per cell, each cell coloured and named by the priority its likelihood and impact give; a cell opens its threats.">
      <div className="overflow-x-auto p-4">
        {/* Fixed layout: the four impact columns get the same width whatever their numbers. */}
        <table className="w-full table-fixed border-collapse text-sm" data-testid="heat-map">
          <caption className="sr-only">Open threats by likelihood (rows) and impact (columns), with the priority each cell gives</caption>
          <thead>
            <tr>
              <th scope="col" className="w-20 p-1 text-left text-xs font-medium text-slate-600 sm:w-28">
                Likelihood ↓ / Impact →
              </th>
              {IMPACTS.map((i) => (
                <th key={i} scope="col" className="p-1 text-center text-xs font-medium text-slate-600">
                  {LEVEL_LABELS[i]}
                </th>
              ))}
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

function trendDescription(trend: RiskTrend, filtered: boolean) {
  const parts = ["Open threats per priority as recorded once a day; each week shows the last day recorded in it."];
  if (trend.firstRecordedOn && trend.points[0]!.beforeRecording) parts.push(`Recording began on ${dateOf(trend.firstRecordedOn)}: the weeks before it are not recorded.`);
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
                <th scope="row" className="py-0.5 pr-2 text-left font-normal text-slate-700">
                  {LEVEL_LABELS[priority]}
                </th>
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
                {PRIORITIES.map((p) => (
                  <th key={p} scope="col" className="px-2 py-1 text-right font-medium text-slate-600">
                    {LEVEL_LABELS[p]}
                  </th>
                ))}
                <th scope="col" className="px-2 py-1 text-left font-medium text-slate-600">
                  Recorded on
                </th>
              </tr>
            </thead>
            <tbody>
              {trend.points.map((point, i) => (
                <tr key={point.weekEnd} className="border-b border-slate-100">
                  <th scope="row" className="px-2 py-1 text-left font-normal text-slate-700">
                    {i === last ? `Today (${dateOf(point.weekEnd)})` : dateOf(point.weekEnd)}
                  </th>
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

export function ModelsByStatus({ d, drill, base }: { d: Dashboard; drill: Drill; base: string }) {
  return (
    <Panel id="models-by-status" title="Threat models by status" actions={<AllLink href={drill("models")}>All models →</AllLink>}>
      <table className="w-full text-sm" data-testid="models-by-status">
        <caption className="sr-only">Threat models by status</caption>
        <tbody className="divide-y divide-slate-100">
          {THREAT_MODEL_STATUSES.map((s) => (
            <tr key={s}>
              <th scope="row" className="py-2 pl-5 pr-3 text-left font-medium text-slate-700">
                {THREAT_MODEL_STATUS_LABELS[s]}
              </th>
              <td className="py-2 pr-5 text-right">
                <Link href={drill("models", { status: s })} className={NUMBER_LINK} aria-label={`${d.modelsByStatus[s]} ${THREAT_MODEL_STATUS_LABELS[s]} models`}>
                  {d.modelsByStatus[s]}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="border-t border-slate-200 px-5 py-2 text-sm text-slate-700" data-testid="drafts-in-progress">
        Drafts in progress on approved models:{" "}
        <Link href={drill("models", { revising: true })} className={NUMBER_LINK} aria-label={`${d.draftsInProgress} drafts in progress on approved models`}>
          {d.draftsInProgress}
        </Link>
      </p>
      <div className="border-t border-slate-200 px-5 py-3">
        <h3 className="text-sm font-semibold text-slate-900">
          Past their review date:{" "}
          <Link href={drill("models", { overdue: true })} className={NUMBER_LINK} aria-label={`${d.overdueReviews.total} models past their review date`}>
            {d.overdueReviews.total}
          </Link>
        </h3>
        {d.overdueReviews.items.length > 0 && (
          <ul className="mt-2 space-y-1 text-sm">
            {d.overdueReviews.items.map((m) => (
              <li key={m.id} className="flex flex-wrap justify-between gap-2">
                <Link href={`${base}/models/${m.id}`} className="text-slate-900 hover:text-brand-700 hover:underline">
                  {m.title}
                </Link>
                <span className="text-slate-600">
                  review due {dateOf(m.nextReviewDate)}
                  {m.ownerName ? ` · ${m.ownerName}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Panel>
  );
}

export function AcceptedRisks({ d, drill, base }: { d: Dashboard; drill: Drill; base: string }) {
  return (
    <Panel
      id="accepted-risks"
      title="Accepted residual risks"
      description={
        <>
          <Link href={drill("acceptances")} className={NUMBER_LINK} aria-label={`${d.acceptances.total} accepted residual risks`}>
            {d.acceptances.total}
          </Link>{" "}
          accepted,{" "}
          <Link href={drill("acceptances", { expired: true })} className={NUMBER_LINK} aria-label={`${d.acceptances.expired} expired acceptances`}>
            {d.acceptances.expired}
          </Link>{" "}
          past their review date (open again). Soonest review first.
        </>
      }
      actions={d.acceptances.total > d.acceptances.items.length && <AllLink href={drill("acceptances")}>All {d.acceptances.total} →</AllLink>}
    >
      {d.acceptances.items.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">No accepted residual risks.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="accepted-risks">
            <caption className="sr-only">Accepted residual risks, soonest review first</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={cx(TH, "pl-5")}>
                  Threat
                </th>
                <th scope="col" className={TH}>
                  Risk owner
                </th>
                <th scope="col" className={cx(TH, "pr-5")}>
                  Review date
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {d.acceptances.items.map((a) => (
                <tr key={a.id}>
                  <td className={cx(TD, "pl-5")}>
                    <Link href={`${base}/models/${a.modelId}`} className="text-slate-900 hover:text-brand-700 hover:underline">
                      {a.threatTitle}
                    </Link>
                    <p className="text-xs text-slate-500">{a.modelTitle}</p>
                  </td>
                  <td className={TD}>{a.riskOwner}</td>
                  <td className={cx(TD, "pr-5 whitespace-nowrap")}>
                    {dateOf(a.reviewDate)}{" "}
                    {a.expired && <OverdueBadge label="Expired" />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

export function OverdueMitigations({ d, drill, base }: { d: Dashboard; drill: Drill; base: string }) {
  return (
    <Panel
      id="overdue-mitigations"
      title="Overdue mitigations"
      description={
        <>
          <Link href={drill("mitigations", { overdue: true })} className={NUMBER_LINK} aria-label={`${d.overdueMitigations.total} overdue mitigations`}>
            {d.overdueMitigations.total}
          </Link>{" "}
          past their fix-by date and not implemented. Oldest first.
        </>
      }
      actions={d.overdueMitigations.total > d.overdueMitigations.items.length && <AllLink href={drill("mitigations", { overdue: true })}>All {d.overdueMitigations.total} →</AllLink>}
    >
      {d.overdueMitigations.items.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">No mitigation is past its fix-by date.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="overdue-mitigations">
            <caption className="sr-only">Overdue mitigations, oldest fix-by date first</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={cx(TH, "pl-5")}>
                  Mitigation
                </th>
                <th scope="col" className={TH}>
                  Owner
                </th>
                <th scope="col" className={cx(TH, "pr-5")}>
                  Fix by
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {d.overdueMitigations.items.map((m) => (
                <tr key={m.id}>
                  <td className={cx(TD, "pl-5")}>
                    <Link href={`${base}/models/${m.modelId}`} className="text-slate-900 hover:text-brand-700 hover:underline">
                      {m.title}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {m.modelTitle} · {IMPLEMENTATION_STATUS_LABELS[m.status]}
                    </p>
                  </td>
                  <td className={TD}>{m.ownerName ?? <span className="text-slate-500">No owner</span>}</td>
                  <td className={cx(TD, "pr-5 whitespace-nowrap")}>{dateOf(m.dueDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

export function TopModels({ d, drill, base }: { d: Dashboard; drill: Drill; base: string }) {
  return (
    <Panel id="top-models" title="Most open Critical and High risk" description="The ten models with the most open Critical, then High, threats." actions={<AllLink href={drill("models")}>All models →</AllLink>}>
      {d.topModels.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">No open Critical or High threats.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="top-models">
            <caption className="sr-only">Models with the most open Critical and High threats</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={cx(TH, "pl-5")}>
                  Model
                </th>
                <th scope="col" className={cx(TH, "text-right")}>
                  Critical
                </th>
                <th scope="col" className={cx(TH, "pr-5 text-right")}>
                  High
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {d.topModels.map((m) => (
                <tr key={m.id}>
                  <td className={cx(TD, "pl-5")}>
                    <Link href={`${base}/models/${m.id}`} className="text-slate-900 hover:text-brand-700 hover:underline">
                      {m.title}
                    </Link>
                    {m.ownerName && <p className="text-xs text-slate-500">{m.ownerName}</p>}
                  </td>
                  <td className={cx(TD, "text-right")}>
                    <Link href={drill("threats", { model: m.id, priority: "CRITICAL" })} className={NUMBER_LINK} aria-label={`${m.critical} open Critical threats in ${m.title}`}>
                      {m.critical}
                    </Link>
                  </td>
                  <td className={cx(TD, "pr-5 text-right")}>
                    <Link href={drill("threats", { model: m.id, priority: "HIGH" })} className={NUMBER_LINK} aria-label={`${m.high} open High threats in ${m.title}`}>
                      {m.high}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

export function PerCategory({ d, drill }: { d: Dashboard; drill: Drill }) {
  return (
    <Panel id="per-category" wide title="Residual risk per STRIDE category" description="Open threats per category and priority, and how the models rate each category's residual risk.">
      <div className="grid gap-4 p-4 xl:grid-cols-2">
        <div className="overflow-x-auto">
          <table className="w-full text-sm tabular-nums" data-testid="per-category">
            <caption className="mb-2 text-left text-xs font-semibold text-slate-700">Open threats</caption>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="px-2 py-1 text-left text-xs font-medium text-slate-600">
                  Category
                </th>
                {PRIORITIES.map((p) => (
                  <th key={p} scope="col" className="px-2 py-1 text-right text-xs font-medium text-slate-600">
                    {LEVEL_LABELS[p]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {STRIDE_CATEGORIES.map((c) => (
                <tr key={c} className="border-b border-slate-100">
                  <th scope="row" className="px-2 py-1 text-left font-medium text-slate-700">
                    <span aria-hidden="true" className="mr-1 font-mono text-xs text-slate-500">
                      {STRIDE_LABELS[c].letter}
                    </span>
                    {STRIDE_LABELS[c].name}
                  </th>
                  {PRIORITIES.map((p) => (
                    <td key={p} className="px-2 py-1 text-right">
                      <Link
                        href={drill("threats", { stride: c, priority: p })}
                        className={d.byCategory[c][p] ? NUMBER_LINK : "text-slate-400 hover:text-brand-700"}
                        aria-label={`${d.byCategory[c][p]} open ${LEVEL_LABELS[p]} ${STRIDE_LABELS[c].name} threats`}
                      >
                        {d.byCategory[c][p]}
                      </Link>
                      {d.byCategory[c][p] > 0 && <PriorityMark priority={p} />}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="overflow-x-auto">
          <table className="w-full text-sm tabular-nums" data-testid="stride-ratings">
            <caption className="mb-2 text-left text-xs font-semibold text-slate-700">Models rating the category&apos;s residual risk as…</caption>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="px-2 py-1 text-left text-xs font-medium text-slate-600">
                  Category
                </th>
                {RISK_RATINGS.map((r) => (
                  <th key={r} scope="col" className="px-2 py-1 text-right text-xs font-medium text-slate-600">
                    {LEVEL_LABELS[r]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {STRIDE_CATEGORIES.map((c) => (
                <tr key={c} className="border-b border-slate-100">
                  <th scope="row" className="px-2 py-1 text-left font-medium text-slate-700">
                    {STRIDE_LABELS[c].name}
                  </th>
                  {RISK_RATINGS.map((r) => (
                    <td key={r} className="px-2 py-1 text-right">
                      <Link
                        href={drill("models", { stride: c, rating: r })}
                        className={d.ratings[c][r] ? NUMBER_LINK : "text-slate-400 hover:text-brand-700"}
                        aria-label={`${d.ratings[c][r]} models rating ${STRIDE_LABELS[c].name} ${LEVEL_LABELS[r]}`}
                      >
                        {d.ratings[c][r]}
                      </Link>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </Panel>
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
