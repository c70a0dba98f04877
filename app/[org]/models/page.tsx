import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ModelsFilter } from "@/components/threat-models/models-filter";
import { ModelsTable, type ModelsListState, type ModelsTableRow } from "@/components/threat-models/models-table";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireOrgPage } from "@/lib/auth/session";
import { listCategories, listOwners, listThreatModels } from "@/lib/data/threat-models";
import { formatDate } from "@/lib/format";
import { parseListSearchParams } from "@/lib/validation/threat-model";

export const metadata: Metadata = { title: "Threat models" };

export default async function ModelsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org);
  // A hand-edited URL with a bad value shows the list with that value's default, not an error page.
  const filters = parseListSearchParams(await searchParams);
  const [result, categories, owners] = await Promise.all([listThreatModels(ctx, filters), listCategories(ctx), listOwners(ctx)]);
  const base = `/${ctx.organizationSlug}`;
  const pageCount = Math.max(1, Math.ceil(result.total / result.pageSize));

  const state: ModelsListState = {
    q: filters.q ?? "",
    status: filters.status ?? "",
    owner: filters.owner ?? "",
    category: filters.category ?? "",
    sort: result.sort,
    dir: result.dir,
    explicitDir: Boolean(filters.dir),
    page: result.page,
    pageSize: result.pageSize,
  };

  // Past the last page (the last row of a page was deleted, or an old link): go to the last one.
  if (result.items.length === 0 && result.total > 0) {
    const sp = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...state, explicitDir: undefined, page: pageCount })) if (value && !(key === "dir" && !state.explicitDir)) sp.set(key, String(value));
    redirect(`${base}/models?${sp}`);
  }

  const filtered = Boolean(filters.q || filters.status || filters.owner || filters.category);
  // Dates are compared and formatted here, on the server, so the browser's time zone cannot
  // make the rendered HTML and the hydrated table disagree.
  const today = new Date().toISOString().slice(0, 10);
  const rows: ModelsTableRow[] = result.items.map((m) => ({
    id: m.id,
    title: m.title,
    featureName: m.featureName,
    version: m.version,
    status: m.status,
    owner: m.ownerName ?? (m.ownerTeam || null),
    openThreats: m.openThreats,
    nextReview: m.nextReviewDate ? formatDate(m.nextReviewDate) : null,
    overdue: Boolean(m.nextReviewDate && m.nextReviewDate.toISOString().slice(0, 10) < today),
  }));
  const clearHref = `${base}/models${state.sort !== "updated" ? `?sort=${state.sort}${state.explicitDir ? `&dir=${state.dir}` : ""}` : ""}`;

  return (
    <>
      <PageHeader
        title="Threat models"
        description="Every feature’s STRIDE analysis, with its mitigations and review state."
        actions={can(ctx.role, "model.create") && <ButtonLink href={`${base}/models/new`}>New threat model</ButtonLink>}
      />
      <Card>
        {(result.total > 0 || filtered) && <ModelsFilter basePath={`${base}/models`} state={state} owners={owners} categories={categories} clearHref={filtered ? clearHref : undefined} />}
        {result.total === 0 ? (
          <EmptyState
            title={filtered ? "No threat models match these filters" : "No threat models yet"}
            description={filtered ? "Try other words, or another status, owner or category." : "Create a threat model for the next feature your team ships."}
            action={
              filtered ? (
                <ButtonLink variant="secondary" href={clearHref}>
                  Clear filters
                </ButtonLink>
              ) : can(ctx.role, "model.create") ? (
                <ButtonLink href={`${base}/models/new`}>New threat model</ButtonLink>
              ) : undefined
            }
          />
        ) : (
          <ModelsTable
            organizationSlug={ctx.organizationSlug}
            rows={rows}
            total={result.total}
            pageCount={pageCount}
            state={state}
            canDuplicate={can(ctx.role, "model.create")}
            canDelete={can(ctx.role, "model.delete")}
          />
        )}
      </Card>
    </>
  );
}
