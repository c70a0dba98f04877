import "server-only";
import type { Tx } from "@/lib/db/client";
import { toDay } from "@/lib/domain/calendar";
import { sameValue } from "@/lib/domain/section-merge";
import { InvalidInputError } from "@/lib/errors";

export type Counts = { created: number; updated: number; removed: number };
type RowIn = { key: string; id?: string };
export type Scope = { organizationId: string; threatModelId: string };

/** The Prisma table that holds a section's rows, as far as the section writer uses it. */
type RowTable<Written, OnUpdate> = {
  deleteMany(args: { where: Scope & { id: { in: string[] } } }): PromiseLike<unknown>;
  update(args: { where: { id: string }; data: Written & Partial<OnUpdate> }): PromiseLike<unknown>;
  create(args: { data: Scope & Written; select: { id: true } }): PromiseLike<{ id: string }>;
};

/** How one section's rows are stored: what each row writes, and what else goes with an update, a creation or its links. */
export type RowSpec<R, E, F, U> = {
  /** Named through the transaction, so that the columns' types come from `fields`. */
  table: (tx: Tx) => RowTable<NoInfer<F>, NoInfer<U>>;
  /** The model's stored rows of the section. */
  existing: E[];
  /** The columns a row writes; a stored row whose columns all equal them is left alone. */
  fields: (row: R, position: number, stored: E | null) => F;
  /** Written with an update as well, and not compared. */
  onUpdate?: U;
  /** The row's links to mitigations: the ones stored, and how to replace them. */
  links?: { of: (stored: E) => string[]; replace: (rowId: string, mitigationIds: string[]) => Promise<unknown> };
};

/** Brings a section's rows to what was sent (see reconcile), as its spec says they are stored. */
export function replaceRows<
  R extends RowIn & { mitigationIds?: string[] },
  E extends { id: string },
  F extends Partial<E>,
  U extends object = Record<never, never>,
>(tx: Tx, scope: Scope, rows: R[], idsByKey: Record<string, string>, spec: RowSpec<R, E, F, U>) {
  const { links } = spec;
  const table = spec.table(tx);
  const linksDiffer = (stored: E, row: R) => links !== undefined && !sameSet(links.of(stored), row.mitigationIds ?? []);
  return reconcile(
    spec.existing,
    rows,
    {
      differs: (stored, row, position) => differsIn(stored, spec.fields(row, position, stored)) || linksDiffer(stored, row),
      remove: (ids) => table.deleteMany({ where: { ...scope, id: { in: ids } } }),
      update: async (stored, row, position) => {
        await table.update({ where: { id: stored.id }, data: { ...spec.fields(row, position, stored), ...spec.onUpdate } });
        if (linksDiffer(stored, row)) await links!.replace(stored.id, row.mitigationIds ?? []);
      },
      create: async (row, position) => {
        const created = await table.create({ data: { ...scope, ...spec.fields(row, position, null) }, select: { id: true } });
        if (links) await links.replace(created.id, row.mitigationIds ?? []);
        return created;
      },
    },
    idsByKey,
  );
}

/**
 * The ids the rows name, each once and each a stored row of the section: an id of another
 * model's (or organization's) row, or a made-up one, is refused before anything is written.
 */
export function assertOwnRows(existing: { id: string }[], rows: RowIn[]): Set<string> {
  const own = new Set(existing.map((e) => e.id));
  const named = new Set<string>();
  for (const row of rows) {
    if (row.id === undefined) continue;
    if (!own.has(row.id)) throw new InvalidInputError("A row refers to an item that is not part of this threat model. Reload the page and try again.");
    if (named.has(row.id)) throw new InvalidInputError("The same item appears twice. Reload the page and try again.");
    named.add(row.id);
  }
  return named;
}

/**
 * Brings a section's rows to what the editor sent: rows it no longer has are removed, rows with
 * an id are updated when they differ, rows without one are created. Ids the model does not own
 * are refused, so no write can reach another model's (or organization's) rows.
 */
export async function reconcile<R extends RowIn, E extends { id: string }>(
  existing: E[],
  rows: R[],
  ops: {
    differs: (before: E, row: R, position: number) => boolean;
    remove: (ids: string[]) => PromiseLike<unknown>;
    update: (before: E, row: R, position: number) => PromiseLike<unknown>;
    create: (row: R, position: number) => PromiseLike<{ id: string }>;
  },
  idsByKey: Record<string, string>,
): Promise<Counts & { idByRow: string[] }> {
  const byId = new Map(existing.map((e) => [e.id, e]));
  const keep = assertOwnRows(existing, rows);
  const removed = existing.filter((e) => !keep.has(e.id)).map((e) => e.id);
  if (removed.length) await ops.remove(removed);
  let created = 0;
  let updated = 0;
  const idByRow: string[] = [];
  for (const [position, row] of rows.entries()) {
    if (row.id !== undefined) {
      const before = byId.get(row.id)!;
      if (ops.differs(before, row, position)) {
        await ops.update(before, row, position);
        updated += 1;
      }
      idByRow.push(row.id);
    } else {
      const { id } = await ops.create(row, position);
      idsByKey[row.key] = id;
      idByRow.push(id);
      created += 1;
    }
  }
  return { created, updated, removed: removed.length, idByRow };
}

/** Whether any field of `after` differs from `before` (dates by calendar day, lists and JSON documents by content). */
export function differsIn<T extends object>(before: T, after: Partial<T>): boolean {
  return (Object.keys(after) as (keyof T)[]).some((k) => {
    const a = before[k];
    const b = after[k];
    if (a instanceof Date || b instanceof Date) return toDay((a as Date | null) ?? null) !== toDay((b as Date | null) ?? null);
    if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) !== JSON.stringify(b);
    // A JSON column comes back with its keys in PostgreSQL's order, not the order they were sent in.
    if (typeof a === "object" || typeof b === "object") return !sameValue(a, b);
    return (a ?? null) !== (b ?? null);
  });
}

export function sameSet(a: string[], b: string[]) {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

export async function assertMembers(tx: Tx, organizationId: string, userIds: (string | null | undefined)[]) {
  const wanted = [...new Set(userIds.filter((u): u is string => Boolean(u)))];
  if (!wanted.length) return;
  const found = await tx.membership.count({ where: { organizationId, userId: { in: wanted } } });
  if (found !== wanted.length) throw new InvalidInputError("An owner must be a member of this organization.");
}

export async function mitigationIdsOf(tx: Tx, threatModelId: string) {
  return new Set((await tx.mitigation.findMany({ where: { threatModelId }, select: { id: true } })).map((m) => m.id));
}

export function assertLinks(links: string[], allowed: Set<string>) {
  for (const id of links) {
    if (!allowed.has(id)) throw new InvalidInputError("A link points to a mitigation that is not part of this threat model.");
  }
}
