"use client";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { unlockMemberAction } from "@/lib/actions/members";

/** Lifts the lock on a member's account before it runs out; the page then shows them unlocked. */
export function UnlockMemberButton({ organizationSlug, membershipId, name }: { organizationSlug: string; membershipId: string; name: string }) {
  const action = useAction((input: { membershipId: string }) => unlockMemberAction(organizationSlug, input));
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button variant="secondary" size="sm" pending={action.pending} onClick={() => action.run({ membershipId })} aria-label={`Unlock ${name}`}>
        Unlock
      </Button>
      {action.error && (
        <span className="max-w-xs text-xs text-red-700" role="alert">
          {action.error}
        </span>
      )}
    </span>
  );
}
