import { Card, CardHeader } from "@/components/ui/card";
import type { ReviewDecisionView } from "@/lib/data/review/get-review-page";
import { CAPACITY_LABELS } from "@/lib/domain/review";
import { formatDate, formatDateTime } from "@/lib/format";

/** Every decision on the model, newest first, withdrawn ones with why. */
export function DecisionHistoryCard({ decisions }: { decisions: ReviewDecisionView[] }) {
  return (
    <Card>
      <CardHeader title="Decision history" />
      {decisions.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">No decisions yet.</p>
      ) : (
        <ol className="divide-y divide-slate-100" data-testid="decision-history">
          {decisions.map((d) => (
            <li key={d.id} className="px-5 py-3 text-sm">
              <p className="text-slate-900">
                <span className="font-medium">{d.reviewer.name}</span> ({CAPACITY_LABELS[d.capacity]}){" "}
                {d.decision === "APPROVED" ? "approved" : "requested changes"}
              </p>
              <p className="text-xs text-slate-500">{formatDateTime(d.createdAt)}</p>
              {d.comment && <p className="mt-1 text-xs whitespace-pre-wrap text-slate-700">“{d.comment}”</p>}
              {d.withdrawnAt && (
                <p className="mt-1 text-xs text-amber-800">
                  Withdrawn {formatDate(d.withdrawnAt)}: {d.withdrawnReason}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
