// Threat Dragon cells as diagram items and back: the vocabulary both directions share. Threat
// Dragon names each cell by a UUID, which ThreatDesk keeps as the element's id, so threats and
// dismissals keep pointing at the same thing after a round trip.
import { PROCESS_PRIVILEGES, type ElementKind as DiagramElementKind, type ProcessPrivilege } from "../diagram/diagram";

/** What an element, flow or boundary id may look like in ThreatDesk. */
export const ITEM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Threat Dragon's published schema wants cell ids of two characters at least. */
const MIN_CELL_ID = 2;

// FNV-1a: a short, stable fingerprint of an id that cannot be kept as it is.
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * The item id for a cell id: the cell's own when it is a valid id nobody uses yet, otherwise its
 * safe characters and a fingerprint of the original, numbered when that is taken as well. The
 * same file always gives the same ids. `used` holds the ids of the whole model and receives this one.
 */
export function itemIdFor(cellId: string, used: Set<string>): string {
  let id = cellId;
  if (!ITEM_ID.test(id) || used.has(id)) {
    const safe = cellId.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 40) || "cell";
    id = `${safe}-${fingerprint(cellId)}`;
    for (let n = 2; used.has(id); n++) id = `${safe}-${fingerprint(cellId)}-${n}`;
  }
  used.add(id);
  return id;
}

/** The cell id an item is written under: its own id, lengthened when it is too short for Threat Dragon. */
export function cellIdFor(itemId: string): string {
  return itemId.length >= MIN_CELL_ID ? itemId : itemId.padEnd(MIN_CELL_ID, "_");
}

const PRIVILEGE_WORDS: [RegExp, ProcessPrivilege][] = [
  [/root|kernel|system|os\b|operating/i, "system"],
  [/admin|elevated|privileged|superuser/i, "admin"],
  [/service|daemon|application|app\b/i, "service"],
  [/user|unprivileged|limited|low/i, "user"],
];

/**
 * Threat Dragon's free-text privilege level as a process privilege: one of ThreatDesk's words as
 * it is, the nearest one for other words, and null when it says nothing recognisable.
 */
export function privilegeOf(level: string): ProcessPrivilege | null {
  const text = level.trim().toLowerCase();
  if (!text) return null;
  const exact = PROCESS_PRIVILEGES.find((p) => p === text);
  if (exact) return exact;
  return PRIVILEGE_WORDS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

/** The text of a flow's first label: Threat Dragon writes labels as strings or as X6 label objects. */
export function labelOf(labels: readonly unknown[] | null | undefined): string {
  for (const label of labels ?? []) {
    if (typeof label === "string" && label.trim()) return label.trim();
    const attrs = (label as { attrs?: Record<string, { text?: unknown } | undefined> } | null)?.attrs;
    for (const key of ["label", "text"]) {
      const text = attrs?.[key]?.text;
      if (typeof text === "string" && text.trim()) return text.trim();
    }
  }
  return "";
}

/** The cell shape and data type Threat Dragon v2 draws each kind of element with, and its default size. */
export const CELL_OF_KIND: Record<DiagramElementKind, { shape: string; type: string; width: number; height: number }> = {
  entity: { shape: "actor", type: "tm.Actor", width: 160, height: 80 },
  process: { shape: "process", type: "tm.Process", width: 100, height: 100 },
  store: { shape: "store", type: "tm.Store", width: 160, height: 80 },
};

/** Threat Dragon draws a boundary curve from a source point to a target point; both are whole numbers in its schema. */
export const wholePoint = (p: { x: number; y: number }) => ({ x: Math.round(p.x), y: Math.round(p.y) });

/** What a Threat Dragon element's description says when it is out of scope without saying why. */
export const OUT_OF_SCOPE_WITHOUT_REASON = "Marked out of scope in Threat Dragon, without a reason.";
