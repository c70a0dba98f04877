"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { startPasskeySignInAction } from "@/lib/actions/passkeys";
import { giveSecondFactorAction } from "@/lib/actions/second-factors";
import { browserPasskeyMessage, loadWebAuthn } from "./passkey-browser";

type Notice = { tone: "info" | "error"; message: string };

const UNREACHABLE = "Could not reach ThreatDesk. Check your connection and try again.";

/**
 * The passkey half of the second step: the server gives a challenge, the browser has the
 * passkey or security key sign it, the server checks it and rotates the session. A prompt the
 * user closed is no failure: they can press the button again or use a code.
 */
export function PasskeySignIn({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  async function signIn() {
    setPending(true);
    setNotice(null);
    let leaving = false;
    try {
      const started = await startPasskeySignInAction({});
      if (!started.ok) return setNotice({ tone: "error", message: started.message });
      const { startAuthentication } = await loadWebAuthn();
      const response = await startAuthentication({ optionsJSON: started.data }).catch((error: unknown) => {
        setNotice({ tone: "info", message: browserPasskeyMessage(error, "sign-in") });
        return null;
      });
      if (!response) return;
      const given = await giveSecondFactorAction({ method: "passkey", response, callbackUrl });
      if (!given.ok) return setNotice({ tone: "error", message: given.fieldErrors?.passkey?.[0] ?? given.message });
      // A full navigation, so every part of the next page reads the rotated session.
      leaving = true;
      window.location.assign(given.data.redirectTo);
    } catch {
      setNotice({ tone: "error", message: UNREACHABLE });
    } finally {
      if (!leaving) setPending(false);
    }
  }

  return (
    <section aria-labelledby="passkey-sign-in" className="space-y-3">
      <h2 id="passkey-sign-in" className="text-sm font-medium text-slate-800">
        Passkey or security key
      </h2>
      {notice && <Alert tone={notice.tone}>{notice.message}</Alert>}
      <Button className="w-full" pending={pending} onClick={() => void signIn()}>
        Use your passkey
      </Button>
    </section>
  );
}
