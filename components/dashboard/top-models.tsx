import type { Dashboard } from "@/lib/data/dashboard/get-dashboard";
import { cx } from "@/lib/cx";
import { AllLink, CountLink, EmptyNote, Panel, PanelTable, TD, TitleCell, type Drill } from "./panel";

export function TopModels({ d, drill, base }: { d: Dashboard; drill: Drill; base: string }) {
  return (
    <Panel
      id="top-models"
      title="Most open Critical and High risk"
      description="The ten models with the most open Critical, then High, threats."
      actions={<AllLink href={drill("models")}>All models →</AllLink>}
    >
      {d.topModels.length === 0 ? (
        <EmptyNote>No open Critical or High threats.</EmptyNote>
      ) : (
        <PanelTable
          testId="top-models"
          caption="Models with the most open Critical and High threats"
          columns={[{ label: "Model" }, { label: "Critical", numeric: true }, { label: "High", numeric: true }]}
        >
          {d.topModels.map((m) => (
            <tr key={m.id}>
              <TitleCell href={`${base}/models/${m.id}`} title={m.title} detail={m.ownerName} />
              <td className={cx(TD, "text-right")}>
                <CountLink
                  n={m.critical}
                  href={drill("threats", { model: m.id, priority: "CRITICAL" })}
                  label={`${m.critical} open Critical threats in ${m.title}`}
                />
              </td>
              <td className={cx(TD, "pr-5 text-right")}>
                <CountLink n={m.high} href={drill("threats", { model: m.id, priority: "HIGH" })} label={`${m.high} open High threats in ${m.title}`} />
              </td>
            </tr>
          ))}
        </PanelTable>
      )}
    </Panel>
  );
}
