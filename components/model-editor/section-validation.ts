// The section schemas (zod and the editor's rules) are a fifth of the editor page's JavaScript
// and nothing needs them until a section is saved: they load just after the page, not with it.
import type * as Validation from "@/lib/validation/model-editor";
import type { TSectionSave } from "@/lib/validation/model-editor";

let loaded: typeof Validation | undefined;
let loading: Promise<typeof Validation> | undefined;

/** The schemas, loading them the first time (the editor starts this as soon as it shows). */
export function loadSectionValidation(): Promise<typeof Validation> {
  loading ??= import("@/lib/validation/model-editor").then((m) => (loaded = m));
  return loading;
}

/**
 * normalizedSectionData of lib/validation/model-editor. Only ever called with what a save
 * answered, and every save waits for the schemas first: so they are there.
 */
export function normalizedSectionData(save: TSectionSave, data: unknown): unknown {
  if (!loaded) throw new Error("The section schemas are used before any save, which waits for them.");
  return loaded.normalizedSectionData(save, data);
}
