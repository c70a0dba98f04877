"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { formValues, useAction } from "@/components/ui/use-action";
import { useCheckedForm } from "@/components/ui/use-checked-form";
import { acceptInviteAction, acceptInviteWithNewAccountAction } from "@/lib/actions/account";
import { ZAcceptInviteNewAccount } from "@/lib/validation/account";
import { PASSWORD_MIN } from "@/lib/validation/fields";

/** For a signed-in user whose email matches the invitation: one click to join. */
export function JoinButton({ token, organizationName }: { token: string; organizationName: string }) {
  const router = useRouter();
  const action = useAction(acceptInviteAction);
  return (
    <div className="space-y-3">
      {action.error && <Alert tone="error">{action.error}</Alert>}
      <Button
        className="w-full"
        pending={action.pending}
        onClick={() =>
          action.run({ token }, ({ organizationSlug }) => {
            router.replace(`/${organizationSlug}`);
            router.refresh();
          })
        }
      >
        Join {organizationName}
      </Button>
    </div>
  );
}

/** For a visitor without an account: create it with the invited address and join at once. */
export function CreateAccountAndJoin({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const action = useAction(acceptInviteWithNewAccountAction);
  const { errorOf, check } = useCheckedForm(ZAcceptInviteNewAccount, action.fieldError);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const account = check({ ...formValues(event.currentTarget), token });
    if (!account) return;
    action.run(account, async ({ organizationSlug }) => {
      await signIn("credentials", { email, password: account.password, redirect: false });
      router.replace(`/${organizationSlug}`);
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Create your account and join">
      {action.error && <Alert tone="error">{action.error}</Alert>}
      <Field id="invite-email" label="Email">
        <Input id="invite-email" value={email} readOnly disabled />
      </Field>
      <Field id="name" label="Your name" error={errorOf("name")}>
        {(control) => <Input {...control} name="name" autoComplete="name" required />}
      </Field>
      <Field id="password" label="Choose a password" hint={`At least ${PASSWORD_MIN} characters.`} error={errorOf("password")}>
        {(control) => <Input {...control} name="password" type="password" autoComplete="new-password" required />}
      </Field>
      <Button type="submit" className="w-full" pending={action.pending}>
        Create account and join
      </Button>
    </form>
  );
}
