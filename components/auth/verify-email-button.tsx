"use client";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { verifyEmailAction } from "@/lib/actions/account";

// A button rather than confirming on page load: mail scanners that open links must not use them.
export function VerifyEmailButton({ token }: { token: string }) {
  const action = useAction(verifyEmailAction);
  const confirmed = action.result?.ok ? action.result.data.email : null;
  if (confirmed) {
    return (
      <div className="space-y-4">
        <Alert tone="success" title="Email address confirmed">
          <p>{confirmed} is confirmed. You can now be given any role, including those that sign off threat models.</p>
        </Alert>
        <Link href="/" className="block text-center text-sm font-medium text-brand-700 hover:underline">
          Go to ThreatDesk
        </Link>
      </div>
    );
  }
  return (
    <ActionForm label="Confirm your email address" error={action.error} className="space-y-4" onSubmit={() => action.run({ token })}>
      <Button type="submit" className="w-full" pending={action.pending}>
        Confirm my email address
      </Button>
    </ActionForm>
  );
}
