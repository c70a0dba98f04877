import { z } from "zod";
import { MAX_IMPORT_BYTES } from "@/lib/domain/exchange/detect";
import { EXPORT_FORMATS } from "@/lib/domain/exchange/filename";
import { ZId, ZText } from "./fields";
import { TITLE_MAX } from "./threat-model";

/**
 * A file to import, as text: its name (a hint for the format) and its content, at most 5 MB;
 * on confirm, the title of each model as the member left it in the preview (empty: the file's).
 */
export const ZImportFile = z.object({
  fileName: ZText().trim().max(255).default(""),
  titles: z
    .array(ZText().trim().max(TITLE_MAX, `A title has at most ${TITLE_MAX} characters.`))
    .max(10_000)
    .default([]),
  content: ZText()
    .min(1, "Choose a file or paste a threat model.")
    .max(MAX_IMPORT_BYTES, `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`),
});
/** What a form sends (titles may be left out). */
export type TImportFile = z.input<typeof ZImportFile>;

export const ZExportQuery = z.object({
  format: z.enum(EXPORT_FORMATS, { message: "Choose md, json or threat-dragon." }).default("md"),
  revision: ZId.optional(),
});
