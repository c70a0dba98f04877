import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import type { Tx } from "@/lib/db/client";
import { isBuiltInLibraryId, type LibraryEntry } from "@/lib/domain/threat-library";
import { InvalidInputError } from "@/lib/errors";
import type { TLibraryEntryInput } from "@/lib/validation/threat-library";
import { actedBy, recordAuditEvent } from "../audit";

// What the library's use cases share: how an entry is read, which columns a member may set, and
// the one way an organization's entry is created.

/** A library entry as the page shows it; built-in entries are never retired. */
export type LibraryListEntry = LibraryEntry & { retiredAt: Date | null };

export const ENTRY_SELECT = {
  id: true,
  category: true,
  title: true,
  description: true,
  likelihood: true,
  impact: true,
  mitigation: true,
  retiredAt: true,
} as const;

export const toListEntry = (row: Omit<LibraryListEntry, "builtIn">): LibraryListEntry => ({ ...row, builtIn: false });

export const TARGET_TYPE = "threat-library-entry";
export const EDITABLE_FIELDS = ["category", "title", "description", "likelihood", "impact", "mitigation"] as const;

/** Built-in entries ship with the code: no organization can change them for everyone else. */
export function refuseBuiltIn(entryId: string) {
  if (isBuiltInLibraryId(entryId)) {
    throw new InvalidInputError("Built-in library entries cannot be edited or retired. Add your own entry instead, or save a threat from one of your models.");
  }
}

/** Only the editable columns: never organizationId, createdById or retiredAt from the input. */
export function pickEditable(input: TLibraryEntryInput) {
  return {
    category: input.category,
    title: input.title,
    description: input.description,
    likelihood: input.likelihood,
    impact: input.impact,
    mitigation: input.mitigation,
  };
}

/** Creates one of the organization's entries from checked input, with its audit event. */
export async function insertLibraryEntry(tx: Tx, ctx: OrgContext, input: TLibraryEntryInput, summary: Record<string, unknown> = {}): Promise<LibraryListEntry> {
  const row = await tx.threatLibraryEntry.create({
    data: { organizationId: ctx.organizationId, createdById: ctx.userId, ...pickEditable(input) },
    select: ENTRY_SELECT,
  });
  await recordAuditEvent(
    tx,
    actedBy(ctx),
    "library-entry.created",
    { type: TARGET_TYPE, id: row.id },
    { title: row.title, category: row.category, ...summary },
  );
  return toListEntry(row);
}
