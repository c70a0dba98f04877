"use server";
import { revalidatePath } from "next/cache";
import { setMfaRequirement } from "@/lib/data/organizations/set-mfa-requirement";
import { updateOrganizationSettings } from "@/lib/data/organizations/update-organization-settings";
import { ZMfaRequirement, ZOrganizationSettings } from "@/lib/validation/organization";
import { orgAction } from "./action";

export const updateOrganizationSettingsAction = orgAction(
  { name: "organization.update-settings", permission: "org.update", schema: ZOrganizationSettings },
  async (ctx, input) => {
    const settings = await updateOrganizationSettings(ctx, input);
    revalidatePath(`/${ctx.organizationSlug}`, "layout");
    return settings;
  },
);

export const setMfaRequirementAction = orgAction(
  { name: "organization.set-mfa-requirement", permission: "org.require-mfa", schema: ZMfaRequirement },
  async (ctx, input) => {
    const requirement = await setMfaRequirement(ctx, input);
    revalidatePath(`/${ctx.organizationSlug}`, "layout");
    return requirement;
  },
);
