"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { formValues } from "@/components/ui/use-action";
import { passwordSignIn } from "./password-sign-in";

export function SignInForm({ callbackUrl, defaultEmail = "" }: { callbackUrl: string; defaultEmail?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { email = "", password = "" } = formValues(event.currentTarget);
    if (!email.trim() || !password) {
      setError("Enter your email and password.");
      return;
    }
    startTransition(async () => {
      setError(null);
      const result = await passwordSignIn(email, password, callbackUrl);
      if (!result.ok) setError(result.message);
      else {
        router.replace(callbackUrl);
        router.refresh();
      }
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Sign in">
      {error && <Alert tone="error">{error}</Alert>}
      <Field id="email" label="Email">
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          defaultValue={defaultEmail}
          required
          autoFocus={!defaultEmail}
          aria-describedby={describedBy("email")}
        />
      </Field>
      <Field id="password" label="Password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required autoFocus={Boolean(defaultEmail)} />
      </Field>
      <Button type="submit" className="w-full" pending={pending}>
        Sign in
      </Button>
    </form>
  );
}
