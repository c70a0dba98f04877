import type { Metadata } from "next";
import Link from "next/link";
import { Wordmark } from "@/components/shell/logo";
import { CreateOrganizationForm } from "@/components/shell/create-organization-form";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { Card } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/session";
import { listMemberships } from "@/lib/data/accounts/list-memberships";

export const metadata: Metadata = { title: "New organization" };

export default async function NewOrganizationPage() {
  const user = await requireUserPage("/orgs/new");
  const memberships = await listMemberships(user);
  return (
    <div className="flex min-h-screen flex-col items-center bg-slate-50 px-4 py-12">
      <header className="mb-8">
        <Link href="/" aria-label="ThreatDesk home">
          <Wordmark />
        </Link>
      </header>
      <main className="w-full max-w-md">
        <Card className="p-6">
          <h1 className="text-xl font-semibold text-slate-900">{memberships.length ? "Create another organization" : "Create your organization"}</h1>
          <p className="mt-1 mb-5 text-sm text-slate-600">
            {memberships.length
              ? "You will be its owner. Your other organizations stay one click away in the switcher."
              : "You are not a member of any organization yet. Create one, or ask a colleague for an invitation link."}
          </p>
          <CreateOrganizationForm />
        </Card>
        <div className="mt-6 flex items-center justify-between text-sm text-slate-600">
          <span>Signed in as {user.email}</span>
          <SignOutButton />
        </div>
      </main>
    </div>
  );
}
