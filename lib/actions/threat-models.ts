"use server";
import { revalidatePath } from "next/cache";
import { createThreatModel } from "@/lib/data/threat-models";
import { ZCreateThreatModel } from "@/lib/validation/threat-model";
import { orgAction } from "./action";

export const createThreatModelAction = orgAction({ name: "threat-model.create", permission: "model.create", schema: ZCreateThreatModel }, async (ctx, input) => {
  const model = await createThreatModel(ctx, input);
  revalidatePath(`/${ctx.organizationSlug}/models`);
  return { id: model.id, path: `/${ctx.organizationSlug}/models/${model.id}` };
});
