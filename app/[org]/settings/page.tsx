import type { Metadata } from "next";
import { SettingsForm } from "@/components/settings/settings-form";
import { TwoStepRequirementCard } from "@/components/settings/two-step-requirement-card";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireOrgPage } from "@/lib/auth/session";
import { getMfaRequirement } from "@/lib/data/organizations/get-mfa-requirement";
import { getOrganizationSettings } from "@/lib/data/organizations/get-organization-settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org);
  const [settings, mfa] = await Promise.all([getOrganizationSettings(ctx), getMfaRequirement(ctx)]);
  return (
    <>
      <PageHeader title="Settings" description={`How ${ctx.organizationName} works: fix-by deadlines per priority, the review cadence and two-step sign-in.`} />
      <Card className="mb-6 max-w-3xl">
        <CardHeader title="Organization" description={`Address: /${settings.slug}. Critical threats must always be fixed before the feature ships.`} />
        <div className="p-5">
          <SettingsForm organizationSlug={ctx.organizationSlug} settings={settings} canEdit={can(ctx.role, "org.update")} />
        </div>
      </Card>
      <TwoStepRequirementCard
        organizationSlug={ctx.organizationSlug}
        organizationName={ctx.organizationName}
        required={mfa.required}
        membersWithoutFactor={mfa.membersWithoutFactor}
        mayChange={can(ctx.role, "org.require-mfa")}
        ownFactor={ctx.secondFactor?.enrolled ?? false}
      />
    </>
  );
}
