import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { TUpdateLibraryEntry } from "@/lib/validation/threat-library";
import { actedBy, recordAuditEvent } from "../audit";
import { EDITABLE_FIELDS, ENTRY_SELECT, TARGET_TYPE, pickEditable, refuseBuiltIn, toListEntry, type LibraryListEntry } from "./library-entry";

/** Changes one of the organization's own entries; built-in ones are refused. */
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
