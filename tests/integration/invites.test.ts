// Invitations: created once, usable once, only by the invited address, only before expiry.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { verifyCredentials } from "@/lib/data/accounts/verify-credentials";
import { acceptInvite } from "@/lib/data/invites/accept-invite";
import { acceptInviteWithNewAccount } from "@/lib/data/invites/accept-invite-with-new-account";
import { INVITE_TTL_DAYS, createInvite } from "@/lib/data/invites/create-invite";
import { getInviteByToken } from "@/lib/data/invites/get-invite-by-token";
import { listPendingInvites } from "@/lib/data/invites/list-pending-invites";
import { revokeInvite } from "@/lib/data/invites/revoke-invite";
import { ConflictError, NotFoundError, SafeError } from "@/lib/errors";
import { PASSWORD, createOrg, createUser, expectSafeError, meta, uid, userContext } from "./helpers";

const DAY = 86_400_000;

async function stateOf(organizationId: string, email: string) {
  const [users, memberships, invites, acceptedEvents] = await Promise.all([
    db().user.count({ where: { email } }),
    db().membership.count({ where: { organizationId, user: { email } } }),
    db().invite.findMany({ where: { organizationId, email }, orderBy: { id: "asc" } }),
    db().auditEvent.count({ where: { organizationId, action: "invite.accepted" } }),
  ]);
  return { users, memberships, invites, acceptedEvents };
}

