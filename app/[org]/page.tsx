import type { Metadata } from "next";
import Link from "next/link";
import { ModelStatusBadge } from "@/components/threat-models/badges";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireOrgPage } from "@/lib/auth/session";
import { countThreatModelsByStatus, listThreatModels } from "@/lib/data/threat-models";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/domain/roles";
import { THREAT_MODEL_STATUSES, THREAT_MODEL_STATUS_LABELS } from "@/lib/domain/threat-model";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org);
  const [counts, recent] = await Promise.all([countThreatModelsByStatus(ctx), listThreatModels(ctx, { page: 1, pageSize: 5 })]);
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const base = `/${ctx.organizationSlug}`;
  const overdue = recent.items.filter((m) => m.nextReviewDate && m.nextReviewDate < new Date());

  return (
    <>
      <PageHeader
        title={ctx.organizationName}
        description={`Signed in as ${ROLE_LABELS[ctx.role]}: ${ROLE_DESCRIPTIONS[ctx.role]}`}
        actions={can(ctx.role, "model.create") && <ButtonLink href={`${base}/models/new`}>New threat model</ButtonLink>}
      />
      <section aria-labelledby="by-status" className="mb-6">
        <h2 id="by-status" className="sr-only">
          Threat models by status
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <dt className="text-xs font-medium text-slate-500">All models</dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900">{total}</dd>
          </div>
          {THREAT_MODEL_STATUSES.map((status) => (
            <div key={status} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <dt className="text-xs font-medium text-slate-500">{THREAT_MODEL_STATUS_LABELS[status]}</dt>
              <dd className="mt-1 text-2xl font-semibold text-slate-900">
                <Link href={`${base}/models?status=${status}`} className="hover:text-brand-700" aria-label={`${counts[status] ?? 0} ${THREAT_MODEL_STATUS_LABELS[status]} models`}>
                  {counts[status] ?? 0}
                </Link>
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <Card>
        <CardHeader title="Recently updated" description="The threat models your organization touched last." actions={total > 0 && <Link href={`${base}/models`} className="text-sm font-medium text-brand-700 hover:underline">All threat models →</Link>} />
        {recent.items.length === 0 ? (
          <EmptyState
            title="No threat models yet"
            description="A threat model records what can go wrong with a feature, STRIDE category by category, and how each threat is mitigated."
            action={can(ctx.role, "model.create") ? <ButtonLink href={`${base}/models/new`}>Create the first one</ButtonLink> : undefined}
          />
        ) : (
          <ul className="divide-y divide-slate-100">
            {recent.items.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3">
                <div className="min-w-0">
                  <Link href={`${base}/models/${m.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                    {m.title}
                  </Link>
                  <p className="text-xs text-slate-500">
                    v{m.version} · {m.threatCount} threats · updated {formatDate(m.updatedAt)}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  {m.nextReviewDate && m.nextReviewDate < new Date() && <span className="text-xs font-medium text-red-700">Review overdue</span>}
                  <ModelStatusBadge status={m.status} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {overdue.length > 0 && (
        <p className="mt-3 text-sm text-slate-600">
          {overdue.length === 1 ? "One of these models is past its review date." : `${overdue.length} of these models are past their review date.`}
        </p>
      )}
    </>
  );
}
