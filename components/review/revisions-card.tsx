import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import type { RevisionSummary } from "@/lib/data/revisions/list-revisions";
import { CAPACITY_LABELS } from "@/lib/domain/review";
import type { ThreatModelStatus } from "@/lib/domain/threat-model";
import { formatDate } from "@/lib/format";

/** The model's approved revisions, newest first, each with who approved it and what to compare it with. */
export function RevisionsCard({ modelHref, revisions, status }: { modelHref: string; revisions: RevisionSummary[]; status: ThreatModelStatus }) {
  return (
    <Card>
      <CardHeader title="Approved revisions" />
      {revisions.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">None yet. Each approval stores an immutable copy of the whole model.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {revisions.map((r, i) => {
            const previous = revisions[i + 1];
            return (
              <li key={r.id} className="px-5 py-3 text-sm">
                <Link href={`${modelHref}/revisions/${r.id}`} className="font-medium text-brand-700 hover:underline">
                  Revision {r.version}
                </Link>
                <p className="text-xs text-slate-600" data-testid="revision-approvers">
                  Approved {formatDate(r.approvedAt)}
                  {r.approvers.length > 0 && ` by ${r.approvers.map((a) => `${a.name} (${CAPACITY_LABELS[a.capacity]})`).join(" and ")}`}
                </p>
                <p className="mt-1 flex flex-wrap gap-x-3 text-xs">
                  {previous && (
                    <Link href={`${modelHref}/revisions/${r.id}?compare=${previous.id}`} className="text-brand-700 hover:underline">
                      Compare with {previous.version}
                    </Link>
                  )}
                  {i === 0 && status !== "APPROVED" && (
                    <Link href={`${modelHref}/revisions/${r.id}?compare=current`} className="text-brand-700 hover:underline">
                      Compare with the current draft
                    </Link>
                  )}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