describe("invitations", () => {
  it("createInvite stores only a hash of the token, which getInviteByToken shows as pending", async () => {
    const org = await createOrg("inv-create");
    const email = `new-${uid()}@example.test`;
    const now = new Date();
    const { invite, token } = await createInvite(org.ctx.ADMIN, { email: email.toUpperCase(), role: "SECURITY_LEAD" }, now);

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invite.email).toBe(email);
    expect(invite.expiresAt.getTime()).toBe(now.getTime() + INVITE_TTL_DAYS * DAY);
    const row = await db().invite.findUniqueOrThrow({ where: { id: invite.id } });
    expect(row).toMatchObject({ organizationId: org.id, email, role: "SECURITY_LEAD", invitedById: org.users.ADMIN.id, acceptedAt: null, revokedAt: null });
    expect(row.tokenHash).not.toContain(token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const event = await db().auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "invite.created" } });
    expect(event.targetId).toBe(invite.id);

    await expect(getInviteByToken(token)).resolves.toEqual({
      email,
      role: "SECURITY_LEAD",
      organizationName: org.name,
      organizationSlug: org.slug,
      state: "pending",
      accountExists: false,
    });
    expect((await listPendingInvites(org.ctx.OWNER)).map((i) => i.id)).toEqual([invite.id]);
    await expect(getInviteByToken(`${token}x`)).resolves.toBeNull();
  });

  it("acceptInviteWithNewAccount creates the user and a membership with the invited role, once", async () => {
    const org = await createOrg("inv-new-account");
    const email = `joiner-${uid()}@example.test`;
    // A copied link (nothing is emailed here): a role that approves would need a confirmed address.
    const { invite, token } = await createInvite(org.ctx.OWNER, { email, role: "CONTRIBUTOR" });

    const result = await acceptInviteWithNewAccount({ token, name: "Joiner", password: PASSWORD }, meta);
    expect(result).toEqual({ organizationSlug: org.slug, email });

    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.name).toBe("Joiner");
    expect(user.lastOrganizationId).toBe(org.id);
    expect(user.passwordHash.startsWith("$argon2id$")).toBe(true);
    const membership = await db().membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId: org.id, userId: user.id } } });
    expect(membership.role).toBe("CONTRIBUTOR");
    const row = await db().invite.findUniqueOrThrow({ where: { id: invite.id } });
    expect(row.acceptedById).toBe(user.id);
    expect(row.acceptedAt).toBeInstanceOf(Date);
    await expect(verifyCredentials(email, PASSWORD)).resolves.toMatchObject({ id: user.id });
    expect((await getInviteByToken(token))?.state).toBe("accepted");
    expect((await getInviteByToken(token))?.accountExists).toBe(true);

    const after = await stateOf(org.id, email);
    expect(after.users).toBe(1);
    expect(after.memberships).toBe(1);
    expect(after.acceptedEvents).toBe(1);

    // The same link again: refused as a conflict, whether with a new account or signed in.
    const again = await acceptInviteWithNewAccount({ token, name: "Joiner Again", password: PASSWORD }, meta).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(SafeError);
    expect((again as SafeError).code).toBe("conflict");
    const signedIn = userContext({ id: user.id, email: user.email, name: user.name });
    await expectSafeError(acceptInvite(signedIn, token), SafeError, "conflict");

    expect(await stateOf(org.id, email)).toEqual(after);
    expect((await db().user.findUniqueOrThrow({ where: { email } })).name).toBe("Joiner");
  });

  it("two simultaneous accepts of one invite give exactly one membership", async () => {
    const org = await createOrg("inv-race");
    const user = await createUser("racer");
    const { invite, token } = await createInvite(org.ctx.ADMIN, { email: user.email, role: "CONTRIBUTOR" });

    const results = await Promise.allSettled([acceptInvite(userContext(user), token), acceptInvite(userContext(user), token)]);

    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(fulfilled[0]).toEqual({ status: "fulfilled", value: { organizationSlug: org.slug } });
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(SafeError);
    expect((rejected[0]!.reason as SafeError).code).toBe("conflict");

    const memberships = await db().membership.findMany({ where: { organizationId: org.id, userId: user.id } });
    expect(memberships).toHaveLength(1);
    expect(memberships[0]!.role).toBe("CONTRIBUTOR");
    expect(await db().auditEvent.count({ where: { organizationId: org.id, action: "invite.accepted", targetId: invite.id } })).toBe(1);
    expect((await db().invite.findUniqueOrThrow({ where: { id: invite.id } })).acceptedById).toBe(user.id);
  });

  it("an invite past its expiry is shown as expired and refused, creating nothing", async () => {
    const org = await createOrg("inv-expired");
    const user = await createUser("late");
    const { invite, token } = await createInvite(org.ctx.ADMIN, { email: user.email, role: "VIEWER" });
    const newcomer = `late-new-${uid()}@example.test`;
    const second = await createInvite(org.ctx.ADMIN, { email: newcomer, role: "VIEWER" });
    const later = new Date(Date.now() + 8 * DAY);

    expect((await getInviteByToken(token, later))?.state).toBe("expired");
    expect((await getInviteByToken(token))?.state).toBe("pending");
    expect((await listPendingInvites(org.ctx.ADMIN, later)).map((i) => i.id)).toEqual([]);

    await expectSafeError(acceptInvite(userContext(user), token, later), SafeError, "conflict");
    await expectSafeError(acceptInviteWithNewAccount({ token: second.token, name: "Too late", password: PASSWORD }, meta, later), SafeError, "conflict");

    expect(await db().membership.count({ where: { organizationId: org.id, userId: user.id } })).toBe(0);
    expect(await db().user.count({ where: { email: newcomer } })).toBe(0);
    const rows = await db().invite.findMany({ where: { id: { in: [invite.id, second.invite.id] } } });
    expect(rows.map((r) => [r.acceptedAt, r.acceptedById])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(await db().auditEvent.count({ where: { organizationId: org.id, action: "invite.accepted" } })).toBe(0);
  });

  it("a revoked invite is refused", async () => {
    const org = await createOrg("inv-revoked");
    const user = await createUser("revokee");
    const { invite, token } = await createInvite(org.ctx.ADMIN, { email: user.email, role: "CONTRIBUTOR" });

    await revokeInvite(org.ctx.OWNER, { inviteId: invite.id });
    expect((await db().invite.findUniqueOrThrow({ where: { id: invite.id } })).revokedAt).toBeInstanceOf(Date);
    expect((await getInviteByToken(token))?.state).toBe("revoked");
    expect(await listPendingInvites(org.ctx.ADMIN)).toEqual([]);

    await expectSafeError(acceptInvite(userContext(user), token), SafeError, "conflict");
    expect(await db().membership.count({ where: { organizationId: org.id, userId: user.id } })).toBe(0);
    // Revoking twice is not found: it is no longer pending.
    await expectSafeError(revokeInvite(org.ctx.OWNER, { inviteId: invite.id }), NotFoundError, "not-found");
    expect(await db().auditEvent.count({ where: { organizationId: org.id, action: "invite.revoked", targetId: invite.id } })).toBe(1);
  });

  it("a signed-in user with another email cannot use someone else's invite", async () => {
    const org = await createOrg("inv-wrong-user");
    const invited = `invited-${uid()}@example.test`;
    const { invite, token } = await createInvite(org.ctx.ADMIN, { email: invited, role: "ADMIN" });
    const intruder = await createUser("intruder");

    await expectSafeError(acceptInvite(userContext(intruder), token), SafeError, "forbidden");

    expect(await db().membership.count({ where: { organizationId: org.id, userId: intruder.id } })).toBe(0);
    const row = await db().invite.findUniqueOrThrow({ where: { id: invite.id } });
    expect(row.acceptedAt).toBeNull();
    expect(row.acceptedById).toBeNull();
    expect((await getInviteByToken(token))?.state).toBe("pending");
  });

  it("an unknown token is not found", async () => {
    const user = await createUser("guesser");
    await expectSafeError(acceptInvite(userContext(user), "x".repeat(43)), NotFoundError, "not-found");
    await expectSafeError(acceptInviteWithNewAccount({ token: "y".repeat(43), name: "Guess", password: PASSWORD }, meta), NotFoundError, "not-found");
    await expect(getInviteByToken("z".repeat(43))).resolves.toBeNull();
  });

  it("inviting an existing member is a conflict and creates no invite", async () => {
    const org = await createOrg("inv-member");
    await expectSafeError(createInvite(org.ctx.OWNER, { email: org.users.VIEWER.email, role: "ADMIN" }), ConflictError, "conflict");
    await expectSafeError(createInvite(org.ctx.ADMIN, { email: org.users.CONTRIBUTOR.email.toUpperCase(), role: "VIEWER" }), ConflictError, "conflict");
    expect(await db().invite.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { organizationId: org.id, action: "invite.created" } })).toBe(0);
  });
});
