"use server";
import { revalidatePath } from "next/cache";
import { commitImport, previewImport } from "@/lib/data/imports";
import { ZImportFile } from "@/lib/validation/imports";
import { orgAction } from "./action";

// The file travels as a string both times: the preview reads it without writing, and the import
// reads it again on the server, so what is written never depends on what the browser kept.
export const previewImportAction = orgAction({ name: "threat-model.import-preview", permission: "model.create", schema: ZImportFile }, previewImport);

export const commitImportAction = orgAction({ name: "threat-model.import", permission: "model.create", schema: ZImportFile }, async (ctx, input) => {
  const outcome = await commitImport(ctx, input);
  revalidatePath(`/${ctx.organizationSlug}`, "layout");
  const base = `/${ctx.organizationSlug}/models`;
  return {
    models: outcome.models.map((m) => ({ id: m.id, title: m.title })),
    path: outcome.models.length === 1 ? `${base}/${outcome.models[0]!.id}` : base,
  };
});
