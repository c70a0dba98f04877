"use client";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { resetPasswordAction } from "@/lib/actions/account";
import { PASSWORD_MIN } from "@/lib/validation/fields";

export function ResetPasswordForm({ token }: { token: string }) {
  const action = useAction(resetPasswordAction);
  const done = action.result?.ok ? action.result.data.email : null;
  if (done) {
    return (
      <div className="space-y-4">
        <Alert tone="success" title="Your password was changed">
          <p>Every session of {done} was signed out. Sign in with the new password.</p>
        </Alert>
        <Link href={`/login?email=${encodeURIComponent(done)}`} className="block text-center text-sm font-medium text-brand-700 hover:underline">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <ActionForm label="Choose a new password" className="space-y-4" error={action.formError} onSubmit={({ password = "" }) => action.run({ token, password })}>
      <Field
        id="password"
        label="New password"
        hint={`At least ${PASSWORD_MIN} characters. A passphrase of a few unrelated words is easy to remember and hard to guess.`}
        error={action.fieldError("password")}
      >
        {(control) => <Input name="password" type="password" autoComplete="new-password" autoFocus required {...control} />}
      </Field>
      <Button type="submit" className="w-full" pending={action.pending}>
        Set new password
      </Button>
    </ActionForm>
  );
}
