import { z } from "zod";
import { ZEmail, ZNewPassword, ZOrganizationName, ZPersonName, ZSlug, optional, ZText } from "./fields";

export const ZSignUp = z.object({
  name: ZPersonName,
  email: ZEmail,
  password: ZNewPassword,
  organizationName: ZOrganizationName,
  organizationSlug: optional(ZSlug),
});
export type TSignUp = z.infer<typeof ZSignUp>;

export const ZSignIn = z.object({
  email: ZEmail,
  // Any length is checked against the hash; only absurd input is refused up front.
  password: ZText().min(1, "Enter your password.").max(1024),
});

export const ZAcceptInviteNewAccount = z.object({
  token: ZText().min(20).max(200),
  name: ZPersonName,
  password: ZNewPassword,
});

export const ZAcceptInvite = z.object({ token: ZText().min(20).max(200) });

const ZLinkToken = ZText().min(20).max(200);

export const ZRequestPasswordReset = z.object({ email: ZEmail });

export const ZResetPassword = z.object({ token: ZLinkToken, password: ZNewPassword });

export const ZVerifyEmail = z.object({ token: ZLinkToken });

export const ZChangePassword = z.object({
  currentPassword: ZText().min(1, "Enter your current password.").max(1024),
  newPassword: ZNewPassword,
});
