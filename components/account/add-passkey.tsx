"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { loadWebAuthn, browserPasskeyMessage } from "@/components/auth/passkey-browser";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { finishPasskeyRegistrationAction, startPasskeyRegistrationAction } from "@/lib/actions/passkeys";
import type { ActionResult } from "@/lib/actions/result";
import { RecoveryCodesReveal } from "./recovery-codes-reveal";

const UNREACHABLE = "Could not reach ThreatDesk. Check your connection and try again; the name you typed is kept.";

/** A refusal shows beside the name when it is about the name, above the form otherwise. */
type Refusal = { message: string | null; nameError?: string };

function refusal(result: Extract<ActionResult<unknown>, { ok: false }>): Refusal {
  const nameError = result.fieldErrors?.name?.[0];
  return { message: nameError ? null : result.message, nameError };
}

/**
 * Adding a passkey or security key: the user names it, the browser creates the credential (its
 * own prompt: fingerprint, face, PIN or a touch of the key), the server checks and keeps it. The
 * account's first factor brings its recovery codes.
 */
export function AddPasskey() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [refused, setRefused] = useState<Refusal | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const close = () => {
    setOpen(false);
    setCodes(null);
    setRefused(null);
    router.refresh();
  };

  async function add(name: string) {
    setPending(true);
    setRefused(null);
    try {
      const started = await startPasskeyRegistrationAction({ name });
      if (!started.ok) return setRefused(refusal(started));
      const { startRegistration } = await loadWebAuthn();
      const response = await startRegistration({ optionsJSON: started.data }).catch((error: unknown) => {
        setRefused({ message: browserPasskeyMessage(error, "add") });
        return null;
      });
      if (!response) return;
      const finished = await finishPasskeyRegistrationAction({ name, response });
      if (!finished.ok) return setRefused(refusal(finished));
      if (finished.data.recoveryCodes) setCodes(finished.data.recoveryCodes);
      else close();
    } catch {
      setRefused({ message: UNREACHABLE });
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Add passkey
      </Button>
      <Dialog
        open={open}
        onOpenChange={(next) => (next ? setOpen(true) : codes ? undefined : close())}
        dismissible={!pending && !codes}
        busy={pending}
        title={codes ? "Passkey added" : "Add a passkey or security key"}
        description={
          codes
            ? undefined
            : "Your browser asks for this device's fingerprint, face or PIN, or for a touch of your security key. Nothing leaves the device but a public key."
        }
        testId="add-passkey"
      >
        {codes ? (
          <RecoveryCodesReveal codes={codes} onDone={close} />
        ) : (
          <ActionForm label="Add passkey" className="space-y-4" error={refused?.message} onSubmit={({ name = "" }) => void add(name)}>
            <Field id="passkey-name" label="Name" hint="To tell your factors apart, such as “Work laptop” or “YubiKey 5C”." error={refused?.nameError}>
              {(control) => <Input name="name" maxLength={60} autoComplete="off" required autoFocus {...control} />}
            </Field>
            <DialogActions cancelDisabled={pending}>
              <Button type="submit" pending={pending}>
                Continue
              </Button>
            </DialogActions>
          </ActionForm>
        )}
      </Dialog>
    </>
  );
}
