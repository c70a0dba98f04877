import type { Dashboard } from "@/lib/data/dashboard/get-dashboard";
import { cx } from "@/lib/cx";
import { IMPLEMENTATION_STATUS_LABELS } from "@/lib/domain/threat-model";
import { CountLink, ListPanel, PanelTable, TD, TitleCell, dateOf, type Drill } from "./panel";

export function OverdueMitigations({ d, drill, base }: { d: Dashboard; drill: Drill; base: string }) {
  const { total, items } = d.overdueMitigations;
  const all = drill("mitigations", { overdue: true });
  return (
    <ListPanel
      id="overdue-mitigations"
      title="Overdue mitigations"
      description={
        <>
          <CountLink n={total} href={all} label={`${total} overdue mitigations`} /> past their fix-by date and not implemented. Oldest first.
        </>
      }
      total={total}
      shown={items.length}
      allHref={all}
      empty="No mitigation is past its fix-by date."
    >
      <PanelTable
        testId="overdue-mitigations"
        caption="Overdue mitigations, oldest fix-by date first"
        columns={[{ label: "Mitigation" }, { label: "Owner" }, { label: "Fix by" }]}
      >
        {items.map((m) => (
          <tr key={m.id}>
            <TitleCell href={`${base}/models/${m.modelId}`} title={m.title} detail={`${m.modelTitle} · ${IMPLEMENTATION_STATUS_LABELS[m.status]}`} />
            <td className={TD}>{m.ownerName ?? <span className="text-slate-500">No owner</span>}</td>
            <td className={cx(TD, "pr-5 whitespace-nowrap")}>{dateOf(m.dueDate)}</td>
          </tr>
        ))}
      </PanelTable>
    </ListPanel>
  );
}
