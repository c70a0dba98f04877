import "server-only";
import type { RequestMeta } from "@/lib/auth/context";
import { refuseCommonPassword, spendHashTime } from "@/lib/auth/password";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { signUpAttemptMessage } from "@/lib/mail/messages/sign-up-attempt";
import { mailConfigured, sendMail } from "@/lib/mail/send-mail";
import type { TSignUp } from "@/lib/validation/account";
import { slugTaken } from "../organizations/insert-organization";
import { signUp } from "./sign-up";

/**
 * What the sign-up page answers. With email configured: "check your inbox" whatever the address,
 * after as long, and a taken address's owner is told of the attempt, so the page never tells
 * whether an account exists. Without email there is no inbox to point to: a new account is
 * signed in at once and a taken address is refused (the README says so).
 */
export type SignUpAnswer = { kind: "signed-up"; organizationSlug: string } | { kind: "check-inbox"; email: string };

export async function answerSignUp(input: TSignUp, meta: RequestMeta): Promise<SignUpAnswer> {
  if (!mailConfigured()) {
    const { organization } = await signUp(input, meta);
    return { kind: "signed-up", organizationSlug: organization.slug };
  }
  // Every refusal a new address could get comes first, so a taken address cannot be told apart by one.
  refuseCommonPassword(input.password);
  if (input.organizationSlug && (await db().organization.findUnique({ where: { slug: input.organizationSlug }, select: { id: true } }))) {
    throw new ConflictError(slugTaken(input.organizationSlug));
  }
  const existing = await db().user.findUnique({ where: { email: input.email }, select: { email: true } });
  if (!existing) {
    await signUp(input, meta);
    return { kind: "check-inbox", email: input.email };
  }
  await spendHashTime();
  const base = config.publicUrl();
  void sendMail(signUpAttemptMessage({ to: existing.email, signInLink: `${base}/login`, resetLink: `${base}/forgot-password` }), "sign-up-attempt");
  return { kind: "check-inbox", email: input.email };
}
