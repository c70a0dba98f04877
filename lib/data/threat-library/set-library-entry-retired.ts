import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import type { TRetireLibraryEntry } from "@/lib/validation/threat-library";
import { actedBy, recordAuditEvent } from "../audit";
import { ENTRY_SELECT, TARGET_TYPE, refuseBuiltIn, toListEntry, type LibraryListEntry } from "./library-entry";

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
      await recordAuditEvent(
        tx,
        actedBy(ctx),
        input.retired ? "library-entry.retired" : "library-entry.restored",
        { type: TARGET_TYPE, id: row.id },
        { title: row.title },
      );
    }
    return toListEntry(row);
  });
}
