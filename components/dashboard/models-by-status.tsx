import Link from "next/link";
import type { Dashboard } from "@/lib/data/dashboard/get-dashboard";
import { THREAT_MODEL_STATUSES, THREAT_MODEL_STATUS_LABELS } from "@/lib/domain/threat-model";
import { AllLink, CountLink, Panel, dateOf, type Drill } from "./panel";

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
                <CountLink
                  n={d.modelsByStatus[s]}
                  href={drill("models", { status: s })}
                  label={`${d.modelsByStatus[s]} ${THREAT_MODEL_STATUS_LABELS[s]} models`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="border-t border-slate-200 px-5 py-2 text-sm text-slate-700" data-testid="drafts-in-progress">
        Drafts in progress on approved models:{" "}
        <CountLink n={d.draftsInProgress} href={drill("models", { revising: true })} label={`${d.draftsInProgress} drafts in progress on approved models`} />
      </p>
      <p className="border-t border-slate-200 px-5 py-2 text-sm text-slate-700" data-testid="dashboard-coverage">
        {d.diagramCoverage.percent === null ? (
          "Diagram coverage: no model in scope has a diagram with something to answer yet."
        ) : (
          <>
            Diagram coverage: <span className="font-medium text-slate-900">{d.diagramCoverage.percent} %</span> ({d.diagramCoverage.covered} of{" "}
            {d.diagramCoverage.applicable} element × category pairs answered, across {d.diagramCoverage.models}{" "}
            {d.diagramCoverage.models === 1 ? "model" : "models"} with diagrams)
          </>
        )}
      </p>
      <div className="border-t border-slate-200 px-5 py-3">
        <h3 className="text-sm font-semibold text-slate-900">
          Past their review date:{" "}
          <CountLink n={d.overdueReviews.total} href={drill("models", { overdue: true })} label={`${d.overdueReviews.total} models past their review date`} />
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
