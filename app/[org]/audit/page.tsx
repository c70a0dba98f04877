import type { Metadata } from "next";
import { AuditFilter } from "@/components/audit/audit-filter";
import { AuditTable, type AuditTableRow } from "@/components/audit/audit-table";
import { ChainBanner } from "@/components/audit/chain-banner";
import { CheckpointBanner } from "@/components/audit/checkpoint-banner";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { listAuditEvents, listAuditFilterOptions, verifyOrganizationChain } from "@/lib/data/audit";
import { getCheckpointStanding } from "@/lib/data/audit-checkpoints/get-checkpoint-standing";
import { summaryEntries } from "@/lib/domain/audit-summary";
import { openOrgPage, redirectPastLastPage, type OrgPageProps } from "@/lib/org-page";
import { auditHref, hasAuditFilter, parseAuditSearchParams } from "@/lib/validation/audit";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage(props: OrgPageProps) {
  const { ctx, query: filters, base } = await openOrgPage(props, parseAuditSearchParams, "audit.read");
  const [result, options, verdict, standing] = await Promise.all([
    listAuditEvents(ctx, filters),
    listAuditFilterOptions(ctx),
    verifyOrganizationChain(ctx),
    getCheckpointStanding(ctx),
  ]);
  const listPath = `${base}/audit`;
  redirectPastLastPage({ shown: result.items.length, total: result.total, pageSize: result.pageSize }, (page) => auditHref(listPath, { ...filters, page }));

  const filtered = hasAuditFilter(filters);
  const rows: AuditTableRow[] = result.items.map((e) => ({
    id: e.id,
    seq: e.seq,
    at: e.createdAt.toISOString(),
    actorName: e.actorName,
    actorLabel: e.actorLabel,
    action: e.action,
    target: e.model ? { kind: "model", ...e.model } : { kind: "other", type: e.targetType, id: e.targetId },
    summary: summaryEntries(e.summary),
    ip: e.ip,
    requestId: e.requestId,
    clientRequestId: e.clientRequestId,
  }));

  return (
    <>
      <PageHeader
        title="Audit trail"
        description={`Every change in ${ctx.organizationName}, as it was recorded. Events cannot be edited or removed, and each one is chained to the one before it, so tampering shows.`}
      />
      <ChainBanner verdict={verdict} />
      <CheckpointBanner standing={standing} />
      <Card>
        {(result.total > 0 || filtered) && <AuditFilter basePath={listPath} filters={filters} options={options} clearHref={filtered ? listPath : undefined} />}
        {result.total === 0 ? (
          <EmptyState
            title={filtered ? "No events match these filters" : "No events yet"}
            description={
              filtered ? "Try another actor, action, threat model or date range." : "Changes made in this organization will be listed here as they happen."
            }
            action={
              filtered ? (
                <ButtonLink variant="secondary" href={listPath}>
                  Clear filters
                </ButtonLink>
              ) : undefined
            }
          />
        ) : (
          <AuditTable organizationSlug={ctx.organizationSlug} rows={rows} total={result.total} filters={filters} pageSize={result.pageSize} />
        )}
      </Card>
    </>
  );
}
