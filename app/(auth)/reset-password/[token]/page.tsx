import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LINK_UNUSABLE } from "@/lib/data/account-tokens/account-token";
import { checkResetLink } from "@/lib/data/accounts/check-reset-link";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const usable = token.length >= 20 && token.length <= 200 && (await checkResetLink(token));
  if (!usable) {
    return (
      <Card className="p-6">
        <h1 className="text-xl font-semibold text-slate-900">This link can’t be used</h1>
        <p className="mt-2 text-sm text-slate-600">{LINK_UNUSABLE.RESET_PASSWORD}</p>
        <Link href="/forgot-password" className={buttonClass("secondary", "md", "mt-5")}>
          Ask for a new link
        </Link>
      </Card>
    );
  }
  return (
    <Card className="p-6">
      <h1 className="text-xl font-semibold text-slate-900">Choose a new password</h1>
      <p className="mt-1 mb-5 text-sm text-slate-600">Setting it signs your account out everywhere, including this browser.</p>
      <ResetPasswordForm token={token} />
    </Card>
  );
}
