// The three-way merge of one section of a threat model. Two people edit the same model: each
// save carries what the section held when its author started editing (the base), what it holds
// now (mine), and is merged with what is stored (theirs). A field only one side changed takes
// that side's value; a field both changed to different values is a conflict, which the author
// settles field by field. Tables merge by row (rows are identified by their database id), and
// rows present on both sides by field. Nothing that only one side changed is ever dropped.

export type SectionRow = { key?: string; id?: string; [field: string]: unknown };
export type SectionRecord = { [field: string]: unknown };
export type SectionData = SectionRecord | SectionRow[];

export type MergeConflict = {
  /** The row's database id, for a row of a table; absent for the section's own fields. */
  rowId?: string;
  /** The field both changed; null when one side removed the row and the other changed it. */
  field: string | null;
  base: unknown;
  /** The stored value (null: they removed the row). */
  theirs: unknown;
  /** The author's value (null: the author removed the row). */
  mine: unknown;
};

export type MergeResult<T> = {
  /** Every change of either side, and at each conflict the stored value (nothing is lost until a choice is made). */
  merged: T;
  conflicts: MergeConflict[];
};

export type ConflictChoice = "theirs" | "mine" | "both";

/** Fields that identify a row rather than say something about it. */
const IDENTITY = new Set(["key", "id"]);

/** Equal as stored: null, undefined and absent are the same; arrays and objects compare by content. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a ?? null) === null || (b ?? null) === null) return (a ?? null) === (b ?? null);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    return [...keys].every((k) => sameValue((a as SectionRecord)[k], (b as SectionRecord)[k]));
  }
  return false;
}

function sameRow(a: SectionRecord, b: SectionRecord): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !IDENTITY.has(k)));
  return [...keys].every((k) => sameValue(a[k], b[k]));
}

/**
 * Merges a record field by field. A field missing from the base counts as unknown: it is only
 * taken from mine when theirs agrees, so a save that does not say what it started from can
 * never overwrite someone else's change.
 */
export function mergeFields<T extends SectionRecord>(base: SectionRecord | undefined, theirs: T, mine: T, rowId?: string): MergeResult<T> {
  const merged: SectionRecord = { ...theirs };
  const conflicts: MergeConflict[] = [];
  for (const field of Object.keys(mine)) {
    if (IDENTITY.has(field)) {
      merged[field] = mine[field] ?? theirs[field];
      continue;
    }
    const b = base && field in base ? base[field] : undefined;
    const known = base !== undefined && field in base;
    const t = theirs[field];
    const m = mine[field];
    if (known && sameValue(m, b)) continue; // Not changed by the author: theirs stands.
    if (sameValue(m, t)) continue; // Both made the same change, or only the author changed it.
    if (known && sameValue(t, b)) {
      merged[field] = m; // Only the author changed it.
      continue;
    }
    conflicts.push({ ...(rowId ? { rowId } : {}), field, base: b, theirs: t, mine: m });
  }
  return { merged: merged as T, conflicts };
}

const rowIdentity = (r: SectionRow) => r.id ?? `key:${r.key ?? ""}`;

/**
 * Merges the rows of a table. Rows only one side added are kept; a row one side removed is
 * removed unless the other changed it (then it is a conflict); rows both kept merge by field.
 * The order is the author's when they reordered rows, theirs otherwise; rows only the other
 * side has are placed after the row they follow there.
 */
export function mergeRows<R extends SectionRow>(base: R[], theirs: R[], mine: R[]): MergeResult<R[]> {
  const byId = (rows: R[]) => new Map(rows.filter((r) => r.id).map((r) => [r.id!, r]));
  const baseById = byId(base);
  const theirsById = byId(theirs);
  const mineById = byId(mine);
  const kept = new Map<string, R>();
  const conflicts: MergeConflict[] = [];

  for (const row of mine) {
    if (!row.id) {
      kept.set(rowIdentity(row), row); // Added by the author.
      continue;
    }
    const b = baseById.get(row.id);
    const t = theirsById.get(row.id);
    if (t) {
      const result = mergeFields(b, t, row, row.id);
      kept.set(row.id, result.merged);
      conflicts.push(...result.conflicts);
    } else if (b && sameRow(b, row)) {
      // They removed it and the author did not change it.
    } else {
      conflicts.push({ rowId: row.id, field: null, base: b ?? null, theirs: null, mine: row });
    }
  }
  for (const t of theirs) {
    if (!t.id) {
      if (!kept.has(rowIdentity(t))) kept.set(rowIdentity(t), t); // Theirs not yet saved (a choice to keep a row).
      continue;
    }
    if (mineById.has(t.id)) continue;
    const b = baseById.get(t.id);
    if (!b)
      kept.set(t.id, t); // Added by them.
    else if (!sameRow(b, t)) {
      // The author removed a row they changed: kept until the author decides.
      kept.set(t.id, t);
      conflicts.push({ rowId: t.id, field: null, base: b, theirs: t, mine: null });
    }
  }

  const shared = (rows: R[]) => rows.filter((r) => r.id && baseById.has(r.id) && theirsById.has(r.id) && mineById.has(r.id)).map((r) => r.id!);
  const reordered = !sameValue(shared(mine), shared(base));
  const [primary, secondary] = reordered ? [mine, theirs] : [theirs, mine];
  return { merged: interleave(primary, secondary, kept), conflicts };
}

