"use server";
import { revalidatePath } from "next/cache";
import { createLibraryEntry } from "@/lib/data/threat-library/create-library-entry";
import { saveThreatToLibrary } from "@/lib/data/threat-library/save-threat-to-library";
import { setLibraryEntryRetired } from "@/lib/data/threat-library/set-library-entry-retired";
import { updateLibraryEntry } from "@/lib/data/threat-library/update-library-entry";
import { ZLibraryEntryInput, ZRetireLibraryEntry, ZSaveThreatToLibrary, ZUpdateLibraryEntry } from "@/lib/validation/threat-library";
import { orgAction } from "./action";

const libraryPath = (slug: string) => `/${slug}/library`;

// Each returns only what the form needs to confirm the change, not the whole row.
const summarize = (entry: { id: string; title: string; category: string; retiredAt: Date | null }) => ({
  id: entry.id,
  title: entry.title,
  category: entry.category,
  retired: entry.retiredAt !== null,
});

export const createLibraryEntryAction = orgAction(
  { name: "library-entry.create", permission: "library.manage", schema: ZLibraryEntryInput },
  async (ctx, input) => {
    const entry = await createLibraryEntry(ctx, input);
    revalidatePath(libraryPath(ctx.organizationSlug));
    return summarize(entry);
  },
);

export const updateLibraryEntryAction = orgAction(
  { name: "library-entry.update", permission: "library.manage", schema: ZUpdateLibraryEntry },
  async (ctx, input) => {
    const entry = await updateLibraryEntry(ctx, input);
    revalidatePath(libraryPath(ctx.organizationSlug));
    return summarize(entry);
  },
);

export const setLibraryEntryRetiredAction = orgAction(
  { name: "library-entry.set-retired", permission: "library.manage", schema: ZRetireLibraryEntry },
  async (ctx, input) => {
    const entry = await setLibraryEntryRetired(ctx, input);
    revalidatePath(libraryPath(ctx.organizationSlug));
    return summarize(entry);
  },
);

export const saveThreatToLibraryAction = orgAction(
  { name: "library-entry.save-threat", permission: "library.manage", schema: ZSaveThreatToLibrary },
  async (ctx, input) => {
    const entry = await saveThreatToLibrary(ctx, input);
    revalidatePath(libraryPath(ctx.organizationSlug));
    return summarize(entry);
  },
);
