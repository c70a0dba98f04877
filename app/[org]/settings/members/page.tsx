import type { Metadata } from "next";
import { InviteForm } from "@/components/settings/invite-form";
import { MemberRoleSelect, RemoveMemberButton, RevokeInviteButton } from "@/components/settings/member-row-actions";
import { UnlockMemberButton } from "@/components/settings/unlock-member-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { ColumnHeader } from "@/components/ui/column-header";
import { assignableRoles, can, mayAssignRole } from "@/lib/auth/permissions";
import { requireOrgPage } from "@/lib/auth/session";
import { listPendingInvites } from "@/lib/data/invites/list-pending-invites";
import { listLockedMembers } from "@/lib/data/members/list-locked-members";
import { listMembers } from "@/lib/data/members/list-members";
import { RoleGrantDecision } from "@/components/settings/role-grant-decision";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { formatDate } from "@/lib/format";
import { formatUtcDateTime } from "@/lib/format-time";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await requireOrgPage(org, "member.read");
  const manage = can(ctx.role, "member.invite");
  const unlock = can(ctx.role, "member.unlock");
  const [members, invites, locked] = await Promise.all([
    listMembers(ctx),
    manage ? listPendingInvites(ctx) : Promise.resolve([]),
    unlock ? listLockedMembers(ctx) : Promise.resolve(new Map<string, Date>()),
  ]);
  const roles = assignableRoles(ctx.role);
  const slug = ctx.organizationSlug;

  return (
    <>
      <PageHeader title="Members" description={`People in ${ctx.organizationName} and what each of them may do.`} />
      {manage && (
        <Card className="mb-6">
          <CardHeader title="Invite a member" description="Creates a link to send them yourself. It works once and expires after 7 days." />
          <div className="p-5">
            <InviteForm organizationSlug={slug} assignableRoles={roles} />
          </div>
        </Card>
      )}
      <Card className="mb-6">
        <CardHeader title={`Members (${members.length})`} />
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Members and their roles</caption>
            <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
              <tr>
                <ColumnHeader className="px-5 py-2.5">Name</ColumnHeader>
                <ColumnHeader className="px-3 py-2.5">Role</ColumnHeader>
                <ColumnHeader className="px-3 py-2.5">Joined</ColumnHeader>
                {manage && <ColumnHeader className="px-3 py-2.5">Two-step</ColumnHeader>}
                {manage && (
                  <ColumnHeader className="px-5 py-2.5 text-right">
                    <span className="sr-only">Actions</span>
                  </ColumnHeader>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.map((m) => {
                const isSelf = m.userId === ctx.userId;
                const mayTouch = manage && mayAssignRole(ctx.role, m.role);
                return (
                  <tr key={m.membershipId} data-testid={`member-${m.email}`}>
                    <td className="px-5 py-3">
                      <p className="font-medium text-slate-900">
                        {m.name} {isSelf && <Badge className="ml-1">You</Badge>}
                      </p>
                      <p className="text-xs text-slate-600">{m.email}</p>
                      {locked.has(m.userId) && (
                        <p className="mt-1 text-xs text-slate-700">
                          <Badge tone="red">Locked</Badge> after failed sign-ins, until {formatUtcDateTime(locked.get(m.userId)!)}
                        </p>
                      )}
                    </td>
                    <td className="px-3 py-3">
                      {mayTouch && !isSelf ? (
                        <MemberRoleSelect organizationSlug={slug} membershipId={m.membershipId} role={m.role} name={m.name} assignableRoles={roles} />
                      ) : (
                        <span>{ROLE_LABELS[m.role]}</span>
                      )}
                      {m.pendingGrant && <RoleGrantDecision organizationSlug={slug} membershipId={m.membershipId} name={m.name} grant={m.pendingGrant} />}
                    </td>
                    <td className="px-3 py-3 text-slate-600">{formatDate(m.joinedAt)}</td>
                    {manage && (
                      <td className="px-3 py-3">{m.twoStep ? <Badge tone="green">Two-step: on</Badge> : <Badge tone="amber">Two-step: off</Badge>}</td>
                    )}
                    {manage && (
                      <td className="px-5 py-3 text-right">
                        <span className="inline-flex items-start gap-2">
                          {unlock && locked.has(m.userId) && <UnlockMemberButton organizationSlug={slug} membershipId={m.membershipId} name={m.name} />}
                          {mayTouch && !isSelf && <RemoveMemberButton organizationSlug={slug} membershipId={m.membershipId} name={m.name} />}
                        </span>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>
      {manage && (
        <Card>
          <CardHeader title="Pending invitations" />
          {invites.length === 0 ? (
            <EmptyState title="No pending invitations" description="Invitations you create appear here until they are used, revoked or expire." />
          ) : (
            <ul className="divide-y divide-slate-100">
              {invites.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm">
                  <span>
                    <span className="font-medium text-slate-900">{i.email}</span>{" "}
                    <span className="text-slate-500">
                      as {ROLE_LABELS[i.role]} · invited by {i.invitedBy} · expires {formatDate(i.expiresAt)}
                    </span>
                  </span>
                  <RevokeInviteButton organizationSlug={slug} inviteId={i.id} email={i.email} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
    </>
  );
}
