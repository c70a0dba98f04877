import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DiffView } from "@/components/review/diff-view";
import { DownloadMenu } from "@/components/threat-models/download-menu";
import { ModelView, viewOfDocument } from "@/components/threat-models/model-view";
import { PrintButton } from "@/components/threat-models/print-button";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { requireOrgPage } from "@/lib/auth/session";
import { listMembers } from "@/lib/data/members/list-members";
import { getOrganizationSettings } from "@/lib/data/organizations/get-organization-settings";
import { compareRevisions } from "@/lib/data/revisions/compare-revisions";
import { getRevisionDocument } from "@/lib/data/revisions/get-revision-document";
import { NotFoundError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { ZCompareRevisions } from "@/lib/validation/review";

export const metadata: Metadata = { title: "Approved revision" };

function notFoundIfMissing(error: unknown): never {
  if (error instanceof NotFoundError) notFound();
  throw error;
}

/** One approved revision, read-only and immutable, optionally compared with another or with the current draft. */
export default async function RevisionPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; id: string; revisionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org, id, revisionId } = await params;
  const ctx = await requireOrgPage(org);
  const revision = await getRevisionDocument(ctx, id, revisionId).catch(notFoundIfMissing);
  const query = ZCompareRevisions.safeParse(await searchParams);
  const compareWith = query.success ? query.data.compare : undefined;
  // "?compare=<older revision>" shows what this revision changed; "?compare=current" what the draft changed since.
  const comparison = compareWith
    ? await (compareWith === "current" ? compareRevisions(ctx, id, revisionId, "current") : compareRevisions(ctx, id, compareWith, revisionId)).catch(
        notFoundIfMissing,
      )
    : null;
  const members = await listMembers(ctx);
  const names = new Map(members.map((m) => [m.userId, m.name]));
  const base = `/${ctx.organizationSlug}/models/${id}`;
  const doc = revision.document;

  return (
    <>
      <nav aria-label="Breadcrumb" className="no-print mb-2 text-sm text-slate-500">
        <Link href={`/${ctx.organizationSlug}/models`} className="hover:text-slate-800">
          Threat models
        </Link>{" "}
        /{" "}
        <Link href={base} className="hover:text-slate-800">
          {doc.title}
        </Link>{" "}
        /{" "}
        <Link href={`${base}/review`} className="hover:text-slate-800">
          Review
        </Link>{" "}
        / <span className="text-slate-700">Revision {revision.version}</span>
      </nav>
      <PageHeader
        title={`${doc.title} — revision ${revision.version}`}
        description={`Approved ${formatDate(revision.approvedAt)} by ${revision.approvals.map((a) => `${a.reviewerName} (${a.capacity === "SECURITY" ? "Security" : "Tech lead"})`).join(" and ")}. This copy never changes.`}
        actions={
          <span className="no-print flex gap-2">
            <PrintButton />
            <DownloadMenu href={`${base}/export?revision=${revision.id}`} formats={["md", "json"]} />
          </span>
        }
      />
      {comparison && (
        <Card className="mb-5">
          <CardHeader title={`Changes from ${comparison.fromLabel} to ${comparison.toLabel}`} />
          <div className="px-5 py-4">
            <DiffView diff={comparison.diff} emptyText="The two are the same." />
          </div>
        </Card>
      )}
      {!comparison && compareWith && <Alert tone="warning">That comparison is not available.</Alert>}
      <ModelView model={viewOfDocument(doc, revision.approvals, (userId) => names.get(userId))} fixBy={await getOrganizationSettings(ctx)} snapshot />
    </>
  );
}
