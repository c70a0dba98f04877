import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { BUILT_IN_LIBRARY, compareLibraryEntries, isBuiltInLibraryId, joinMitigationTitles, type LibraryEntry } from "@/lib/domain/threat-library";
import type { StrideCategory } from "@/lib/domain/threat-model";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import {
  ZLibraryEntryInput,
  type TLibraryEntryInput,
  type TRetireLibraryEntry,
  type TSaveThreatToLibrary,
  type TUpdateLibraryEntry,
} from "@/lib/validation/threat-library";
import { actedBy, recordAuditEvent } from "./audit";

/** A library entry as the page shows it; built-in entries are never retired. */
export type LibraryListEntry = LibraryEntry & { retiredAt: Date | null };

const ENTRY_SELECT = {
  id: true,
  category: true,
  title: true,
  description: true,
  likelihood: true,
  impact: true,
  mitigation: true,
  retiredAt: true,
} as const;

const toListEntry = (row: Omit<LibraryListEntry, "builtIn">): LibraryListEntry => ({ ...row, builtIn: false });

const TARGET_TYPE = "threat-library-entry";
const EDITABLE_FIELDS = ["category", "title", "description", "likelihood", "impact", "mitigation"] as const;

/** Built-in entries ship with the code: no organization can change them for everyone else. */
function refuseBuiltIn(entryId: string) {
  if (isBuiltInLibraryId(entryId)) {
    throw new InvalidInputError("Built-in library entries cannot be edited or retired. Add your own entry instead, or save a threat from one of your models.");
  }
}

/**
 * The library as one organization reads it: the built-in entries and its own (retired ones only
 * when asked), in STRIDE order then by title. Every role may read it.
 */
export async function listLibrary(ctx: OrgContext, options: { category?: StrideCategory; includeRetired?: boolean } = {}): Promise<LibraryListEntry[]> {
  requirePermission(ctx, "model.read");
  const rows = await db().threatLibraryEntry.findMany({
    where: {
      organizationId: ctx.organizationId,
      ...(options.category ? { category: options.category } : {}),
      ...(options.includeRetired ? {} : { retiredAt: null }),
    },
    select: ENTRY_SELECT,
  });
  // Copies, so a caller that mutates its list cannot change the shared built-in objects.
  const builtIns = BUILT_IN_LIBRARY.filter((e) => !options.category || e.category === options.category).map((e) => ({ ...e, retiredAt: null }));
  return [...builtIns, ...rows.map(toListEntry)].sort(compareLibraryEntries);
}

export async function createLibraryEntry(ctx: OrgContext, input: TLibraryEntryInput): Promise<LibraryListEntry> {
  requirePermission(ctx, "library.manage");
  return db().$transaction(async (tx) => {
    const row = await tx.threatLibraryEntry.create({
      data: { organizationId: ctx.organizationId, createdById: ctx.userId, ...pickEditable(input) },
      select: ENTRY_SELECT,
    });
    await recordAuditEvent(tx, actedBy(ctx), "library-entry.created", { type: TARGET_TYPE, id: row.id }, { title: row.title, category: row.category });
    return toListEntry(row);
  });
}

export async function updateLibraryEntry(ctx: OrgContext, input: TUpdateLibraryEntry): Promise<LibraryListEntry> {
  requirePermission(ctx, "library.manage");
  refuseBuiltIn(input.entryId);
  return db().$transaction(async (tx) => {
    // FOR UPDATE: two editors saving at once apply one after the other, each audited against
    // the state it actually changed.
    await tx.$executeRaw`SELECT 1 FROM "ThreatLibraryEntry" WHERE "id" = ${input.entryId} AND "organizationId" = ${ctx.organizationId} FOR UPDATE`;
    const current = await tx.threatLibraryEntry.findFirst({ where: { id: input.entryId, organizationId: ctx.organizationId }, select: ENTRY_SELECT });
    if (!current) throw new NotFoundError("That library entry");
    const next = pickEditable(input);
    const changed = EDITABLE_FIELDS.filter((f) => current[f] !== next[f]);
    // Saving an unchanged form is not an event worth a row in the audit trail.
    if (changed.length === 0) return toListEntry(current);
    const row = await tx.threatLibraryEntry.update({ where: { id: current.id }, data: next, select: ENTRY_SELECT });
    await recordAuditEvent(tx, actedBy(ctx), "library-entry.updated", { type: TARGET_TYPE, id: row.id }, { title: row.title, changed });
    return toListEntry(row);
  });
}