/** The kept rows in the primary side's order, with the secondary side's own rows after the row they follow there. */
function interleave<R extends SectionRow>(primary: R[], secondary: R[], kept: Map<string, R>): R[] {
  const order = primary.map(rowIdentity).filter((id) => kept.has(id));
  const placed = new Set(order);
  let after: string | null = null;
  for (const row of secondary) {
    const id = rowIdentity(row);
    if (!kept.has(id)) continue;
    if (!placed.has(id)) {
      order.splice(after === null ? 0 : order.indexOf(after) + 1, 0, id);
      placed.add(id);
    }
    after = id;
  }
  return order.map((id) => kept.get(id)!);
}

/** Merges one section, whether it is a record of fields or a table of rows. */
export function mergeSection<T extends SectionData>(base: SectionData | undefined, theirs: T, mine: T): MergeResult<T> {
  if (Array.isArray(mine) && Array.isArray(theirs)) {
    return mergeRows(Array.isArray(base) ? base : [], theirs, mine) as MergeResult<T>;
  }
  const record = base && !Array.isArray(base) ? base : undefined;
  return mergeFields(record, theirs as SectionRecord, mine as SectionRecord) as MergeResult<T>;
}

/** Both texts, theirs first: "keep both" for a text both people changed. */
export function keepBoth(theirs: unknown, mine: unknown, separator = "\n\n"): string {
  const t = typeof theirs === "string" ? theirs : "";
  const m = typeof mine === "string" ? mine : "";
  if (!t) return m;
  if (!m) return t;
  return `${t}${separator}${m}`;
}

/**
 * Applies the author's choice for each conflict to a merge's result. Choices are by conflict
 * index; "both" joins the texts with the separator the field asks for. A row kept by choice
 * that they removed comes back as a new row (its old id no longer exists).
 */
export function resolveConflicts<T extends SectionData>(
  result: MergeResult<T>,
  choices: ConflictChoice[],
  separatorOf: (field: string) => string = () => "\n\n",
): T {
  let data: SectionData = Array.isArray(result.merged) ? [...result.merged] : { ...result.merged };
  result.conflicts.forEach((c, i) => {
    const choice = choices[i] ?? "theirs";
    if (c.field === null) {
      if (!Array.isArray(data)) return;
      if (choice === "theirs") return; // The merge already holds theirs: the row removed, or kept as they changed it.
      if (c.mine === null) data = data.filter((r) => r.id !== c.rowId);
      else {
        const { id: _gone, ...row } = c.mine as SectionRow;
        data.push(row);
      }
      return;
    }
    const value = choice === "theirs" ? c.theirs : choice === "mine" ? c.mine : keepBoth(c.theirs, c.mine, separatorOf(c.field));
    if (Array.isArray(data)) data = data.map((r) => (r.id === c.rowId ? { ...r, [c.field!]: value } : r));
    else data[c.field] = value;
  });
  return data as T;
}

/**
 * What the author's version is based on after taking in theirs without asking yet: theirs,
 * except where the author's unsaved change collides, which keeps its old base so that the
 * author's next save of it is asked about rather than taken as a change of theirs.
 */
export function baseAfterMerge<T extends SectionData>(theirs: T, conflicts: MergeConflict[]): T {
  let data: SectionData = Array.isArray(theirs) ? [...theirs] : { ...theirs };
  for (const c of conflicts) {
    if (!Array.isArray(data)) {
      if (c.field !== null) data[c.field] = c.base;
      continue;
    }
    const rest: SectionRow[] = data.filter((r) => r.id !== c.rowId);
    const present = rest.length !== data.length;
    if (c.field === null) data = c.base ? [...rest, c.base as SectionRow] : rest;
    else if (present) data = data.map((r) => (r.id === c.rowId ? { ...r, [c.field!]: c.base } : r));
  }
  return data as T;
}
