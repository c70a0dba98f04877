import type { Metadata } from "next";
import { ModelsFilter } from "@/components/threat-models/models-filter";
import { ModelsTable, type ModelsListState, type ModelsTableRow } from "@/components/threat-models/models-table";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { listCategories } from "@/lib/data/threat-models/list-categories";
import { listOwners } from "@/lib/data/threat-models/list-owners";
import { listThreatModels } from "@/lib/data/threat-models/list-threat-models";
import { formatDate } from "@/lib/format";
import { openOrgPage, redirectPastLastPage, type OrgPageProps } from "@/lib/org-page";
import { listSearchParams, parseListSearchParams } from "@/lib/validation/threat-model";

export const metadata: Metadata = { title: "Threat models" };

export default async function ModelsPage(props: OrgPageProps) {
  const { ctx, query: filters, base } = await openOrgPage(props, parseListSearchParams);
  const [result, categories, owners] = await Promise.all([listThreatModels(ctx, filters), listCategories(ctx), listOwners(ctx)]);
  const listPath = `${base}/models`;
  const href = (state: Partial<ModelsListState>) => {
    const query = listSearchParams(state).toString();
    return query ? `${listPath}?${query}` : listPath;
  };
  const state: ModelsListState = { ...filters, sort: result.sort, dir: result.dir };
  redirectPastLastPage({ shown: result.items.length, total: result.total, pageSize: result.pageSize }, (page) => href({ ...state, page }));

  const filtered = Boolean(filters.q || filters.status || filters.owner || filters.category);
  const clearHref = href({ sort: state.sort, dir: state.dir, pageSize: state.pageSize });
  const canCreate = can(ctx.role, "model.create");
  // Dates are compared and formatted on the server, so the browser's time zone cannot make the
  // server's HTML and the hydrated table disagree.
  const rows: ModelsTableRow[] = result.items.map((m) => ({
    id: m.id,
    title: m.title,
    featureName: m.featureName,
    version: m.version,
    status: m.status,
    approvedVersion: m.approvedVersion,
    owner: m.ownerName ?? (m.ownerTeam || null),
    openThreats: m.openThreats,
    nextReview: m.nextReviewDate ? formatDate(m.nextReviewDate) : null,
    overdue: m.reviewOverdue,
    updated: formatDate(m.updatedAt),
  }));

  return (
    <>
      <PageHeader
        title="Threat models"
        description="Every feature’s STRIDE analysis, with its mitigations and review state."
        actions={
          canCreate && (
            <>
              <ButtonLink variant="secondary" href={`${listPath}/import`}>
                Import
              </ButtonLink>
              <ButtonLink href={`${listPath}/new`}>New threat model</ButtonLink>
            </>
          )
        }
      />
      <Card>
        {(result.total > 0 || filtered) && (
          <ModelsFilter
            basePath={listPath}
            state={state}
            owners={owners}
            categories={categories}
            clearHref={filtered && result.total > 0 ? clearHref : undefined}
          />
        )}
        {result.total === 0 ? (
          <EmptyState
            title={filtered ? "No threat models match these filters" : "No threat models yet"}
            description={filtered ? "Try other words, or another status, owner or category." : "Create a threat model for the next feature your team ships."}
            action={
              filtered ? (
                <ButtonLink variant="secondary" href={clearHref}>
                  Clear filters
                </ButtonLink>
              ) : canCreate ? (
                <ButtonLink href={`${listPath}/new`}>New threat model</ButtonLink>
              ) : undefined
            }
          />
        ) : (
          <ModelsTable
            organizationSlug={ctx.organizationSlug}
            rows={rows}
            total={result.total}
            state={state}
            canDuplicate={canCreate}
            canDelete={can(ctx.role, "model.delete")}
          />
        )}
      </Card>
    </>
  );
}
