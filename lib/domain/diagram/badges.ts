// What a drawn item says about its threats: how many are on it and the highest priority among
// them, as words (meaning is never carried by colour alone).
import { LEVEL_LABELS, PRIORITIES, type Priority } from "../threat-model";

export type ThreatOnItems = { priority: Priority; elementIds?: readonly string[] };

/**
 * Per item id, "2 threats · High"; items with no threat on them get no badge. The caller passes
 * the threats to count (the editor its open ones). One pass over the threats: a drawing of
 * hundreds of items is badged on every change.
 */
export function threatBadges(itemIds: readonly string[], threats: readonly ThreatOnItems[]): Record<string, string> {
  const wanted = new Set(itemIds);
  const on = new Map<string, { count: number; top: number }>();
  for (const t of threats) {
    const rank = PRIORITIES.indexOf(t.priority);
    for (const id of new Set(t.elementIds ?? [])) {
      if (!wanted.has(id)) continue;
      const seen = on.get(id);
      on.set(id, seen ? { count: seen.count + 1, top: Math.min(seen.top, rank) } : { count: 1, top: rank });
    }
  }
  const badges: Record<string, string> = {};
  for (const id of itemIds) {
    const seen = on.get(id);
    if (seen) badges[id] = `${seen.count} ${seen.count === 1 ? "threat" : "threats"} · ${LEVEL_LABELS[PRIORITIES[seen.top] as Priority]}`;
  }
  return badges;
}
