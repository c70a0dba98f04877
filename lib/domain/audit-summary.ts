// An audit event's `summary` is free-form JSON written by whichever change it records. The audit
// page shows it as a short "key: value" list of plain strings, so nothing in it is ever
// interpreted as markup and one oversized value cannot swamp the table.

export type SummaryEntry = { key: string; value: string };

export const SUMMARY_MAX_ENTRIES = 10;
export const SUMMARY_MAX_VALUE = 160;

/** "sourceTitle" → "source title", "fixByDaysHigh" → "fix by days high", "threat_model" → "threat model". */
export function humanizeKey(key: string): string {
  return key
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .trim()
    .toLowerCase();
}

function truncate(text: string, max = SUMMARY_MAX_VALUE): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One value inline: objects as "key: value, …", arrays joined, nesting shown at most two deep. */
function inline(value: unknown, depth: number): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return value === "" ? "(empty)" : value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "none";
    if (depth >= 2) return `${value.length} ${value.length === 1 ? "item" : "items"}`;
    return value.map((v) => inline(v, depth + 1)).join(isRecord(value[0]) ? "; " : ", ");
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "—";
    if (depth >= 2) return `${entries.length} ${entries.length === 1 ? "field" : "fields"}`;
    return entries.map(([k, v]) => `${humanizeKey(k)}: ${inline(v, depth + 1)}`).join(", ");
  }
  return String(value);
}

/**
 * The summary as a list of entries in the order it was stored. A nested object at the top level
 * is spread into "parent child" entries, which reads better than one long inline value.
 */
export function summaryEntries(summary: unknown): SummaryEntry[] {
  if (summary === null || summary === undefined) return [];
  if (!isRecord(summary)) return [{ key: "value", value: truncate(inline(summary, 0)) }];
  const entries: SummaryEntry[] = [];
  for (const [key, value] of Object.entries(summary)) {
    if (value === undefined) continue;
    if (isRecord(value) && Object.keys(value).length > 0) {
      for (const [child, childValue] of Object.entries(value)) {
        if (childValue !== undefined) entries.push({ key: `${humanizeKey(key)} ${humanizeKey(child)}`, value: truncate(inline(childValue, 1)) });
      }
    } else {
      entries.push({ key: humanizeKey(key), value: truncate(inline(value, 0)) });
    }
  }
  if (entries.length <= SUMMARY_MAX_ENTRIES) return entries;
  const rest = entries.length - (SUMMARY_MAX_ENTRIES - 1);
  return [...entries.slice(0, SUMMARY_MAX_ENTRIES - 1), { key: "and", value: `${rest} more` }];
}
