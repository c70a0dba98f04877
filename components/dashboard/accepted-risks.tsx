import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { Dashboard } from "@/lib/data/dashboard/get-dashboard";
import { cx } from "@/lib/cx";
import { AllLink, EmptyNote, NUMBER_LINK, Panel, PanelTable, TD, TitleCell, dateOf, type Drill } from "./panel";

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
        <EmptyNote>No accepted residual risks.</EmptyNote>
      ) : (
        <PanelTable testId="accepted-risks" caption="Accepted residual risks, soonest review first" columns={[{ label: "Threat" }, { label: "Risk owner" }, { label: "Review date" }]}>
          {d.acceptances.items.map((a) => (
            <tr key={a.id}>
              <TitleCell href={`${base}/models/${a.modelId}`} title={a.threatTitle} detail={a.modelTitle} />
              <td className={TD}>{a.riskOwner}</td>
              <td className={cx(TD, "pr-5 whitespace-nowrap")}>
                {dateOf(a.reviewDate)}{" "}
                {a.expired && (
                  <Badge tone="red" className="font-semibold">
                    <span aria-hidden="true" className="mr-0.5">
                      !
                    </span>
                    Expired
                  </Badge>
                )}
              </td>
            </tr>
          ))}
        </PanelTable>
      )}
    </Panel>
  );
}
