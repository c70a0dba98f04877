"use server";
import { revalidatePath } from "next/cache";
import type { OrgContext } from "@/lib/auth/context";
import { createLibraryEntry } from "@/lib/data/threat-library/create-library-entry";
import { saveThreatToLibrary } from "@/lib/data/threat-library/save-threat-to-library";
import { setLibraryEntryRetired } from "@/lib/data/threat-library/set-library-entry-retired";
import { updateLibraryEntry } from "@/lib/data/threat-library/update-library-entry";
import { ZLibraryEntryInput, ZRetireLibraryEntry, ZSaveThreatToLibrary, ZUpdateLibraryEntry } from "@/lib/validation/threat-library";
import { orgAction } from "./action";

const libraryPath = (slug: string) => `/${slug}/library`;

// Each returns only what the form needs to confirm the change, not the whole row.
const summarize = (entry: LibraryEntryRow) => ({
  id: entry.id,
  title: entry.title,
  category: entry.category,
  retired: entry.retiredAt !== null,
});

type LibraryEntryRow = { id: string; title: string; category: string; retiredAt: Date | null };

/** The library page shows the change at once; the form gets only what confirms it. */
async function confirmed(ctx: OrgContext, change: Promise<LibraryEntryRow>) {
  const entry = await change;
  revalidatePath(libraryPath(ctx.organizationSlug));
  return summarize(entry);
}

export const createLibraryEntryAction = orgAction({ name: "library-entry.create", permission: "library.manage", schema: ZLibraryEntryInput }, (ctx, input) =>
  confirmed(ctx, createLibraryEntry(ctx, input)),
);

export const updateLibraryEntryAction = orgAction({ name: "library-entry.update", permission: "library.manage", schema: ZUpdateLibraryEntry }, (ctx, input) =>
  confirmed(ctx, updateLibraryEntry(ctx, input)),
);

export const setLibraryEntryRetiredAction = orgAction(
  { name: "library-entry.set-retired", permission: "library.manage", schema: ZRetireLibraryEntry },
  (ctx, input) => confirmed(ctx, setLibraryEntryRetired(ctx, input)),
);

export const saveThreatToLibraryAction = orgAction(
  { name: "library-entry.save-threat", permission: "library.manage", schema: ZSaveThreatToLibrary },
  (ctx, input) => confirmed(ctx, saveThreatToLibrary(ctx, input)),
);
