import { DiffView } from "@/components/review/diff-view";
import { Card, CardHeader } from "@/components/ui/card";
import type { ReviewPageData } from "@/lib/data/review/get-review-page";

/** What differs, section by section, from the last approved revision. */
export function ChangesCard({ review }: { review: Pick<ReviewPageData, "diff" | "lastApproved" | "model"> }) {
  const { diff, lastApproved, model } = review;
  return (
    <Card>
      <CardHeader
        title={lastApproved ? `Changes since approved revision ${lastApproved.version}` : "Changes"}
        description={lastApproved ? "Section by section, what differs from the last approved revision." : undefined}
      />
      <div className="px-5 py-4">
        {diff && lastApproved ? (
          <DiffView diff={diff} emptyText={`Nothing has changed since revision ${lastApproved.version} was approved.`} />
        ) : (
          <p className="text-sm text-slate-600">
            {model.status === "APPROVED"
              ? "This is the model’s first approved revision."
              : "This model has no approved revision yet, so everything in it is new."}
          </p>
        )}
      </div>
    </Card>
  );
}
