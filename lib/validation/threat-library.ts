import { z } from "zod";
import { IMPACTS, LIKELIHOODS, STRIDE_CATEGORIES } from "@/lib/domain/threat-model";
import { ZId, ZText } from "./fields";
import { TEXT_MAX, TITLE_MAX } from "./threat-model";

// A threat's own limits, so an entry always fits the threat it becomes (and a threat saved to
// the library fits an entry).
export const LIBRARY_TITLE_MAX = TITLE_MAX;
export const LIBRARY_TEXT_MAX = TEXT_MAX;

export const ZLibraryEntryInput = z.object({
  category: z.enum(STRIDE_CATEGORIES, { message: "Choose a STRIDE category." }),
  title: ZText({ message: "Give the threat a title." })
    .trim()
    .min(1, "Give the threat a title.")
    .max(LIBRARY_TITLE_MAX, `A title has at most ${LIBRARY_TITLE_MAX} characters.`),
  description: ZText({ message: "The description must be text." })
    .trim()
    .max(LIBRARY_TEXT_MAX, `A description has at most ${LIBRARY_TEXT_MAX.toLocaleString("en")} characters.`)
    .default(""),
  likelihood: z.enum(LIKELIHOODS, { message: "Choose a likelihood." }),
  impact: z.enum(IMPACTS, { message: "Choose an impact." }),
  mitigation: ZText({ message: "The mitigation must be text." })
    .trim()
    .max(LIBRARY_TEXT_MAX, `A mitigation has at most ${LIBRARY_TEXT_MAX.toLocaleString("en")} characters.`)
    .default(""),
});
export type TLibraryEntryInput = z.infer<typeof ZLibraryEntryInput>;

export const ZUpdateLibraryEntry = ZLibraryEntryInput.extend({ entryId: ZId });
export type TUpdateLibraryEntry = z.infer<typeof ZUpdateLibraryEntry>;

/** Retiring hides an entry from the library; `retired: false` brings it back (the undo). */
export const ZRetireLibraryEntry = z.object({ entryId: ZId, retired: z.boolean({ message: "Say whether to retire or restore the entry." }) });
export type TRetireLibraryEntry = z.infer<typeof ZRetireLibraryEntry>;

export const ZSaveThreatToLibrary = z.object({ threatId: ZId });
export type TSaveThreatToLibrary = z.infer<typeof ZSaveThreatToLibrary>;

/** The library page's URL filter (`?category=SPOOFING&retired=1`). */
export const ZLibraryFilter = z.object({
  category: z.enum(STRIDE_CATEGORIES).optional(),
  includeRetired: z.boolean().default(false),
});
export type TLibraryFilter = z.infer<typeof ZLibraryFilter>;
