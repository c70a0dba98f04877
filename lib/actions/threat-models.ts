"use server";
import { revalidatePath } from "next/cache";
import { createThreatModel } from "@/lib/data/threat-models/create-threat-model";
import { deleteThreatModel } from "@/lib/data/threat-models/delete-threat-model";
import { duplicateThreatModel } from "@/lib/data/threat-models/duplicate-threat-model";
import { ZCreateThreatModel, ZDeleteThreatModel, ZDuplicateThreatModel } from "@/lib/validation/threat-model";
import { orgAction } from "./action";

// Not exported: every export of a "use server" file is a callable action. The models list and
// the dashboard (recent models, counts by status) both change with these actions.
function revalidateOrganization(organizationSlug: string) {
  revalidatePath(`/${organizationSlug}`, "layout");
}

export const createThreatModelAction = orgAction(
  { name: "threat-model.create", permission: "model.create", schema: ZCreateThreatModel },
  async (ctx, input) => {
    const model = await createThreatModel(ctx, input);
    revalidateOrganization(ctx.organizationSlug);
    return { id: model.id, path: `/${ctx.organizationSlug}/models/${model.id}` };
  },
);

export const duplicateThreatModelAction = orgAction(
  { name: "threat-model.duplicate", permission: "model.create", schema: ZDuplicateThreatModel },
  async (ctx, input) => {
    const model = await duplicateThreatModel(ctx, input);
    revalidateOrganization(ctx.organizationSlug);
    return { id: model.id, title: model.title, path: `/${ctx.organizationSlug}/models/${model.id}` };
  },
);

export const deleteThreatModelAction = orgAction(
  { name: "threat-model.delete", permission: "model.delete", schema: ZDeleteThreatModel },
  async (ctx, input) => {
    const model = await deleteThreatModel(ctx, input);
    revalidateOrganization(ctx.organizationSlug);
    return { id: model.id, title: model.title };
  },
);