/** Retiring is soft (the row stays, hidden from the library); retired: false is the undo. */
export async function setLibraryEntryRetired(ctx: OrgContext, input: TRetireLibraryEntry): Promise<LibraryListEntry> {
  requirePermission(ctx, "library.manage");
  refuseBuiltIn(input.entryId);
  return db().$transaction(async (tx) => {
    const where = { id: input.entryId, organizationId: ctx.organizationId };
    // Conditional update: of two clicks racing, one changes the row and is audited; the other
    // finds it already in the asked-for state and succeeds without an event.
    const { count } = await tx.threatLibraryEntry.updateMany({
      where: { ...where, retiredAt: input.retired ? null : { not: null } },
      data: { retiredAt: input.retired ? new Date() : null },
    });
    const row = await tx.threatLibraryEntry.findFirst({ where, select: ENTRY_SELECT });
    if (!row) throw new NotFoundError("That library entry");
    if (count > 0) {
      await recordAuditEvent(tx, actedBy(ctx), input.retired ? "library-entry.retired" : "library-entry.restored", { type: TARGET_TYPE, id: row.id }, { title: row.title });
    }
    return toListEntry(row);
  });
}

/**
 * Copies one of the organization's threats into its library: title, description, category,
 * likelihood, impact, and the titles of its linked mitigations as the mitigation text.
 */
export async function saveThreatToLibrary(ctx: OrgContext, input: TSaveThreatToLibrary): Promise<LibraryListEntry> {
  requirePermission(ctx, "library.manage");
  return db().$transaction(async (tx) => {
    const threat = await tx.threat.findFirst({
      where: { id: input.threatId, organizationId: ctx.organizationId },
      select: {
        id: true,
        threatModelId: true,
        category: true,
        title: true,
        description: true,
        likelihood: true,
        impact: true,
        mitigations: { select: { mitigation: { select: { title: true, position: true } } } },
      },
    });
    if (!threat) throw new NotFoundError("That threat");
    // In the order the model lists its mitigations, so the text reads like the document.
    const mitigationTitles = threat.mitigations
      .map((link) => link.mitigation)
      .sort((a, b) => a.position - b.position || a.title.localeCompare(b.title))
      .map((m) => m.title);
    // Through the entry schema, so a saved threat obeys the same limits as a typed-in entry
    // (many long mitigation titles could exceed them) and an edit of it later cannot fail on
    // data the user never typed.
    const parsed = ZLibraryEntryInput.safeParse({
      category: threat.category,
      title: threat.title,
      description: threat.description,
      likelihood: threat.likelihood,
      impact: threat.impact,
      mitigation: joinMitigationTitles(mitigationTitles),
    });
    if (!parsed.success) {
      throw new InvalidInputError("This threat does not fit in the library: shorten its title, description or mitigation titles, then save it again.");
    }
    const row = await tx.threatLibraryEntry.create({
      data: { organizationId: ctx.organizationId, createdById: ctx.userId, ...pickEditable(parsed.data) },
      select: ENTRY_SELECT,
    });
    await recordAuditEvent(tx, actedBy(ctx), "library-entry.created", { type: TARGET_TYPE, id: row.id }, { title: row.title, category: row.category, fromThreatId: threat.id, fromThreatModelId: threat.threatModelId });
    return toListEntry(row);
  });
}

/** Only the editable columns: never organizationId, createdById or retiredAt from the input. */
function pickEditable(input: TLibraryEntryInput) {
  return {
    category: input.category,
    title: input.title,
    description: input.description,
    likelihood: input.likelihood,
    impact: input.impact,
    mitigation: input.mitigation,
  };
}
