"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useAction } from "@/components/ui/use-action";
import { setMfaRequirementAction } from "@/lib/actions/organizations";

const withoutFactor = (n: number) => (n === 1 ? "1 member has" : `${n} members have`);

/**
 * Whether every member must sign in with a second factor. Owners turn it on (after a dialog that
 * says who it stops) or off; everyone else only sees whether it is required.
 */
export function TwoStepRequirementCard({
  organizationSlug,
  organizationName,
  required,
  membersWithoutFactor,
  mayChange,
  ownFactor,
}: {
  organizationSlug: string;
  organizationName: string;
  required: boolean;
  membersWithoutFactor: number;
  mayChange: boolean;
  /** The Owner's own account has a confirmed factor (without one they cannot turn it on). */
  ownFactor: boolean;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const action = useAction((input: { required: boolean }) => setMfaRequirementAction(organizationSlug, input));
  const change = (next: boolean) =>
    action.run({ required: next }, () => {
      setConfirming(false);
      router.refresh();
    });
  const changed = action.result?.ok && !confirming ? action.result.data : null;

  return (
    <div data-testid="two-step-requirement">
      <Card className="max-w-3xl">
        <CardHeader
          id="two-step-heading"
          title="Two-step sign-in"
          description="Whether every member must confirm each sign-in with an authenticator app or a passkey, as well as their password."
          actions={required ? <Badge tone="green">Required</Badge> : <Badge>Not required</Badge>}
        />
        <div className="space-y-4 p-5 text-sm text-slate-700">
          <p>
            {required ? "While it is required, a" : "When it is required, a"} member without a second factor is sent to their Account page to add one and cannot
            open {organizationName} until they have. Members who have one give it when they sign in. Nothing anyone wrote is lost.
          </p>
          {mayChange ? (
            <>
              <p data-testid="members-without-factor">
                <span className="font-medium text-slate-900">{withoutFactor(membersWithoutFactor)} no second factor yet.</span>{" "}
                <Link href={`/${organizationSlug}/settings/members`} className="font-medium text-brand-700 underline">
                  See who still has to enrol
                </Link>
              </p>
              {!required && !ownFactor && (
                <Alert tone="info">
                  Add a second factor to your own account first, under{" "}
                  <Link href="/account#two-step" className="font-medium underline">
                    Account
                  </Link>
                  . Then you can require it for everyone.
                </Alert>
              )}
              {changed && <Alert tone="success">{changed.required ? "Two-step sign-in is now required." : "Two-step sign-in is no longer required."}</Alert>}
              {action.error && !confirming && <Alert tone="error">{action.error}</Alert>}
              {required ? (
                <Button variant="secondary" pending={action.pending} onClick={() => change(false)}>
                  Stop requiring two-step sign-in
                </Button>
              ) : (
                <Button
                  disabled={!ownFactor}
                  onClick={() => {
                    action.reset();
                    setConfirming(true);
                  }}
                >
                  Require two-step sign-in
                </Button>
              )}
            </>
          ) : (
            <p className="text-slate-600">Only owners can change this.</p>
          )}
        </div>
        <Dialog
          open={confirming}
          onOpenChange={setConfirming}
          dismissible={!action.pending}
          busy={action.pending}
          title={`Require two-step sign-in for ${organizationName}?`}
          description={`${withoutFactor(membersWithoutFactor)} no second factor yet.`}
        >
          <div className="space-y-3 text-sm text-slate-700">
            <p>
              From their next page or action, each of them is sent to their Account page to add an authenticator app or a passkey, and cannot open{" "}
              {organizationName} until they have. Members with a factor who have not given it in this sign-in are asked for it.
            </p>
            {action.error && <Alert tone="error">{action.error}</Alert>}
            <DialogActions cancelDisabled={action.pending}>
              <Button pending={action.pending} onClick={() => change(true)}>
                Require two-step sign-in
              </Button>
            </DialogActions>
          </div>
        </Dialog>
      </Card>
    </div>
  );
}
