"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ActionForm } from "@/components/ui/action-form";
import { Field, Input, Options, Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { inviteMemberAction } from "@/lib/actions/members";
import { ROLE_LABELS, type Role } from "@/lib/domain/roles";
import { formatDate } from "@/lib/format";

export function InviteForm({ organizationSlug, assignableRoles }: { organizationSlug: string; assignableRoles: Role[] }) {
  const action = useAction((input: { email: string; role: string }) => inviteMemberAction(organizationSlug, input as { email: string; role: Role }));
  const [copied, setCopied] = useState(false);
  const created = action.result?.ok ? action.result.data : null;
  const link = created && typeof window !== "undefined" ? `${window.location.origin}${created.path}` : null;

  return (
    <div className="space-y-4">
      <ActionForm
        label="Invite a member"
        className="grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
        onSubmit={({ email = "", role = "" }) => {
          setCopied(false);
          action.run({ email, role });
        }}
      >
        <Field id="invite-email" label="Email" error={action.fieldError("email")}>
          {(control) => <Input name="email" type="email" placeholder="colleague@example.com" {...control} />}
        </Field>
        <Field id="invite-role" label="Role" error={action.fieldError("role")}>
          {(control) => (
            <Select name="role" defaultValue="CONTRIBUTOR" {...control}>
              <Options options={assignableRoles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
            </Select>
          )}
        </Field>
        <Button type="submit" className="sm:mt-6" pending={action.pending}>
          Create invitation link
        </Button>
      </ActionForm>
      {/* Below the form, not in its grid: the message spans the card. */}
      {action.error && <Alert tone="error">{action.error}</Alert>}
      {created && link && (
        <Alert tone="success" title={`Invitation for ${created.email} (${ROLE_LABELS[created.role]})`}>
          <p data-testid="invite-delivery">
            {created.emailed === "sent"
              ? `Emailed to ${created.email}. You can also share the link yourself: it`
              : created.emailed === "failed"
                ? "The invitation email could not be sent. Send this link to them yourself: it"
                : "Send this link to them. It"}{" "}
            works once and expires on {formatDate(new Date(created.expiresAt))}. It will not be shown again.
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <Input
              readOnly
              value={link}
              aria-label="Invitation link"
              data-testid="invite-link"
              className="min-w-0 flex-1 font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
            <Button
              type="button"
              variant="secondary"
              size="sm"
              onClick={async () => {
                await navigator.clipboard?.writeText(link).catch(() => undefined);
                setCopied(true);
              }}
            >
              {copied ? "Copied" : "Copy link"}
            </Button>
          </div>
        </Alert>
      )}
    </div>
  );
}
