"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { dismissLockoutNoticeAction } from "@/lib/actions/account";

/** Tells the signed-in user that their account was locked after failed sign-ins, until they say they have read it. */
export function LockoutNotice({ notice }: { notice: string }) {
  const router = useRouter();
  const action = useAction(dismissLockoutNoticeAction);
  const [dismissed, setDismissed] = useState(false);
  if (dismissed) return null;
  return (
    <div className="mb-6" data-testid="lockout-notice">
      <Alert tone="warning" title="Failed sign-ins on your account">
        <p>{notice}</p>
        <div className="mt-3 flex items-center gap-3">
          <Button
            variant="secondary"
            size="sm"
            pending={action.pending}
            onClick={() =>
              action.run({}, () => {
                setDismissed(true);
                router.refresh();
              })
            }
          >
            Got it
          </Button>
          {action.error && <span className="text-xs text-red-800">{action.error}</span>}
        </div>
      </Alert>
    </div>
  );
}
