"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { changeMemberRoleAction, removeMemberAction, revokeInviteAction } from "@/lib/actions/members";
import { ROLE_LABELS, type Role } from "@/lib/domain/roles";

export function MemberRoleSelect({
  organizationSlug,
  membershipId,
  role,
  name,
  assignableRoles,
}: {
  organizationSlug: string;
  membershipId: string;
  role: Role;
  name: string;
  assignableRoles: Role[];
}) {
  const action = useAction((input: { membershipId: string; role: Role }) => changeMemberRoleAction(organizationSlug, input));
  // The select shows the role the server holds: a refused change snaps back.
  const [current, setCurrent] = useState<Role>(role);
  const refused = action.result !== null && !action.result.ok;
  // A grant waiting for a second manager leaves the role in force as it was.
  const waiting = action.result?.ok === true && action.result.data.pendingRole !== undefined;
  const shown = action.pending || !(refused || waiting) ? current : role;
  const options = assignableRoles.includes(role) ? assignableRoles : [role, ...assignableRoles];
  return (
    <div>
      <Select
        aria-label={`Role of ${name}`}
        value={shown}
        disabled={action.pending}
        className="h-9 py-1"
        onChange={(e) => {
          const next = e.currentTarget.value as Role;
          setCurrent(next);
          action.run({ membershipId, role: next });
        }}
      >
        {options.map((r) => (
          <option key={r} value={r} disabled={!assignableRoles.includes(r)}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </Select>
      {action.error && (
        <p className="mt-1 max-w-xs text-xs text-red-700" role="alert">
          {action.error}
        </p>
      )}
      {action.result?.ok && (
        <p className="mt-1 text-xs text-emerald-700" role="status">
          {action.result.data.pendingRole
            ? `${ROLE_LABELS[action.result.data.pendingRole]} waits for another Owner or Admin to confirm it.`
            : `Role changed to ${ROLE_LABELS[action.result.data.role]}.`}
        </p>
      )}
    </div>
  );
}

/** Removing someone asks first: it ends their access on their next request. */
export function RemoveMemberButton({ organizationSlug, membershipId, name }: { organizationSlug: string; membershipId: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction((input: { membershipId: string }) => removeMemberAction(organizationSlug, input));
  if (!confirming) {
    return (
      <Button variant="ghost" size="sm" onClick={() => setConfirming(true)} aria-label={`Remove ${name}`}>
        Remove
      </Button>
    );
  }
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2" role="group" aria-label={`Confirm removing ${name}`}>
        <span className="text-xs text-slate-700">Remove {name}?</span>
        <Button variant="danger" size="sm" pending={action.pending} onClick={() => action.run({ membershipId })} autoFocus>
          Remove
        </Button>
        <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
      {action.error && (
        <Alert tone="error" className="max-w-xs py-1.5 text-xs">
          {action.error}
        </Alert>
      )}
    </div>
  );
}

export function RevokeInviteButton({ organizationSlug, inviteId, email }: { organizationSlug: string; inviteId: string; email: string }) {
  const action = useAction((input: { inviteId: string }) => revokeInviteAction(organizationSlug, input));
  return (
    <span className="flex items-center gap-2">
      {action.error && (
        <span className="text-xs text-red-700" role="alert">
          {action.error}
        </span>
      )}
      <Button variant="ghost" size="sm" pending={action.pending} onClick={() => action.run({ inviteId })} aria-label={`Revoke invitation for ${email}`}>
        Revoke
      </Button>
    </span>
  );
}
