import type { Metadata } from "next";
import Link from "next/link";
import { SessionsCard } from "@/components/account/sessions-card";
import { Wordmark } from "@/components/shell/logo";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { PageHeader } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { listSessions } from "@/lib/data/sessions/list-sessions";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUserPage("/account");
  const sessions = await listSessions(user);
  return (
    <div className="min-h-screen bg-slate-50 px-4 py-10">
      <header className="mx-auto mb-8 flex max-w-3xl items-center justify-between">
        <Link href="/" aria-label="ThreatDesk home">
          <Wordmark />
        </Link>
        <Link href="/" className="text-sm font-medium text-brand-700 hover:underline">
          Back to your organization
        </Link>
      </header>
      <main className="mx-auto max-w-3xl space-y-6">
        <PageHeader title="Your account" description={`Signed in as ${user.name} (${user.email}).`} actions={<SignOutButton />} />
        <SessionsCard sessions={sessions} idleMinutes={config.sessionIdleMinutes()} lifetimeHours={config.sessionHours()} />
      </main>
    </div>
  );
}
