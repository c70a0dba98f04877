"use client";
import { LevelBadge } from "@/components/threat-models/badges";
import { effectivePriority } from "@/lib/domain/priority";
import { fixByWording, type FixBySettings } from "@/lib/domain/sla";
import { PRIORITIES } from "@/lib/domain/threat-model";
import { SectionShell } from "./section-shell";
import type { ThreatRow } from "./state";

/** Counted from the threats, never typed: the template's risk summary with the organization's fix-by rules. */
export function RiskSummary({ threats, settings }: { threats: ThreatRow[]; settings: FixBySettings }) {
  return (
    <SectionShell section="risk-summary">
      <table className="w-full max-w-2xl text-left text-sm">
        <caption className="sr-only">Threats per priority and when they must be fixed</caption>
        <thead className="text-xs text-slate-600">
          <tr>
            <th scope="col" className="border-b border-slate-200 py-2 font-medium">
              Priority
            </th>
            <th scope="col" className="border-b border-slate-200 py-2 font-medium">
              Count
            </th>
            <th scope="col" className="border-b border-slate-200 py-2 font-medium">
              Must fix
            </th>
          </tr>
        </thead>
        <tbody>
          {PRIORITIES.map((p) => (
            <tr key={p} className="border-b border-slate-100">
              <td className="py-2">
                <LevelBadge level={p} />
              </td>
              <td className="py-2 tabular-nums" data-testid={`risk-count-${p}`}>
                {threats.filter((t) => t.title.trim() && effectivePriority(t) === p).length}
              </td>
              <td className="py-2 text-slate-700">{fixByWording(p, settings)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </SectionShell>
  );
}
