"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { formValues, useAction } from "@/components/ui/use-action";
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
  const [clientErrors, setClientErrors] = useState<Record<string, string[] | undefined>>({});
  const errorOf = (name: string) => clientErrors[name] ?? action.fieldError(name);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = { ...formValues(event.currentTarget), token };
    const parsed = ZAcceptInviteNewAccount.safeParse(values);
    if (!parsed.success) {
      setClientErrors(z.flattenError(parsed.error).fieldErrors);
      return;
    }
    setClientErrors({});
    action.run(parsed.data, async ({ organizationSlug }) => {
      await signIn("credentials", { email, password: parsed.data.password, redirect: false });
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
        <Input id="name" name="name" autoComplete="name" required invalid={Boolean(errorOf("name"))} aria-describedby={describedBy("name", errorOf("name"))} />
      </Field>
      <Field id="password" label="Choose a password" hint={`At least ${PASSWORD_MIN} characters.`} error={errorOf("password")}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          invalid={Boolean(errorOf("password"))}
          aria-describedby={describedBy("password", errorOf("password"), true)}
        />
      </Field>
      <Button type="submit" className="w-full" pending={action.pending}>
        Create account and join
      </Button>
    </form>
  );
}
