import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DemoAccounts } from "@/components/auth/demo-accounts";
import { SessionEndedNotice } from "@/components/auth/session-ended-notice";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { DEMO_USERS } from "@/lib/demo/accounts";
import { safeCallbackUrl } from "@/lib/safe-url";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; email?: string; ended?: string }> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <>
      <Card className="p-6">
        <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
        <p className="mt-1 mb-5 text-sm text-slate-600">Welcome back. Sign in with your work email.</p>
        <SessionEndedNotice reason={typeof params.ended === "string" ? params.ended : undefined} idleMinutes={config.sessionIdleMinutes()} />
        <SignInForm callbackUrl={callbackUrl} defaultEmail={typeof params.email === "string" ? params.email : ""} />
        <p className="mt-3 text-right text-sm">
          <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
            Forgot password?
          </Link>
        </p>
        <p className="mt-5 text-center text-sm text-slate-600">
          New to ThreatDesk?{" "}
          <Link href="/signup" className="font-medium text-brand-700 hover:underline">
            Create an account
          </Link>
        </p>
      </Card>
      {config.demoMode() && <DemoAccounts accounts={DEMO_USERS} password={config.demoPassword()} />}
    </>
  );
}
