"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { formValues, useAction } from "@/components/ui/use-action";
import { signUpAction } from "@/lib/actions/account";
import { ZSignUp } from "@/lib/validation/account";
import { PASSWORD_MIN } from "@/lib/validation/fields";
import { CheckInbox } from "./check-inbox";

export function SignUpForm() {
  const router = useRouter();
  const action = useAction(signUpAction);
  const [checkInbox, setCheckInbox] = useState<string | null>(null);
  const [clientErrors, setClientErrors] = useState<Record<string, string[] | undefined>>({});
  const errorOf = (name: string) => clientErrors[name] ?? action.fieldError(name);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    // The server validates with the same schema; checking here first saves a round trip.
    const parsed = ZSignUp.safeParse(values);
    if (!parsed.success) {
      setClientErrors(z.flattenError(parsed.error).fieldErrors);
      return;
    }
    setClientErrors({});
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
        <Input id="name" name="name" autoComplete="name" required invalid={Boolean(errorOf("name"))} aria-describedby={describedBy("name", errorOf("name"))} />
      </Field>
      <Field id="email" label="Work email" error={errorOf("email")}>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          invalid={Boolean(errorOf("email"))}
          aria-describedby={describedBy("email", errorOf("email"))}
        />
      </Field>
      <Field
        id="password"
        label="Password"
        hint={`At least ${PASSWORD_MIN} characters. A passphrase of a few words is easy to remember and hard to guess.`}
        error={errorOf("password")}
      >
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          invalid={Boolean(errorOf("password"))}
          aria-describedby={describedBy("password", errorOf("password"), true)}
        />
      </Field>
      <Field id="organizationName" label="Organization" hint="Your team or company. You can invite colleagues next." error={errorOf("organizationName")}>
        <Input
          id="organizationName"
          name="organizationName"
          autoComplete="organization"
          required
          invalid={Boolean(errorOf("organizationName"))}
          aria-describedby={describedBy("organizationName", errorOf("organizationName"), true)}
        />
      </Field>
      <Button type="submit" className="w-full" pending={action.pending}>
        Create account
      </Button>
    </form>
  );
}
