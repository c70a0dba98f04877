import type { Metadata } from "next";
import Link from "next/link";
import { CreateAccountAndJoin, JoinButton } from "@/components/auth/accept-invite";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { getInviteByToken } from "@/lib/data/invites/get-invite-by-token";
import { ROLE_LABELS } from "@/lib/domain/roles";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = token.length <= 200 ? await getInviteByToken(token) : null;
  const user = await getCurrentUser();

  if (!invite || invite.state !== "pending") {
    return (
      <Card className="p-6">
        <h1 className="text-xl font-semibold text-slate-900">This invitation can’t be used</h1>
        <p className="mt-2 text-sm text-slate-600">
          {invite?.state === "expired"
            ? "It has expired: invitations are valid for 7 days."
            : invite?.state === "accepted"
              ? "It has already been used. Each invitation link works once."
              : invite?.state === "revoked"
                ? "It was withdrawn by an administrator."
                : "The link is not valid. Check that you copied all of it."}{" "}
          Ask an owner or admin of the organization for a new invitation.
        </p>
        <Link href="/" className={buttonClass("secondary", "md", "mt-5")}>
          Go to ThreatDesk
        </Link>
      </Card>
    );
  }

  const invitedAs = (
    <p className="mt-1 mb-5 text-sm text-slate-600">
      You are invited to join <strong className="text-slate-900">{invite.organizationName}</strong> as{" "}
      <strong className="text-slate-900">{ROLE_LABELS[invite.role]}</strong>.
    </p>
  );

  return (
    <Card className="p-6">
      <h1 className="text-xl font-semibold text-slate-900">Join {invite.organizationName}</h1>
      {invitedAs}
      {user ? (
        user.email === invite.email ? (
          <JoinButton token={token} organizationName={invite.organizationName} />
        ) : (
          <div className="space-y-4">
            <Alert tone="warning">
              This invitation is for <strong>{invite.email}</strong>, but you are signed in as <strong>{user.email}</strong>. Sign out, then open the link
              again.
            </Alert>
            <SignOutButton returnTo={`/invite/${token}`} />
          </div>
        )
      ) : invite.accountExists ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-700">
            There is already an account for <strong>{invite.email}</strong>. Sign in to accept.
          </p>
          <Link
            href={`/login?callbackUrl=${encodeURIComponent(`/invite/${token}`)}&email=${encodeURIComponent(invite.email)}`}
            className={buttonClass("primary", "md", "w-full")}
          >
            Sign in to accept
          </Link>
        </div>
      ) : (
        <CreateAccountAndJoin token={token} email={invite.email} />
      )}
    </Card>
  );
}
