import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { TLibraryEntryInput } from "@/lib/validation/threat-library";
import { insertLibraryEntry, type LibraryListEntry } from "./library-entry";

/** Adds an entry of the organization's own to its library. */
export async function createLibraryEntry(ctx: OrgContext, input: TLibraryEntryInput): Promise<LibraryListEntry> {
  requirePermission(ctx, "library.manage");
  return db().$transaction((tx) => insertLibraryEntry(tx, ctx, input));
}
