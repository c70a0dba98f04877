import { z } from "zod";
import { MAX_IMPORT_BYTES } from "@/lib/domain/exchange/detect";
import { EXPORT_FORMATS } from "@/lib/domain/exchange/filename";
import { ZId } from "./fields";

/** A file to import, as text: its name (a hint for the format) and its content, at most 5 MB. */
export const ZImportFile = z.object({
  fileName: z.string().trim().max(255).default(""),
  content: z
    .string()
    .min(1, "Choose a file or paste a threat model.")
    .max(MAX_IMPORT_BYTES, `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`),
});
export type TImportFile = z.infer<typeof ZImportFile>;

export const ZExportQuery = z.object({
  format: z.enum(EXPORT_FORMATS, { message: "Choose md, json or threat-dragon." }).default("md"),
  revision: ZId.optional(),
});
