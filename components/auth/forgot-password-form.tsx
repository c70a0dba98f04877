"use client";
import { Alert } from "@/components/ui/alert";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { requestPasswordResetAction } from "@/lib/actions/account";

export function ForgotPasswordForm({ defaultEmail = "" }: { defaultEmail?: string }) {
  const action = useAction(requestPasswordResetAction);
  const sent = action.result?.ok ? action.result.data.email : null;
  if (sent) {
    return (
      <Alert tone="success" title="Check your inbox">
        <p data-testid="reset-requested">
          If <strong>{sent}</strong> has a ThreatDesk account, a link to choose a new password is on its way. It works once and for 30 minutes.
        </p>
      </Alert>
    );
  }
  return (
    <ActionForm label="Reset your password" className="space-y-4" error={action.error} onSubmit={({ email = "" }) => action.run({ email })}>
      <Field id="email" label="Email" error={action.fieldError("email")}>
        {(control) => <Input name="email" type="email" autoComplete="username" defaultValue={defaultEmail} autoFocus required {...control} />}
      </Field>
      <Button type="submit" className="w-full" pending={action.pending}>
        Email me a reset link
      </Button>
    </ActionForm>
  );
}
