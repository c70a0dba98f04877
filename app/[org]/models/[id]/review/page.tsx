import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArchiveCard } from "@/components/review/archive-card";
import { BlockersCard } from "@/components/review/blockers-card";
import { ChangesCard } from "@/components/review/changes-card";
import { CommentThread } from "@/components/review/comment-thread";
import { DecisionHistoryCard } from "@/components/review/decision-history-card";
import { DiagramCoverageCard } from "@/components/review/diagram-coverage-card";
import { ResidualRisksCard } from "@/components/review/residual-risks-card";
import { ReviewHeader } from "@/components/review/review-header";
import { RevisionsCard } from "@/components/review/revisions-card";
import { SignOffCard } from "@/components/review/sign-off-card";
import { requireOrgPage } from "@/lib/auth/session";
import { getReviewPage } from "@/lib/data/review/get-review-page";
import { NotFoundError } from "@/lib/errors";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const ctx = await requireOrgPage(org);
  const review = await getReviewPage(ctx, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { model, thread, viewer } = review;
  const slug = ctx.organizationSlug;
  const modelHref = `/${slug}/models/${model.id}`;

  return (
    <>
      <ReviewHeader organizationSlug={slug} review={review} />
      <div className="grid gap-5 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-5">
          <SignOffCard organizationSlug={slug} review={review} />
          <BlockersCard modelHref={modelHref} blockers={review.blockers} />
          <ChangesCard review={review} />
          <DiagramCoverageCard coverage={review.coverage} />
          <ResidualRisksCard
            organizationSlug={slug}
            acceptances={review.acceptances}
            mayDecide={viewer.mayDecideRisks}
            today={review.today}
            latestReviewDate={review.latestReviewDate}
          />
          <CommentThread
            organizationSlug={slug}
            modelId={model.id}
            comments={thread.comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() }))}
            threats={thread.threats}
            members={thread.members}
            canComment={viewer.mayComment}
          />
        </div>

        <aside className="space-y-5" aria-label="Revisions and sign-off history">
          <RevisionsCard modelHref={modelHref} revisions={review.revisions} status={model.status} />
          <DecisionHistoryCard decisions={review.decisions} />
          {viewer.mayArchive && <ArchiveCard organizationSlug={slug} model={model} />}
        </aside>
      </div>
    </>
  );
}
