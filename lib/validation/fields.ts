import { isCalendarDay } from "@/lib/domain/calendar";
import { isReservedSlug } from "@/lib/domain/slug";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/domain/text";
import { z } from "zod";

// Shared field rules: the same schema validates the form in the browser and the input on the server.

/**
 * Every text any schema accepts starts here: a string holding only characters PostgreSQL can
 * store as sent (no NUL, no lone surrogate), so no text input ends in a database error.
 */
export function ZText(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
}

/** A calendar date that exists, written YYYY-MM-DD (2027-02-31 is refused, 2028-02-29 is not). */
export function ZCalendarDate(label = "The date") {
  return ZText()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date (YYYY-MM-DD).`)
    .refine(isCalendarDay, `${label} is not a real date.`);
}

export const ZEmail = ZText()
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "An email address has at most 254 characters.")
  .pipe(z.email("Enter a valid email address."))
  .transform((e) => e.toLowerCase());

// NIST SP 800-63B-4 for single-factor passwords: at least 15 characters, at most a generous
// maximum, no composition rules. Length is counted in code points, not UTF-16 units.
export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 128;
export const ZNewPassword = ZText()
  .refine((p) => [...p].length >= PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .refine((p) => [...p].length <= PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

export const ZPersonName = ZText().trim().min(1, "Enter your name.").max(100, "A name has at most 100 characters.");

export const ZOrganizationName = ZText()
  .trim()
  .min(2, "An organization name has at least 2 characters.")
  .max(100, "An organization name has at most 100 characters.");

export const ZSlug = ZText()
  .trim()
  .toLowerCase()
  .min(2, "A slug has at least 2 characters.")
  .max(48, "A slug has at most 48 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens (e.g. acme-security).")
  .refine((slug) => !isReservedSlug(slug), "That address is used by ThreatDesk itself. Choose another, such as your company's name.");

export const ZId = ZText()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Not a valid id.");

/** Form values arrive as strings; "" means "not given". */
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());
