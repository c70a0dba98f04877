import type { Metadata } from "next";
import Link from "next/link";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { RequiredNotice } from "@/components/account/required-notice";
import { SessionsCard } from "@/components/account/sessions-card";
import { TwoStepCard } from "@/components/account/two-step-card";
import { ResendVerification } from "@/components/account/resend-verification";
import { Wordmark } from "@/components/shell/logo";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { getAccount } from "@/lib/data/accounts/get-account";
import { findEnrolmentRequirement } from "@/lib/data/second-factors/find-enrolment-requirement";
import { listSecondFactors } from "@/lib/data/second-factors/list-second-factors";
import { listSessions } from "@/lib/data/sessions/list-sessions";
import { mailConfigured } from "@/lib/mail/send-mail";

export const metadata: Metadata = { title: "Account" };

// The user's own account, one section a concern.
export default async function AccountPage({ searchParams }: { searchParams: Promise<{ required?: string | string[] }> }) {
  const user = await requireUserPage("/account");
  const { required } = await searchParams;
  const [account, sessions, secondFactors, requirement] = await Promise.all([
    getAccount(user),
    listSessions(user),
    listSecondFactors(user),
    findEnrolmentRequirement(user, required),
  ]);
  return (
    <div className="min-h-screen bg-slate-50 px-4 py-8">
      <header className="mx-auto mb-6 flex max-w-3xl items-center justify-between gap-4">
        <Link href="/" aria-label="ThreatDesk home">
          <Wordmark />
        </Link>
        <div className="flex items-center gap-3">
          <Link href="/" className="text-sm font-medium text-brand-700 hover:underline">
            Back to ThreatDesk
          </Link>
          <SignOutButton />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-3xl space-y-6">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Account</h1>
          <p className="mt-1 text-sm text-slate-600">
            {account.name}, {account.email}
          </p>
        </div>
        {requirement && <RequiredNotice {...requirement} />}
        <Card>
          <CardHeader id="email-heading" title="Email address" description="Where ThreatDesk sends invitations, reset links and security notices." />
          <div className="space-y-3 px-5 pb-5 text-sm text-slate-700">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-slate-900">{account.email}</span>
              {account.emailVerified ? <Badge tone="green">Confirmed</Badge> : <Badge tone="amber">Not confirmed</Badge>}
            </p>
            {!account.emailVerified && (
              <>
                <p>Until the address is confirmed you cannot be made a security lead or tech lead, the roles that sign off threat models.</p>
                {mailConfigured() && <ResendVerification />}
              </>
            )}
          </div>
        </Card>
        <Card>
          <CardHeader
            id="password-heading"
            title="Password"
            description="Changing it signs you out of every other browser and device; this one stays signed in."
          />
          <div className="px-5 pb-5">
            <ChangePasswordForm />
          </div>
        </Card>
        <TwoStepCard overview={secondFactors} />
        <SessionsCard sessions={sessions} idleMinutes={config.sessionIdleMinutes()} lifetimeHours={config.sessionHours()} />
      </main>
    </div>
  );
}
