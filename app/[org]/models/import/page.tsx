import type { Metadata } from "next";
import Link from "next/link";
import { ImportForm } from "@/components/imports/import-form";
import { PageHeader } from "@/components/ui/card";
import { requireOrgPage } from "@/lib/auth/session";
import { JSON_SCHEMA_PATH } from "@/lib/domain/exchange/json";

export const metadata: Metadata = { title: "Import threat models" };

export default async function ImportPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org, "model.create");
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href={`/${ctx.organizationSlug}/models`} className="hover:text-slate-800">
          Threat models
        </Link>{" "}
        / <span className="text-slate-700">Import</span>
      </nav>
      <PageHeader
        title="Import threat models"
        description={
          <>
            Bring in a threat model written in Markdown (the team template), a ThreatDesk JSON export (
            <a href={JSON_SCHEMA_PATH} className="underline">
              schema
            </a>
            ) or an OWASP Threat Dragon v2 file. You see what was found before anything is saved.
          </>
        }
      />
      <div className="max-w-4xl">
        <ImportForm organizationSlug={ctx.organizationSlug} />
      </div>
    </>
  );
}
