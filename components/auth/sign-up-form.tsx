"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { formValues, useAction } from "@/components/ui/use-action";
import { useCheckedForm } from "@/components/ui/use-checked-form";
import { signUpAction } from "@/lib/actions/account";
import { ZSignUp } from "@/lib/validation/account";
import { PASSWORD_MIN } from "@/lib/validation/fields";
import { CheckInbox } from "./check-inbox";

export function SignUpForm() {
  const router = useRouter();
  const action = useAction(signUpAction);
  const { errorOf, check } = useCheckedForm(ZSignUp, action.fieldError);
  const [checkInbox, setCheckInbox] = useState<string | null>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    if (!check(values)) return;
    action.run(values as z.input<typeof ZSignUp>, async (answer) => {
      if (answer.kind === "check-inbox") {
        setCheckInbox(answer.email);
        return;
      }
      await signIn("credentials", { email: values.email, password: values.password, redirect: false });
      router.replace(`/${answer.organizationSlug}`);
      router.refresh();
    });
  }

  if (checkInbox) return <CheckInbox email={checkInbox} />;

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Create your account">
      {action.error && <Alert tone="error">{action.error}</Alert>}
      <Field id="name" label="Your name" error={errorOf("name")}>
        {(control) => <Input {...control} name="name" autoComplete="name" required />}
      </Field>
      <Field id="email" label="Work email" error={errorOf("email")}>
        {(control) => <Input {...control} name="email" type="email" autoComplete="email" required />}
      </Field>
      <Field
        id="password"
        label="Password"
        hint={`At least ${PASSWORD_MIN} characters. A passphrase of a few words is easy to remember and hard to guess.`}
        error={errorOf("password")}
      >
        {(control) => <Input {...control} name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN} />}
      </Field>
      <Field id="organizationName" label="Organization" hint="Your team or company. You can invite colleagues next." error={errorOf("organizationName")}>
        {(control) => <Input {...control} name="organizationName" autoComplete="organization" required />}
      </Field>
      <Button type="submit" className="w-full" pending={action.pending}>
        Create account
      </Button>
    </form>
  );
}
