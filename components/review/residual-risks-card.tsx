import { AcceptanceActions } from "@/components/review/acceptance-actions";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { AcceptanceView } from "@/lib/data/acceptances/list-model-acceptances";
import { formatDate } from "@/lib/format";

const ACCEPTANCE_BADGES = {
  proposed: { tone: "blue", label: "Awaiting sign-off" },
  accepted: { tone: "green", label: "Accepted" },
  expired: { tone: "red", label: "Expired: open again" },
  rejected: { tone: "neutral", label: "Rejected" },
} as const;

/** The model's residual risks with their state, and the security lead's decisions on them. */
export function ResidualRisksCard({
  organizationSlug,
  acceptances,
  mayDecide,
  today,
  latestReviewDate,
}: {
  organizationSlug: string;
  acceptances: AcceptanceView[];
  mayDecide: boolean;
  today: string;
  latestReviewDate: string;
}) {
  return (
    <Card>
      <CardHeader
        title={`Residual risks (${acceptances.length})`}
        description="Accepted only with a security lead’s sign-off; an accepted risk past its review date counts as open again until renewed."
      />
      {acceptances.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">No residual risks are proposed for acceptance. Propose them in the model’s “Residual risks” section.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {acceptances.map((a) => (
            <li key={a.id} className="space-y-2 px-5 py-3" data-testid="acceptance">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">{a.threatTitle}</p>
                  <p className="text-sm text-slate-700">{a.reason}</p>
                  <p className="text-xs text-slate-500">
                    Risk owner {a.riskOwner || "—"} · review by {formatDate(new Date(`${a.reviewDate}T00:00:00Z`))} · proposed by {a.proposedBy}
                    {a.decidedBy &&
                      ` · ${a.state === "rejected" ? "rejected" : "signed off"} by ${a.decidedBy}${a.decidedAt ? ` on ${formatDate(a.decidedAt)}` : ""}`}
                    {a.decisionComment && ` · “${a.decisionComment}”`}
                  </p>
                </div>
                <Badge tone={ACCEPTANCE_BADGES[a.state].tone}>{ACCEPTANCE_BADGES[a.state].label}</Badge>
              </div>
              {mayDecide && (
                <AcceptanceActions
                  organizationSlug={organizationSlug}
                  acceptanceId={a.id}
                  threatTitle={a.threatTitle}
                  state={a.state}
                  reviewDate={a.reviewDate}
                  today={today}
                  latestReviewDate={latestReviewDate}
                  acceptRefusal={a.acceptRefusal}
                  seenUpdatedAt={a.updatedAt}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
