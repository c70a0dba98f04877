import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";
import { ZEmail, ZId, ZOrganizationName, ZSlug, optional } from "./fields";

export const ZCreateOrganization = z.object({ name: ZOrganizationName, slug: optional(ZSlug) });

const days = (label: string) =>
  z.coerce
    .number({ message: `${label} must be a number of days.` })
    .int(`${label} must be a whole number of days.`)
    .min(1, `${label} must be at least 1 day.`)
    .max(365, `${label} must be at most 365 days.`);

export const ZOrganizationSettings = z.object({
  name: ZOrganizationName,
  fixByDaysHigh: days("High"),
  fixByDaysMedium: days("Medium"),
  fixByDaysLow: days("Low"),
  reviewCadenceMonths: z.coerce
    .number({ message: "Review cadence must be a number of months." })
    .int("Review cadence must be a whole number of months.")
    .min(1, "Review cadence must be at least 1 month.")
    .max(36, "Review cadence must be at most 36 months."),
});
export type TOrganizationSettings = z.infer<typeof ZOrganizationSettings>;

export const ZRole = z.enum(ROLES, { message: "Choose a role." });

export const ZCreateInvite = z.object({ email: ZEmail, role: ZRole });
export const ZChangeRole = z.object({ membershipId: ZId, role: ZRole });
export const ZRemoveMember = z.object({ membershipId: ZId });
export const ZUnlockMember = z.object({ membershipId: ZId });
export const ZRevokeInvite = z.object({ inviteId: ZId });

/** Whether every member must sign in with a second factor. */
export const ZMfaRequirement = z.object({ required: z.boolean({ message: "Say whether two-step sign-in is required." }) });
export type TMfaRequirement = z.infer<typeof ZMfaRequirement>;
