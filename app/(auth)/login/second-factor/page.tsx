import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PasskeySignIn } from "@/components/auth/passkey-sign-in";
import { SecondFactorForm } from "@/components/auth/second-factor-form";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { getSecondFactorSession } from "@/lib/auth/session";
import { listSecondFactors } from "@/lib/data/second-factors/list-second-factors";
import { safeCallbackUrl } from "@/lib/safe-url";

export const metadata: Metadata = { title: "Two-step sign-in" };

// The second step of signing in, and the same step again for a signed-in session that must
// confirm it is the account's owner (an organization requiring it, or a change to the factors).
export default async function SecondFactorPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  const session = await getSecondFactorSession();
  if (!session) redirect(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  const { factors, recoveryCodesLeft } = await listSecondFactors({ userId: session.user.id });
  const kinds = new Set(factors.map((f) => f.kind));
  return (
    <Card className="p-6">
      <h1 className="text-xl font-semibold text-slate-900">Two-step sign-in</h1>
      <p className="mt-1 mb-5 text-sm text-slate-600">
        {session.due ? "Your password was right. One more step to sign in as " : "Confirm it is you to continue, "}
        <span className="font-medium text-slate-900">{session.user.email}</span>.
      </p>
      {factors.length === 0 ? (
        <Alert tone="warning" title="No second factor on this account">
          The account&apos;s second factors were removed while you were signing in. Sign out and sign in again.
        </Alert>
      ) : (
        <div className="space-y-6">
          {kinds.has("PASSKEY") && <PasskeySignIn callbackUrl={callbackUrl} />}
          <SecondFactorForm callbackUrl={callbackUrl} hasTotp={kinds.has("TOTP")} hasPasskey={kinds.has("PASSKEY")} recoveryCodesLeft={recoveryCodesLeft} />
        </div>
      )}
      <div className="mt-6 flex items-center justify-between gap-3 border-t border-slate-200 pt-4 text-sm text-slate-600">
        <span>Not you, or no access to your factors?</span>
        <SignOutButton />
      </div>
    </Card>
  );
}
