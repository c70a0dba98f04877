import { DecideReview, StartNewRevision, SubmitForReview } from "@/components/review/review-actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { ReviewPageData } from "@/lib/data/review/get-review-page";
import { CAPACITY_LABELS } from "@/lib/domain/review";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { formatDate } from "@/lib/format";

/** Who has approved in each capacity, what the sign-off still needs, and the decisions the viewer may take. */
export function SignOffCard({ organizationSlug, review }: { organizationSlug: string; review: ReviewPageData }) {
  const { model, viewer } = review;
  return (
    <Card>
      <CardHeader title="Sign-off" description="A model is approved when a security lead and a tech lead have both approved the same revision." />
      <div className="space-y-4 px-5 py-4">
        <ul className="grid gap-3 sm:grid-cols-2" aria-label="Approvals needed">
          {review.approvals.map(({ capacity, by }) => (
            <li key={capacity} className="rounded-md border border-slate-200 p-3" data-testid={`approval-${capacity}`}>
              <p className="text-xs font-medium text-slate-500">{CAPACITY_LABELS[capacity]}</p>
              {by ? (
                <p className="mt-1 text-sm text-slate-900">
                  <Badge tone="green">✓ Approved</Badge> by {by.name} on {formatDate(by.at)}
                </p>
              ) : (
                <p className="mt-1 text-sm text-slate-600">
                  <Badge tone="neutral">Waiting</Badge> {model.status === "IN_REVIEW" ? "No approval yet" : "Not in review"}
                </p>
              )}
            </li>
          ))}
        </ul>
        {review.stillNeeded && (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="sign-off-missing">
            {review.stillNeeded}
          </p>
        )}
        {model.status === "IN_REVIEW" && review.requestedReviewers.length > 0 && (
          <p className="text-sm text-slate-600">Review requested of {review.requestedReviewers.map((r) => r.name).join(", ")}.</p>
        )}
        {model.status === "CHANGES_REQUESTED" && (
          <Alert tone="warning" title="Changes requested">
            {review.changesRequested ?? "See the decision history."} Editing the model takes it back to Draft.
          </Alert>
        )}
        {review.approvedAndLocked && <Alert tone="success">Approved: this revision is locked. Start a new revision to change it.</Alert>}

        {viewer.maySubmit && (
          <SubmitForReview
            organizationSlug={organizationSlug}
            modelId={model.id}
            reviewers={review.reviewers.map((r) => ({ id: r.id, name: r.name, roleLabel: ROLE_LABELS[r.role] }))}
            resubmit={model.status === "CHANGES_REQUESTED"}
          />
        )}
        {viewer.decision &&
          (viewer.decision.decided ? (
            <p className="text-sm text-slate-700">You have already decided on this revision. An edit to the model would ask you again.</p>
          ) : (
            <DecideReview
              organizationSlug={organizationSlug}
              modelId={model.id}
              lockVersion={model.lockVersion}
              capacityLabel={CAPACITY_LABELS[viewer.decision.capacity]}
              blocked={review.blockers.length > 0}
            />
          ))}
        {viewer.noDecisionReason && (
          <p className="text-sm text-slate-700" data-testid="no-decision-reason">
            {viewer.noDecisionReason}
          </p>
        )}
        {viewer.nextVersions && (
          <StartNewRevision organizationSlug={organizationSlug} modelId={model.id} minor={viewer.nextVersions.minor} major={viewer.nextVersions.major} />
        )}
        {viewer.onlyFollows && <p className="text-sm text-slate-600">You can follow the review; your role does not take part in it.</p>}
      </div>
    </Card>
  );
}
