import type { Metadata } from "next";
import Link from "next/link";
import { ModelStatusBadge } from "@/components/threat-models/badges";
import { ModelsFilter } from "@/components/threat-models/models-filter";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireOrgPage } from "@/lib/auth/session";
import { listThreatModels } from "@/lib/data/threat-models";
import { formatDate } from "@/lib/format";
import { ZListThreatModels } from "@/lib/validation/threat-model";

export const metadata: Metadata = { title: "Threat models" };

export default async function ModelsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org);
  const raw = await searchParams;
  // A hand-edited URL with a bad filter shows everything rather than an error page.
  const parsed = ZListThreatModels.safeParse({ q: raw.q || undefined, status: raw.status || undefined, page: raw.page || undefined });
  const filters = parsed.success ? parsed.data : ZListThreatModels.parse({});
  const result = await listThreatModels(ctx, filters);
  const base = `/${ctx.organizationSlug}`;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const pageHref = (page: number) => {
    const sp = new URLSearchParams();
    if (filters.q) sp.set("q", filters.q);
    if (filters.status) sp.set("status", filters.status);
    sp.set("page", String(page));
    return `${base}/models?${sp}`;
  };
  const filtered = Boolean(filters.q || filters.status);

  return (
    <>
      <PageHeader
        title="Threat models"
        description="Every feature's STRIDE analysis, with its mitigations and review state."
        actions={can(ctx.role, "model.create") && <ButtonLink href={`${base}/models/new`}>New threat model</ButtonLink>}
      />
      <Card>
        <ModelsFilter q={filters.q} status={filters.status} />
        {result.items.length === 0 ? (
          <EmptyState
            title={filtered ? "No threat models match this filter" : "No threat models yet"}
            description={filtered ? "Try another search or status." : "Create a threat model for the next feature your team ships."}
            action={
              filtered ? (
                <ButtonLink variant="secondary" href={`${base}/models`}>
                  Clear filter
                </ButtonLink>
              ) : can(ctx.role, "model.create") ? (
                <ButtonLink href={`${base}/models/new`}>New threat model</ButtonLink>
              ) : undefined
            }
          />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Threat models, most recently updated first</caption>
              <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-5 py-2.5 font-medium">Title</th>
                  <th scope="col" className="px-3 py-2.5 font-medium">Version</th>
                  <th scope="col" className="px-3 py-2.5 font-medium">Status</th>
                  <th scope="col" className="px-3 py-2.5 font-medium">Owner</th>
                  <th scope="col" className="px-3 py-2.5 text-right font-medium">Threats</th>
                  <th scope="col" className="px-5 py-2.5 font-medium">Next review</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {result.items.map((m) => {
                  const overdue = m.nextReviewDate && m.nextReviewDate < new Date();
                  return (
                    <tr key={m.id} className="hover:bg-slate-50">
                      <td className="px-5 py-3">
                        <Link href={`${base}/models/${m.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                          {m.title}
                        </Link>
                        {m.featureName && <p className="text-xs text-slate-500">{m.featureName}</p>}
                      </td>
                      <td className="px-3 py-3 font-mono text-xs">{m.version}</td>
                      <td className="px-3 py-3">
                        <ModelStatusBadge status={m.status} />
                      </td>
                      <td className="px-3 py-3 text-slate-700">{m.ownerName ?? m.ownerTeam ?? "—"}</td>
                      <td className="px-3 py-3 text-right tabular-nums">{m.threatCount}</td>
                      <td className="px-5 py-3">
                        {formatDate(m.nextReviewDate)}
                        {overdue && <span className="ml-2 text-xs font-medium text-red-700">Overdue</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {result.total > 0 && (
          <nav aria-label="Pages" className="flex items-center justify-between border-t border-slate-200 px-5 py-3 text-sm text-slate-600">
            <span>
              {result.total} {result.total === 1 ? "model" : "models"} · page {result.page} of {pages}
            </span>
            <span className="flex gap-2">
              {result.page > 1 && <Link className="font-medium text-brand-700 hover:underline" href={pageHref(result.page - 1)}>← Previous</Link>}
              {result.page < pages && <Link className="font-medium text-brand-700 hover:underline" href={pageHref(result.page + 1)}>Next →</Link>}
            </span>
          </nav>
        )}
      </Card>
    </>
  );
}
