import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { Card } from "@/components/ui/card";
import { mailConfigured } from "@/lib/mail/send-mail";

export const metadata: Metadata = { title: "Forgot password" };

export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  return (
    <Card className="p-6">
      <h1 className="text-xl font-semibold text-slate-900">Forgot your password?</h1>
      {mailConfigured() ? (
        <>
          <p className="mt-1 mb-5 text-sm text-slate-600">Enter your work email and we will send you a link to choose a new password.</p>
          <ForgotPasswordForm defaultEmail={typeof email === "string" ? email : ""} />
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-600" data-testid="reset-by-operator">
          This installation sends no email. Ask the person who runs ThreatDesk for a reset link: they can issue one with{" "}
          <code className="rounded bg-slate-100 px-1 text-slate-800">npm run tm -- reset-link --email you@example.com</code>.
        </p>
      )}
      <p className="mt-5 text-center text-sm text-slate-600">
        <Link href="/login" className="font-medium text-brand-700 hover:underline">
          Back to sign in
        </Link>
      </p>
    </Card>
  );
}
