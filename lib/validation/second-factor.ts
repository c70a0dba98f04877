import { z } from "zod";

const ZCallbackUrl = z.string().max(2000).optional();

export const ZTotpCode = z
  .string()
  .trim()
  .regex(/^\d{3}\s?\d{3}$/, "Enter the 6-digit code from your authenticator app.");

export const ZRecoveryCode = z
  .string()
  .trim()
  .min(1, "Enter one of your recovery codes.")
  .max(40, "A recovery code is 10 letters and digits, like 7KQ2M-X9D4P.");

export const ZFactorName = z.string().trim().min(1, "Give it a name, such as the device it is on.").max(60, "Use at most 60 characters.");

export const ZGiveSecondFactor = z.discriminatedUnion("method", [
  z.object({ method: z.literal("totp"), code: ZTotpCode, callbackUrl: ZCallbackUrl }),
  z.object({ method: z.literal("recovery"), code: ZRecoveryCode, callbackUrl: ZCallbackUrl }),
]);

export const ZConfirmTotp = z.object({ factorId: z.string().min(1).max(64), name: ZFactorName, code: ZTotpCode });

export const ZRenameFactor = z.object({ factorId: z.string().min(1).max(64), name: ZFactorName });

export const ZFactorId = z.object({ factorId: z.string().min(1).max(64) });
