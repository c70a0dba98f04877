import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import type { Blocker } from "@/lib/domain/review";
import { STRIDE_LABELS } from "@/lib/domain/threat-model";

/** The Critical threats that hold the model's approval, each linking to its threat. */
export function BlockersCard({ modelHref, blockers }: { modelHref: string; blockers: Blocker[] }) {
  return (
    <Card>
      <CardHeader
        title={`Blockers (${blockers.length})`}
        description="Critical: must be fixed before the feature ships. Each Critical threat needs an implemented mitigation or an accepted residual risk."
      />
      <div className="px-5 py-4">
        {blockers.length === 0 ? (
          <p className="text-sm text-emerald-800">No blockers: every Critical threat is mitigated or its risk accepted.</p>
        ) : (
          <ul className="space-y-2" data-testid="blockers">
            {blockers.map((b) => (
              <li key={b.threatId} className="rounded-md border border-l-4 border-slate-200 border-l-red-500 p-3 text-sm">
                <p className="font-medium text-slate-900">
                  <Link href={`${modelHref}#threat-${b.threatId}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {b.title}
                  </Link>{" "}
                  <span className="text-xs font-normal text-slate-600">({STRIDE_LABELS[b.category].name})</span>
                </p>
                <p className="text-slate-700">{b.reason}</p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
