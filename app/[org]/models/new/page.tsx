import type { Metadata } from "next";
import { NewModelForm } from "@/components/threat-models/new-model-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireOrgPage } from "@/lib/auth/session";

export const metadata: Metadata = { title: "New threat model" };

export default async function NewModelPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org, "model.create");
  return (
    <>
      <PageHeader title="New threat model" description="Start with the basics; every section of the template follows on the model’s page." />
      <Card className="max-w-2xl p-6">
        <NewModelForm organizationSlug={ctx.organizationSlug} />
      </Card>
    </>
  );
}
