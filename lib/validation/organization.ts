import { z } from "zod";
import { MAX_ACCEPTANCE_HORIZON_YEARS } from "@/lib/domain/acceptance";
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
  // The settings below are left as they are when a request does not name them.
  acceptanceHorizonYears: z.coerce
    .number({ message: "The longest acceptance must be a number of years." })
    .int("The longest acceptance must be a whole number of years.")
    .min(1, "The longest acceptance must be at least 1 year.")
    .max(MAX_ACCEPTANCE_HORIZON_YEARS, `The longest acceptance must be at most ${MAX_ACCEPTANCE_HORIZON_YEARS} years.`)
    .optional(),
  /** "default": on while the organization has two or more Owners and Admins. */
  roleGrantsNeedSecondManager: z
    .enum(["default", "on", "off"], { message: "Choose whether role grants need a second manager." })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "default" ? null : v === "on")),
  editorsCountAsAuthors: z
    .enum(["on", "off"], { message: "Choose who counts as an author." })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "on")),
});
type ParsedSettings = z.output<typeof ZOrganizationSettings>;
/** The settings a save changes; the optional ones stay as stored when absent. */
export type TOrganizationSettings = Omit<ParsedSettings, "roleGrantsNeedSecondManager" | "editorsCountAsAuthors"> & {
  roleGrantsNeedSecondManager?: boolean | null;
  editorsCountAsAuthors?: boolean;
};

export const ZRole = z.enum(ROLES, { message: "Choose a role." });

export const ZCreateInvite = z.object({ email: ZEmail, role: ZRole });
export const ZChangeRole = z.object({ membershipId: ZId, role: ZRole });
export const ZDecideRoleGrant = z.object({ membershipId: ZId, decision: z.enum(["confirm", "decline"], { message: "Confirm or decline the grant." }) });
export const ZRemoveMember = z.object({ membershipId: ZId });
export const ZUnlockMember = z.object({ membershipId: ZId });
export const ZRevokeInvite = z.object({ inviteId: ZId });

/** Whether every member must sign in with a second factor. */
export const ZMfaRequirement = z.object({ required: z.boolean({ message: "Say whether two-step sign-in is required." }) });
export type TMfaRequirement = z.infer<typeof ZMfaRequirement>;
