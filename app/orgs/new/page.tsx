import type { Metadata } from "next";
import { CreateOrganizationForm } from "@/components/shell/create-organization-form";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { StandalonePage } from "@/components/shell/standalone-page";
import { Card } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/session";
import { listMemberships } from "@/lib/data/accounts/list-memberships";

export const metadata: Metadata = { title: "New organization" };

export default async function NewOrganizationPage() {
  const user = await requireUserPage("/orgs/new");
  const memberships = await listMemberships(user);
  return (
    <StandalonePage className="bg-slate-50">
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
    </StandalonePage>
  );
}
