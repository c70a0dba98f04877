// Accounts: sign-up is all or nothing, passwords are argon2id hashes, sessions end when revoked,
// expired or reset.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createSession } from "@/lib/data/sessions/create-session";
import { resolveSession } from "@/lib/data/sessions/resolve-session";
import { revokeSession } from "@/lib/data/sessions/revoke-session";
import { signUp } from "@/lib/data/accounts/sign-up";
import { verifyCredentials } from "@/lib/data/accounts/verify-credentials";
import { operatorResetPassword } from "@/lib/data/operator";
import { ConflictError } from "@/lib/errors";
import { PASSWORD, createUser, expectSafeError, meta, operator, uid } from "./helpers";

/** The user a session stands for, for a request from `userAgent`, or null when it has ended. */
async function getSessionUser(sessionId: string, userAgent: string | null = null) {
  return (await resolveSession(sessionId, { userAgent })).user ?? null;
}

function signUpInput(suffix = uid()) {
  return {
    name: `Ada ${suffix}`,
    email: `ada-${suffix}@example.test`,
    password: PASSWORD,
    organizationName: `Acme ${suffix}`,
    organizationSlug: `acme-${suffix}`,
  };
}

describe("signUp", () => {
  it("creates the user, the organization, the OWNER membership and an organization.created event together", async () => {
    const input = signUpInput();
    const { user, organization } = await signUp(input, meta);

    expect(user).toEqual({ id: expect.any(String), email: input.email, name: input.name });
    expect(organization).toEqual({ id: expect.any(String), slug: input.organizationSlug, name: input.organizationName });

    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.email).toBe(input.email);
    expect(stored.lastOrganizationId).toBe(organization.id);
    const memberships = await db().membership.findMany({ where: { userId: user.id } });
    expect(memberships.map((m) => [m.organizationId, m.role])).toEqual([[organization.id, "OWNER"]]);
    expect(await db().membership.count({ where: { organizationId: organization.id } })).toBe(1);

    const events = await db().auditEvent.findMany({ where: { organizationId: organization.id }, orderBy: { seq: "asc" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      seq: 1,
      action: "organization.created",
      actorId: user.id,
      actorLabel: input.email,
      targetType: "organization",
      targetId: organization.id,
      summary: { name: input.organizationName, slug: input.organizationSlug, owner: input.email },
      prevHash: "genesis",
      requestId: "test",
    });
  });

  it("with an existing email is a conflict and creates no second organization", async () => {
    const first = signUpInput();
    const { user } = await signUp(first, meta);
    const organizationsBefore = await db().organization.count();

    const again = { ...signUpInput(), email: first.email };
    await expectSafeError(signUp(again, meta), ConflictError, "conflict");
    // Differently cased: the pre-check misses it, the unique index must still refuse it.
    const shouting = { ...signUpInput(), email: first.email.toUpperCase() };
    await expectSafeError(signUp(shouting, meta), ConflictError, "conflict");

    expect(await db().organization.count()).toBe(organizationsBefore);
    expect(await db().organization.count({ where: { slug: { in: [again.organizationSlug, shouting.organizationSlug] } } })).toBe(0);
    expect(await db().user.count({ where: { email: first.email } })).toBe(1);
    expect(await db().membership.count({ where: { userId: user.id } })).toBe(1);
  });

  it("with a taken slug is a conflict and leaves no user behind", async () => {
    const first = signUpInput();
    await signUp(first, meta);
    const second = { ...signUpInput(), organizationSlug: first.organizationSlug };
    await expectSafeError(signUp(second, meta), ConflictError, "conflict");
    expect(await db().user.count({ where: { email: second.email } })).toBe(0);
    expect(await db().organization.count({ where: { slug: first.organizationSlug } })).toBe(1);
  });

  it("stores the password as an argon2id hash, never in plain", async () => {
    const input = signUpInput();
    const { user } = await signUp(input, meta);
    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(passwordHash).not.toContain(PASSWORD);
    const rows = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "User" WHERE "passwordHash" = ${PASSWORD}`;
    expect(Number(rows[0]!.n)).toBe(0);
  });
});

describe("verifyCredentials", () => {
  it("returns the user for the right password and null for a wrong password or an unknown email", async () => {
    const input = signUpInput();
    const { user, organization } = await signUp(input, meta);

    await expect(verifyCredentials(input.email, PASSWORD)).resolves.toEqual({
      id: user.id,
      email: input.email,
      name: input.name,
      lastOrganizationId: organization.id,
    });
    await expect(verifyCredentials(`  ${input.email.toUpperCase()} `, PASSWORD)).resolves.toMatchObject({ id: user.id });
    await expect(verifyCredentials(input.email, `${PASSWORD}!`)).resolves.toBeNull();
    await expect(verifyCredentials(input.email, "")).resolves.toBeNull();
    await expect(verifyCredentials(`nobody-${uid()}@example.test`, PASSWORD)).resolves.toBeNull();
  });
});

describe("sessions", () => {
  it("a live session names its user; a revoked one does not", async () => {
    const user = await createUser("session");
    const session = await createSession(user.id, { ip: "127.0.0.1", userAgent: "vitest" });
    const row = await db().session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row).toMatchObject({ userId: user.id, revokedAt: null, ip: "127.0.0.1", userAgent: "vitest" });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now());

    await expect(getSessionUser(session.id, "vitest")).resolves.toEqual({ id: user.id, email: user.email, name: user.name, lastOrganizationId: null });

    await revokeSession(session.id);
    expect((await db().session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).toBeInstanceOf(Date);
    await expect(getSessionUser(session.id, "vitest")).resolves.toBeNull();
  });

  it("an expired session returns null, an unknown one too", async () => {
    const user = await createUser("expired-session");
    const session = await createSession(user.id, { ip: null, userAgent: null });
    await expect(getSessionUser(session.id)).resolves.toMatchObject({ id: user.id });
    await db().session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(getSessionUser(session.id)).resolves.toBeNull();
    await expect(getSessionUser(`missing-${uid()}`)).resolves.toBeNull();
  });

  it("revoking one session leaves the user's other sessions alive", async () => {
    const user = await createUser("two-sessions");
    const a = await createSession(user.id, { ip: null, userAgent: null });
    const b = await createSession(user.id, { ip: null, userAgent: null });
    await revokeSession(a.id);
    await expect(getSessionUser(a.id)).resolves.toBeNull();
    await expect(getSessionUser(b.id)).resolves.toMatchObject({ id: user.id });
  });

  it("operatorResetPassword ends every live session and replaces the password", async () => {
    const user = await createUser("reset");
    const other = await createUser("bystander");
    const live1 = await createSession(user.id, { ip: null, userAgent: null });
    const live2 = await createSession(user.id, { ip: null, userAgent: null });
    const alreadyRevoked = await createSession(user.id, { ip: null, userAgent: null });
    await revokeSession(alreadyRevoked.id);
    const revokedAtBefore = (await db().session.findUniqueOrThrow({ where: { id: alreadyRevoked.id } })).revokedAt;
    const bystander = await createSession(other.id, { ip: null, userAgent: null });
    const newPassword = "a brand new passphrase for vitest";

    await expect(operatorResetPassword(operator, { email: user.email, password: newPassword })).resolves.toEqual({ sessionsEnded: 2 });

    await expect(getSessionUser(live1.id)).resolves.toBeNull();
    await expect(getSessionUser(live2.id)).resolves.toBeNull();
    expect(await db().session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect((await db().session.findUniqueOrThrow({ where: { id: alreadyRevoked.id } })).revokedAt).toEqual(revokedAtBefore);
    await expect(getSessionUser(bystander.id)).resolves.toMatchObject({ id: other.id });

    await expect(verifyCredentials(user.email, PASSWORD)).resolves.toBeNull();
    await expect(verifyCredentials(user.email, newPassword)).resolves.toMatchObject({ id: user.id });
    const event = await db().auditEvent.findFirstOrThrow({ where: { organizationId: null, action: "user.password-reset", targetId: user.id } });
    expect(event.summary).toEqual({ email: user.email, sessionsEnded: 2 });
    expect(event.actorLabel).toBe(operator.actorLabel);
  });
});
