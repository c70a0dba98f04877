"use client";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { changePasswordAction } from "@/lib/actions/account";
import { PASSWORD_MIN } from "@/lib/validation/fields";

export function ChangePasswordForm() {
  const action = useAction(changePasswordAction);
  const done = action.result?.ok ? action.result.data : null;
  const success = done
    ? `Password changed. ${done.otherSessionsEnded === 1 ? "1 other session was" : `${done.otherSessionsEnded} other sessions were`} signed out; this one stays signed in.`
    : null;
  return (
    <ActionForm
      label="Change password"
      className="max-w-md space-y-4"
      error={action.formError}
      success={success}
      onSubmit={({ currentPassword = "", newPassword = "" }, form) =>
        action.run({ currentPassword, newPassword }, () => {
          form.reset();
        })
      }
    >
      <Field id="currentPassword" label="Current password" error={action.fieldError("currentPassword")}>
        {(control) => <Input name="currentPassword" type="password" autoComplete="current-password" required {...control} />}
      </Field>
      <Field
        id="newPassword"
        label="New password"
        hint={`At least ${PASSWORD_MIN} characters. A few unrelated words work well.`}
        error={action.fieldError("newPassword")}
      >
        {(control) => <Input name="newPassword" type="password" autoComplete="new-password" required {...control} />}
      </Field>
      <Button type="submit" pending={action.pending}>
        Change password
      </Button>
    </ActionForm>
  );
}
