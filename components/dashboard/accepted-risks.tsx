import type { Dashboard } from "@/lib/data/dashboard/get-dashboard";
import { cx } from "@/lib/cx";
import { CountLink, ListPanel, PanelTable, TD, TitleCell, dateOf, type Drill } from "./panel";
import { OverdueBadge } from "@/components/threat-models/badges";

export function AcceptedRisks({ d, drill, base }: { d: Dashboard; drill: Drill; base: string }) {
  return (
    <ListPanel
      id="accepted-risks"
      title="Accepted residual risks"
      description={
        <>
          <CountLink n={d.acceptances.total} href={drill("acceptances")} label={`${d.acceptances.total} accepted residual risks`} /> accepted,{" "}
          <CountLink n={d.acceptances.expired} href={drill("acceptances", { expired: true })} label={`${d.acceptances.expired} expired acceptances`} /> past
          their review date (open again). Soonest review first.
        </>
      }
      total={d.acceptances.total}
      shown={d.acceptances.items.length}
      allHref={drill("acceptances")}
      empty="No accepted residual risks."
    >
      <PanelTable
        testId="accepted-risks"
        caption="Accepted residual risks, soonest review first"
        columns={[{ label: "Threat" }, { label: "Risk owner" }, { label: "Review date" }]}
      >
        {d.acceptances.items.map((a) => (
          <tr key={a.id}>
            <TitleCell href={`${base}/models/${a.modelId}`} title={a.threatTitle} detail={a.modelTitle} />
            <td className={TD}>{a.riskOwner}</td>
            <td className={cx(TD, "pr-5 whitespace-nowrap")}>
              {dateOf(a.reviewDate)} {a.expired && <OverdueBadge label="Expired" />}
            </td>
          </tr>
        ))}
      </PanelTable>
    </ListPanel>
  );
}
