"use server";
import { revalidatePath } from "next/cache";
import { updateOrganizationSettings } from "@/lib/data/organizations/update-organization-settings";
import { ZOrganizationSettings } from "@/lib/validation/organization";
import { orgAction } from "./action";

export const updateOrganizationSettingsAction = orgAction(
  { name: "organization.update-settings", permission: "org.update", schema: ZOrganizationSettings },
  async (ctx, input) => {
    const settings = await updateOrganizationSettings(ctx, input);
    revalidatePath(`/${ctx.organizationSlug}`, "layout");
    return settings;
  },
);
