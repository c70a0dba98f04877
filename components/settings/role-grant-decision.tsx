"use client";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { decideRoleGrantAction } from "@/lib/actions/members";
import { formatDate } from "@/lib/format";
import { ROLE_LABELS, type Role } from "@/lib/domain/roles";

/**
 * A role grant waiting for a second manager: who asked and when, and Confirm / Decline for the
 * managers who may answer it (never the one who asked, never the member).
 */
export function RoleGrantDecision({
  organizationSlug,
  membershipId,
  name,
  grant,
}: {
  organizationSlug: string;
  membershipId: string;
  name: string;
  grant: { role: Role; requestedBy: string; at: Date; refusal: string | null };
}) {
  const action = useAction((input: { membershipId: string; decision: "confirm" | "decline" }) => decideRoleGrantAction(organizationSlug, input));
  const label = ROLE_LABELS[grant.role];
  return (
    <div className="mt-1.5 max-w-xs space-y-1 text-xs text-slate-700" data-testid="pending-grant">
      <p>
        <span className="font-medium">{label}</span> waits for a second manager: asked by {grant.requestedBy} on {formatDate(grant.at)}.
      </p>
      {grant.refusal ? (
        <p className="text-slate-600">{grant.refusal}</p>
      ) : (
        <div className="flex gap-2" role="group" aria-label={`Role grant for ${name}`}>
          <Button size="sm" pending={action.pending} onClick={() => action.run({ membershipId, decision: "confirm" })}>
            Confirm {label}
          </Button>
          <Button size="sm" variant="secondary" pending={action.pending} onClick={() => action.run({ membershipId, decision: "decline" })}>
            Decline
          </Button>
        </div>
      )}
      {action.error && (
        <p role="alert" className="font-medium text-red-700">
          {action.error}
        </p>
      )}
    </div>
  );
}
