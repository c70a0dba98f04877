"use client";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { resendEmailVerificationAction } from "@/lib/actions/account";

const OUTCOME = {
  sent: "Sent. Open the link in the new message; earlier links no longer work.",
  "already-verified": "Your address is already confirmed.",
  failed: "The email could not be sent just now. Try again in a few minutes.",
  "not-configured": "This installation sends no email. Ask the person who runs ThreatDesk to confirm your address.",
} as const;

/** "Send the link again", with what became of it said beside the button. */
export function ResendVerification() {
  const action = useAction(resendEmailVerificationAction);
  const outcome = action.result?.ok ? action.result.data.outcome : null;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button type="button" variant="secondary" size="sm" pending={action.pending} onClick={() => action.run({})}>
        Send the link again
      </Button>
      <span role="status" className="text-sm">
        {outcome ? OUTCOME[outcome] : action.error}
      </span>
    </span>
  );
}
