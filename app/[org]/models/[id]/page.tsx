import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ModelStatusBadge } from "@/components/threat-models/badges";
import { ModelView } from "@/components/threat-models/model-view";
import { PageHeader } from "@/components/ui/card";
import { requireOrgPage } from "@/lib/auth/session";
import { getThreatModel } from "@/lib/data/threat-models";
import { NotFoundError } from "@/lib/errors";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Threat model" };

export default async function ModelPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgPage(org);
  const model = await getThreatModel(ctx, id).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const overdue = model.nextReviewDate && model.nextReviewDate < new Date();
  return (
    <>
      <nav aria-label="Breadcrumb" className="no-print mb-2 text-sm text-slate-500">
        <Link href={`/${ctx.organizationSlug}/models`} className="hover:text-slate-800">
          Threat models
        </Link>{" "}
        / <span className="text-slate-700">{model.title}</span>
      </nav>
      <PageHeader
        title={model.title}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <ModelStatusBadge status={model.status} />
            <span>Version {model.version}</span>
            {model.category && <span>{model.category}</span>}
            <span>Owner: {model.owner?.name ?? (model.ownerTeam || "—")}</span>
            <span className={overdue ? "font-medium text-red-700" : undefined}>
              Next review {formatDate(model.nextReviewDate)}
              {overdue && " (overdue)"}
            </span>
            <span>Updated {formatDate(model.updatedAt)}</span>
          </span>
        }
      />
      <ModelView model={model} />
    </>
  );
}
