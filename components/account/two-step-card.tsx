import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { SecondFactorOverview } from "@/lib/data/second-factors/list-second-factors";
import { RECOVERY_CODE_COUNT, SECOND_FACTOR_KIND_LABEL } from "@/lib/domain/second-factor";
import { formatUtcDateTime } from "@/lib/format-time";
import { AddAuthenticatorApp } from "./add-authenticator-app";
import { AddPasskey } from "./add-passkey";
import { RegenerateRecoveryCodes } from "./regenerate-recovery-codes";
import { SecondFactorActions } from "./second-factor-actions";

/** Two-step sign-in: the user's factors (each can be renamed or removed), ways to add one, and the recovery codes. */
export function TwoStepCard({ overview }: { overview: SecondFactorOverview }) {
  const { factors, recoveryCodesLeft } = overview;
  const on = factors.length > 0;
  return (
    <Card>
      <CardHeader
        id="two-step"
        title={<span className="flex items-center gap-2">Two-step sign-in {on ? <Badge tone="green">On</Badge> : <Badge>Off</Badge>}</span>}
        description="After your password, ThreatDesk asks for a code from an authenticator app or for a passkey, so a stolen password alone does not open your account."
        actions={
          <div className="flex flex-wrap gap-2">
            <AddPasskey />
            <AddAuthenticatorApp />
          </div>
        }
      />
      {on ? (
        <ul aria-labelledby="two-step" className="divide-y divide-slate-200 border-t border-slate-200">
          {factors.map((factor) => (
            <li key={factor.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3" data-testid="second-factor-row">
              <div className="min-w-0">
                <p className="text-sm font-medium text-slate-900">{factor.name}</p>
                <p className="mt-0.5 text-sm text-slate-600">
                  {SECOND_FACTOR_KIND_LABEL[factor.kind]} · added {formatUtcDateTime(factor.createdAt)} ·{" "}
                  {factor.lastUsedAt ? `last used ${formatUtcDateTime(factor.lastUsedAt)}` : "not used yet"}
                </p>
              </div>
              <SecondFactorActions
                factor={{ id: factor.id, name: factor.name, kindLabel: SECOND_FACTOR_KIND_LABEL[factor.kind] }}
                last={factors.length === 1}
              />
            </li>
          ))}
          <li className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
            <div>
              <p className="text-sm font-medium text-slate-900">Recovery codes</p>
              <p className="mt-0.5 text-sm text-slate-600" data-testid="recovery-codes-left">
                {recoveryCodesLeft} of {RECOVERY_CODE_COUNT} unused. Each signs you in once if you lose your factors.
              </p>
            </div>
            <RegenerateRecoveryCodes />
          </li>
        </ul>
      ) : (
        <p className="border-t border-slate-200 px-5 py-4 text-sm text-slate-600">
          No second factor yet. Add a passkey or an authenticator app to turn two-step sign-in on.
        </p>
      )}
    </Card>
  );
}
