import Link from "next/link";
import type { Dashboard } from "@/lib/data/dashboard/get-dashboard";
import { cx } from "@/lib/cx";
import { IMPLEMENTATION_STATUS_LABELS } from "@/lib/domain/threat-model";
import { AllLink, EmptyNote, NUMBER_LINK, Panel, PanelTable, TD, TitleCell, dateOf, type Drill } from "./panel";

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
        <EmptyNote>No mitigation is past its fix-by date.</EmptyNote>
      ) : (
        <PanelTable testId="overdue-mitigations" caption="Overdue mitigations, oldest fix-by date first" columns={[{ label: "Mitigation" }, { label: "Owner" }, { label: "Fix by" }]}>
          {d.overdueMitigations.items.map((m) => (
            <tr key={m.id}>
              <TitleCell href={`${base}/models/${m.modelId}`} title={m.title} detail={`${m.modelTitle} · ${IMPLEMENTATION_STATUS_LABELS[m.status]}`} />
              <td className={TD}>{m.ownerName ?? <span className="text-slate-500">No owner</span>}</td>
              <td className={cx(TD, "pr-5 whitespace-nowrap")}>{dateOf(m.dueDate)}</td>
            </tr>
          ))}
        </PanelTable>
      )}
    </Panel>
  );
}
