import type { Metadata } from "next";
import { SettingsForm } from "@/components/settings/settings-form";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireOrgPage } from "@/lib/auth/session";
import { getOrganizationSettings } from "@/lib/data/organizations/get-organization-settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org);
  const settings = await getOrganizationSettings(ctx);
  return (
    <>
      <PageHeader title="Settings" description={`How ${ctx.organizationName} works: fix-by deadlines per priority and the review cadence.`} />
      <Card className="max-w-3xl">
        <CardHeader title="Organization" description={`Address: /${settings.slug}. Critical threats must always be fixed before the feature ships.`} />
        <div className="p-5">
          <SettingsForm organizationSlug={ctx.organizationSlug} settings={settings} canEdit={can(ctx.role, "org.update")} />
        </div>
      </Card>
    </>
  );
}
