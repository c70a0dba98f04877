import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { OrgContext, RequestMeta, UserContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db, type Tx } from "@/lib/db/client";
import { refuseMembershipChange } from "@/lib/domain/membership-rules";
import type { Role } from "@/lib/domain/roles";
import { ConflictError, ForbiddenError, NotFoundError, SafeError } from "@/lib/errors";
import { actedAs, actedBy, recordAuditEvent } from "./audit";
import { insertUser } from "./accounts";

export const INVITE_TTL_DAYS = 7;

function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export type PendingInvite = { id: string; email: string; role: Role; expiresAt: Date; createdAt: Date; invitedBy: string };

/** Creates an invitation and returns its token, which is shown once and never stored. */
export async function createInvite(ctx: OrgContext, input: { email: string; role: Role }, now = new Date()) {
  requirePermission(ctx, "member.invite");
  const refusal = refuseMembershipChange({ kind: "invite", actorRole: ctx.role, newRole: input.role });
  if (refusal) throw new ForbiddenError(refusal);
  const email = input.email.toLowerCase();
  const alreadyMember = await db().membership.findFirst({
    where: { organizationId: ctx.organizationId, user: { email } },
    select: { id: true },
  });
  if (alreadyMember) throw new ConflictError(`${email} is already a member of ${ctx.organizationName}.`);

  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000);
  const invite = await db().$transaction(async (tx) => {
    const created = await tx.invite.create({
      data: { organizationId: ctx.organizationId, email, role: input.role, tokenHash: hashToken(token), invitedById: ctx.userId, expiresAt },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await recordAuditEvent(tx, actedBy(ctx), "invite.created", { type: "invite", id: created.id }, { email, role: input.role, expiresAt: expiresAt.toISOString() });
    return created;
  });
  return { invite, token };
}

export async function listPendingInvites(ctx: OrgContext, now = new Date()): Promise<PendingInvite[]> {
  requirePermission(ctx, "member.invite");
  const rows = await db().invite.findMany({
    where: { organizationId: ctx.organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({ ...r, invitedBy: r.invitedBy.name }));
}

export async function revokeInvite(ctx: OrgContext, input: { inviteId: string }) {
  requirePermission(ctx, "member.invite");
  await db().$transaction(async (tx) => {
    const revoked = await tx.invite.updateMany({
      where: { id: input.inviteId, organizationId: ctx.organizationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (revoked.count !== 1) throw new NotFoundError("That invitation");
    await recordAuditEvent(tx, actedBy(ctx), "invite.revoked", { type: "invite", id: input.inviteId });
  });
}

export type InviteView = {
  email: string;
  role: Role;
  organizationName: string;
  organizationSlug: string;
  state: "pending" | "accepted" | "expired" | "revoked";
  accountExists: boolean;
};

/** What the invite page shows to whoever holds the link. Unknown tokens are simply not found. */
export async function getInviteByToken(token: string, now = new Date()): Promise<InviteView | null> {
  const invite = await db().invite.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { email: true, role: true, acceptedAt: true, revokedAt: true, expiresAt: true, organization: { select: { name: true, slug: true } } },
  });
  if (!invite) return null;
  const state = invite.acceptedAt ? "accepted" : invite.revokedAt ? "revoked" : invite.expiresAt <= now ? "expired" : "pending";
  const accountExists = (await db().user.count({ where: { email: invite.email } })) > 0;
  return { email: invite.email, role: invite.role, organizationName: invite.organization.name, organizationSlug: invite.organization.slug, state, accountExists };
}

const INVITE_UNUSABLE = "This invitation link is no longer valid: it was already used, revoked or has expired. Ask for a new one.";

/**
 * Claims the invitation for a user, once: the conditional update is the single point where two
 * simultaneous clicks race, and only one of them can change the row.
 */
async function claimInvite(tx: Tx, token: string, user: { id: string; email: string }, meta: RequestMeta, now: Date) {
  const invite = await tx.invite.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, email: true, role: true, organizationId: true } });
  if (!invite) throw new NotFoundError("That invitation");
  if (invite.email !== user.email.toLowerCase()) {
    throw new SafeError(`This invitation is for ${invite.email}. Sign in with that address to accept it.`, "forbidden");
  }
  const claimed = await tx.invite.updateMany({
    where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now, acceptedById: user.id },
  });
  if (claimed.count !== 1) throw new SafeError(INVITE_UNUSABLE, "conflict");
  const existing = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId: invite.organizationId, userId: user.id } }, select: { id: true } });
  if (!existing) await tx.membership.create({ data: { organizationId: invite.organizationId, userId: user.id, role: invite.role } });
  await tx.user.update({ where: { id: user.id }, data: { lastOrganizationId: invite.organizationId } });
  await recordAuditEvent(tx, actedAs(invite.organizationId, { id: user.id, label: user.email, meta }), "invite.accepted", { type: "invite", id: invite.id }, { email: user.email, role: invite.role });
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: invite.organizationId }, select: { slug: true } });
  return { organizationSlug: organization.slug };
}

export async function acceptInvite(user: UserContext, token: string, now = new Date()) {
  return db().$transaction((tx) => claimInvite(tx, token, { id: user.userId, email: user.email }, user.meta, now));
}

/** Accepts an invitation by creating the invited address's account at the same time. */
export async function acceptInviteWithNewAccount(input: { token: string; name: string; password: string }, meta: RequestMeta, now = new Date()) {
  const invite = await db().invite.findUnique({ where: { tokenHash: hashToken(input.token) }, select: { email: true } });
  if (!invite) throw new NotFoundError("That invitation");
  return db().$transaction(async (tx) => {
    const user = await insertUser(tx, { name: input.name, email: invite.email, password: input.password });
    const result = await claimInvite(tx, input.token, user, meta, now);
    return { ...result, email: user.email };
  });
}
