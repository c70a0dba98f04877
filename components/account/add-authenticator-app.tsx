"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { confirmTotpEnrolmentAction, startTotpEnrolmentAction } from "@/lib/actions/second-factors";
import { RecoveryCodesReveal } from "./recovery-codes-reveal";

/** The secret in groups of four, as authenticator apps ask for it when typed by hand. */
function grouped(secret: string) {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/**
 * Adding an authenticator app: a QR code (and the same secret as text, for apps on the same
 * device), then the first code the app shows, which proves it was set up. The account's first
 * factor brings its recovery codes.
 */
export function AddAuthenticatorApp() {
  const router = useRouter();
  const start = useAction(startTotpEnrolmentAction);
  const confirm = useAction(confirmTotpEnrolmentAction);
  const [open, setOpen] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const enrolment = start.result?.ok ? start.result.data : null;
  const close = () => {
    setOpen(false);
    setCodes(null);
    confirm.reset();
    router.refresh();
  };
  return (
    <>
      <Button variant="secondary" pending={start.pending} onClick={() => start.run({}, () => setOpen(true))}>
        Add authenticator app
      </Button>
      {start.error && !open && <Alert tone="error">{start.error}</Alert>}
      <Dialog
        open={open && enrolment !== null}
        onOpenChange={(next) => (next ? setOpen(true) : codes ? undefined : close())}
        dismissible={!confirm.pending && !codes}
        busy={confirm.pending}
        title={codes ? "Authenticator app added" : "Add an authenticator app"}
        description={
          codes ? undefined : "Scan the code with Google Authenticator, 1Password, Authy or any app for one-time codes, then enter the code it shows."
        }
        testId="add-authenticator-app"
      >
        {codes ? (
          <RecoveryCodesReveal codes={codes} onDone={close} />
        ) : (
          enrolment && (
            <ActionForm
              label="Confirm authenticator app"
              className="space-y-4"
              error={confirm.formError}
              onSubmit={({ name = "", code = "" }) =>
                confirm.run({ factorId: enrolment.factorId, name, code }, ({ recoveryCodes }) => (recoveryCodes ? setCodes(recoveryCodes) : close()))
              }
            >
              <div className="flex flex-wrap items-center gap-4">
                {/* eslint-disable-next-line @next/next/no-img-element -- an inline data URL, nothing to optimize */}
                <img
                  src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
                  alt="QR code to scan with your authenticator app"
                  width={176}
                  height={176}
                  className="rounded border border-slate-200 bg-white"
                />
                <div className="min-w-0 flex-1 text-sm text-slate-700">
                  <p>Cannot scan? Enter this key in the app instead:</p>
                  <p className="mt-1 font-mono text-base break-all text-slate-900" data-testid="totp-secret">
                    {grouped(enrolment.secret)}
                  </p>
                  <p className="mt-1 text-slate-600">Time-based, 6 digits, every 30 seconds.</p>
                </div>
              </div>
              <Field id="totp-name" label="Name" hint="To tell your factors apart, such as the phone it is on." error={confirm.fieldError("name")}>
                {(control) => <Input name="name" defaultValue="Authenticator app" maxLength={60} required {...control} />}
              </Field>
              <Field id="totp-code" label="Code from the app" error={confirm.fieldError("code")}>
                {(control) => <Input name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} required autoFocus {...control} />}
              </Field>
              <DialogActions cancelDisabled={confirm.pending}>
                <Button type="submit" pending={confirm.pending}>
                  Add
                </Button>
              </DialogActions>
            </ActionForm>
          )
        )}
      </Dialog>
    </>
  );
}
