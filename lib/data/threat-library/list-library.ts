import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { BUILT_IN_LIBRARY, compareLibraryEntries } from "@/lib/domain/threat-library";
import type { StrideCategory } from "@/lib/domain/threat-model";
import { ENTRY_SELECT, toListEntry, type LibraryListEntry } from "./library-entry";

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
