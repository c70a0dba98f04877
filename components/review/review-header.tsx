import Link from "next/link";
import { ModelStatusBadge } from "@/components/threat-models/badges";
import { ModelTabs } from "@/components/threat-models/model-tabs";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import type { ReviewPageData } from "@/lib/data/review/get-review-page";
import { formatDate, formatDateTime } from "@/lib/format";

/** The review page's breadcrumb, title line with the model's dates, tabs, and the overdue warning. */
export function ReviewHeader({ organizationSlug, review }: { organizationSlug: string; review: ReviewPageData }) {
  const { model, overdue } = review;
  const base = `/${organizationSlug}/models/${model.id}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href={`/${organizationSlug}/models`} className="hover:text-slate-800">
          Threat models
        </Link>{" "}
        /{" "}
        <Link href={base} className="hover:text-slate-800">
          {model.title}
        </Link>{" "}
        / <span className="text-slate-700">Review</span>
      </nav>
      <PageHeader
        title={model.title}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <ModelStatusBadge status={model.status} />
            <span>Version {model.version}</span>
            {model.submittedAt && model.status === "IN_REVIEW" && <span>Submitted {formatDateTime(model.submittedAt)}</span>}
            {model.approvedAt && <span>Last approved {formatDate(model.approvedAt)}</span>}
            {model.nextReviewDate && (
              <span className={overdue ? "font-medium text-red-700" : undefined}>
                Next review {formatDate(model.nextReviewDate)}
                {overdue && " (overdue)"}
              </span>
            )}
          </span>
        }
      />
      <ModelTabs base={base} current="review" />

      {overdue && (
        <Alert tone="warning" className="mb-4" title="This model is past its review date">
          Start a new revision to review it again, or archive it if the feature is gone.
        </Alert>
      )}
    </>
  );
}
