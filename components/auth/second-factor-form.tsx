"use client";
import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { giveSecondFactorAction } from "@/lib/actions/second-factors";

type Method = "totp" | "recovery";

/**
 * The code half of the second step: a code from the authenticator app, or one of the recovery
 * codes. On success the server has rotated the session; a full navigation makes every part of
 * the next page read the new one.
 */
export function SecondFactorForm({
  callbackUrl,
  hasTotp,
  hasPasskey,
  recoveryCodesLeft,
}: {
  callbackUrl: string;
  hasTotp: boolean;
  hasPasskey: boolean;
  recoveryCodesLeft: number;
}) {
  const [method, setMethod] = useState<Method | null>(hasTotp ? "totp" : null);
  const action = useAction(giveSecondFactorAction);
  const switchTo = (next: Method) => {
    action.reset();
    setMethod(next);
  };
  const onSubmit = (code: string) => method && action.run({ method, code, callbackUrl }, ({ redirectTo }) => window.location.assign(redirectTo));
  const error = action.formError;

  return (
    <div className="space-y-4">
      {method === "totp" && (
        <ActionForm label="Second step with your authenticator app" className="space-y-4" error={error} onSubmit={({ code = "" }) => onSubmit(code)}>
          <Field id="code" label="Code from your authenticator app" hint="Six digits; a new one every 30 seconds." error={action.fieldError("code")}>
            {(control) => <Input name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} autoFocus required {...control} />}
          </Field>
          <Button type="submit" className="w-full" pending={action.pending}>
            Continue
          </Button>
        </ActionForm>
      )}
      {method === "recovery" && (
        <ActionForm label="Second step with a recovery code" className="space-y-4" error={error} onSubmit={({ recoveryCode = "" }) => onSubmit(recoveryCode)}>
          <Field
            id="recoveryCode"
            label="Recovery code"
            hint={`One of the codes you saved when you set up two-step sign-in, like 7KQ2M-X9D4P. ${recoveryCodesLeft} unused.`}
            error={action.fieldError("recoveryCode")}
          >
            {(control) => <Input name="recoveryCode" autoComplete="off" spellCheck={false} autoFocus required {...control} />}
          </Field>
          <Button type="submit" className="w-full" pending={action.pending}>
            Continue
          </Button>
        </ActionForm>
      )}
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {method !== "totp" && hasTotp && (
          <button type="button" className="font-medium text-brand-700 hover:underline" onClick={() => switchTo("totp")}>
            Use your authenticator app
          </button>
        )}
        {method !== "recovery" && recoveryCodesLeft > 0 && (
          <button type="button" className="font-medium text-brand-700 hover:underline" onClick={() => switchTo("recovery")}>
            {hasPasskey || hasTotp ? "Use a recovery code instead" : "Use a recovery code"}
          </button>
        )}
      </div>
    </div>
  );
}
