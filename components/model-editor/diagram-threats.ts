// The editor's threats as the diagram shows them: each with its priority and whether it is open,
// both from the model's one rule for each (nothing restated here).
import type { DiagramThreat } from "@/components/diagram/types";
import type { AcceptanceInput } from "@/lib/domain/acceptance";
import { isOpenThreat } from "@/lib/domain/open-threat";
import { effectivePriority } from "@/lib/domain/priority";
import type { LocalState } from "./state";

export function diagramThreatsOf(state: Pick<LocalState, "threats" | "mitigations" | "residualRisks">, today: string): DiagramThreat[] {
  const statusOf = new Map(state.mitigations.flatMap((m) => [[m.key, m.status] as const, ...(m.id ? [[m.id, m.status] as const] : [])]));
  return state.threats
    .filter((t) => t.title.trim())
    .map((t) => {
      const acceptances: AcceptanceInput[] = state.residualRisks
        .filter((r) => r.threatId !== null && r.threatId === t.id && r.status)
        .map((r) => ({ status: r.status as AcceptanceInput["status"], reviewDate: r.reviewDate }));
      const mitigationStatuses = t.mitigationKeys.map((k) => statusOf.get(k)).filter((s) => s !== undefined);
      return {
        key: t.key,
        category: t.category,
        title: t.title,
        priority: effectivePriority(t),
        open: isOpenThreat({ mitigationStatuses, acceptances }, today),
        elementIds: t.elementIds,
      };
    });
}
