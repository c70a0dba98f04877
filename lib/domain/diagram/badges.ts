// What a drawn item says about its threats: how many are on it and the highest priority among
// them, as words (meaning is never carried by colour alone).
import { LEVEL_LABELS, PRIORITIES, type Priority } from "../threat-model";

export type ThreatOnItems = { priority: Priority; elementIds?: readonly string[] };

/** Per item id, "2 threats · High"; items with no threat on them get no badge. */
export function threatBadges(itemIds: readonly string[], threats: readonly ThreatOnItems[]): Record<string, string> {
  const badges: Record<string, string> = {};
  for (const id of itemIds) {
    const on = threats.filter((t) => t.elementIds?.includes(id));
    if (!on.length) continue;
    const top = PRIORITIES.find((p) => on.some((t) => t.priority === p))!;
    badges[id] = `${on.length} ${on.length === 1 ? "threat" : "threats"} · ${LEVEL_LABELS[top]}`;
  }
  return badges;
}
