// Two-step sign-in on real PostgreSQL: enrolling an authenticator app, the second step after the
// password (with session rotation), codes that work once, recovery codes, and the changes to the
// factors that need a fresh second factor.
import { encode } from "next-auth/jwt";
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import type { RequestMeta, UserContext } from "@/lib/auth/context";
import { authOptions } from "@/lib/auth/next-auth";
import { unseal } from "@/lib/auth/sealed-box";
import { db } from "@/lib/db/client";
import { confirmTotpEnrolment } from "@/lib/data/second-factors/confirm-totp-enrolment";
import { hasSecondFactor } from "@/lib/data/second-factors/has-second-factor";
import { listSecondFactors } from "@/lib/data/second-factors/list-second-factors";
import { passSecondFactor, type ProvingSession } from "@/lib/data/second-factors/pass-second-factor";
import { regenerateRecoveryCodes } from "@/lib/data/second-factors/regenerate-recovery-codes";
import { removeSecondFactor } from "@/lib/data/second-factors/remove-second-factor";
import { renameSecondFactor } from "@/lib/data/second-factors/rename-second-factor";
import { operatorResetTwoStep } from "@/lib/data/second-factors/operator-reset-two-step";
import { startTotpEnrolment } from "@/lib/data/second-factors/start-totp-enrolment";
import { createSession } from "@/lib/data/sessions/create-session";
import { resolveSession } from "@/lib/data/sessions/resolve-session";
import { SECOND_FACTOR_DUE_MINUTES } from "@/lib/domain/second-factor";
import { ConflictError, InvalidInputError, NotFoundError, RateLimitedError, SafeError } from "@/lib/errors";
import { PASSWORD, createOrg, createUser, expectSafeError, meta, operator, userContext, type TestUser } from "./helpers";

const BROWSER = { ip: "203.0.113.20", userAgent: meta.userAgent };

// Each account signs in from its own address, so the per-address limit counts one test at a time.
let host = 0;
const addresses = new Map<string, RequestMeta>();
function metaOf(userId: string): RequestMeta {
  if (!addresses.has(userId)) addresses.set(userId, { ...meta, ip: `198.51.${Math.floor(++host / 250)}.${host % 250}` });
  return addresses.get(userId)!;
}
const contextOf = (user: TestUser, sessionId: string | null): UserContext => ({ ...userContext(user, sessionId), meta: metaOf(user.id) });

const codeAt = (secret: string, at: Date) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

/** A user with an authenticator app enrolled from a signed-in session, and what enrolment returned. */
async function enrolled(label: string, at = new Date()) {
  const user = await createUser(label);
  const signedIn = await createSession(user.id, BROWSER, at);
  const ctx = contextOf(user, signedIn.id);
  const enrolment = await startTotpEnrolment(ctx);
  const finished = await confirmTotpEnrolment(ctx, { factorId: enrolment.factorId, name: "Phone", code: await codeAt(enrolment.secret, at) }, at);
  return { user, secret: enrolment.secret, factorId: enrolment.factorId, signedIn, finished };
}

/** A password sign-in of an enrolled account: the session that is still due its second factor. */
async function dueSession(user: TestUser, at = new Date()): Promise<ProvingSession> {
  const session = await createSession(user.id, BROWSER, at, { secondFactorDue: true });
  return { sessionId: session.id, user, due: true, expiresAt: session.expiresAt };
}

function sessionRow(id: string) {
  return db().session.findUniqueOrThrow({
    where: { id },
    select: { revokedAt: true, endedReason: true, secondFactorDue: true, secondFactorAt: true, expiresAt: true },
  });
}

/** The context of a signed-in session that passed its second factor at `passedAt`. */
function steppedUp(user: TestUser, sessionId: string, passedAt: Date | null): UserContext {
  return { ...contextOf(user, sessionId), secondFactor: { enrolled: true, passedAt } };
}

describe("enrolling an authenticator app", () => {
  it("keeps the secret sealed, needs the app's first code, and then brings ten recovery codes and a rotated session", async () => {
    const user = await createUser("enrol");
    const signedIn = await createSession(user.id, BROWSER);
    const ctx = contextOf(user, signedIn.id);
    const enrolment = await startTotpEnrolment(ctx);
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/ThreatDesk:/);
    expect(enrolment.qrSvg).toContain("<svg");
    const stored = await db().secondFactor.findUniqueOrThrow({ where: { id: enrolment.factorId }, select: { totpSecret: true, confirmedAt: true } });
    expect(stored.totpSecret).not.toContain(enrolment.secret);
    expect(unseal(stored.totpSecret!)).toBe(enrolment.secret);
    expect(stored.confirmedAt).toBeNull();
    expect(await hasSecondFactor(user.id)).toBe(false);

    await expectSafeError(confirmTotpEnrolment(ctx, { factorId: enrolment.factorId, name: "Phone", code: "000000" }), InvalidInputError, "invalid");
    expect(await hasSecondFactor(user.id)).toBe(false);
    expect(await sessionRow(signedIn.id)).toMatchObject({ revokedAt: null });

    const finished = await confirmTotpEnrolment(ctx, { factorId: enrolment.factorId, name: "Phone", code: await generate({ secret: enrolment.secret }) });
    expect(await hasSecondFactor(user.id)).toBe(true);
    expect(finished.recoveryCodes).toHaveLength(10);
    expect(new Set(finished.recoveryCodes).size).toBe(10);
    const hashes = await db().recoveryCode.findMany({ where: { userId: user.id }, select: { codeHash: true } });
    expect(hashes).toHaveLength(10);
    for (const code of finished.recoveryCodes!) expect(hashes.map((h) => h.codeHash)).not.toContain(code);
    expect(await sessionRow(signedIn.id)).toMatchObject({ endedReason: "rotated" });
    expect(await sessionRow(finished.session!.id)).toMatchObject({ revokedAt: null, secondFactorDue: false, secondFactorAt: expect.any(Date) });
  });

  it("a second authenticator app comes without new recovery codes; starting again drops an unfinished setup", async () => {
    const { user, signedIn, finished } = await enrolled("second-app");
    const ctx = steppedUp(user, finished.session!.id, new Date());
    const abandoned = await startTotpEnrolment(ctx);
    const again = await startTotpEnrolment(ctx);
    expect(await db().secondFactor.count({ where: { id: abandoned.factorId } })).toBe(0);
    const second = await confirmTotpEnrolment(ctx, { factorId: again.factorId, name: "Tablet", code: await generate({ secret: again.secret }) });
    expect(second.recoveryCodes).toBeNull();
    expect((await listSecondFactors(ctx)).factors.map((f) => f.name)).toEqual(["Phone", "Tablet"]);
    expect(signedIn.id).not.toBe(finished.session!.id);
  });
});

describe("the second step of signing in", () => {
  it("a session due its second factor is not signed in, and lives minutes", async () => {
    const { user } = await enrolled("due");
    const due = await dueSession(user);
    const resolved = await resolveSession(due.sessionId, BROWSER);
    expect(resolved).toMatchObject({ user: { id: user.id }, secondFactor: { due: true, enrolled: true, passedAt: null } });
    expect(due.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(SECOND_FACTOR_DUE_MINUTES * 60_000);
  });

  it("the app's code replaces the session with a new one that passed; the same code is refused on replay", async () => {
    const { user, secret } = await enrolled("replay", new Date(Date.now() - 120_000));
    const now = new Date();
    const code = await codeAt(secret, now);
    const first = await dueSession(user, now);
    const rotated = await passSecondFactor(first, { method: "totp", code }, metaOf(user.id), now);
    expect(await sessionRow(first.sessionId)).toMatchObject({ revokedAt: expect.any(Date), endedReason: "rotated" });
    const fresh = await sessionRow(rotated.id);
    expect(fresh).toMatchObject({ revokedAt: null, secondFactorDue: false, secondFactorAt: now });
    expect(fresh.expiresAt.getTime()).toBeGreaterThan(now.getTime() + 3600_000);

    const second = await dueSession(user, now);
    await expectSafeError(passSecondFactor(second, { method: "totp", code }, metaOf(user.id), new Date(now.getTime() + 5_000)), InvalidInputError, "invalid");
    expect(await sessionRow(second.sessionId)).toMatchObject({ revokedAt: null, secondFactorDue: true });
    // An older code still inside the window is refused too: only later steps are accepted.
    const earlier = await codeAt(secret, new Date(now.getTime() - 30_000));
    await expectSafeError(passSecondFactor(second, { method: "totp", code: earlier }, metaOf(user.id), now), InvalidInputError, "invalid");
  });

  it("a code from outside the window, or another account's code, is refused", async () => {
    const { user, secret } = await enrolled("window", new Date(Date.now() - 600_000));
    const other = await enrolled("other-account");
    const due = await dueSession(user);
    await expectSafeError(
      passSecondFactor(due, { method: "totp", code: await codeAt(secret, new Date(Date.now() - 180_000)) }, metaOf(user.id)),
      InvalidInputError,
      "invalid",
    );
    await expectSafeError(
      passSecondFactor(due, { method: "totp", code: await generate({ secret: other.secret }) }, metaOf(user.id)),
      InvalidInputError,
      "invalid",
    );
    expect(await sessionRow(due.sessionId)).toMatchObject({ revokedAt: null, secondFactorDue: true });
  });

  it("a recovery code works once, then is refused", async () => {
    const { user, finished } = await enrolled("recovery");
    const [code] = finished.recoveryCodes!;
    const rotated = await passSecondFactor(await dueSession(user), { method: "recovery", code: code!.toLowerCase().replace("-", " ") }, metaOf(user.id));
    expect(await sessionRow(rotated.id)).toMatchObject({ secondFactorDue: false });
    await expectSafeError(passSecondFactor(await dueSession(user), { method: "recovery", code: code! }, metaOf(user.id)), InvalidInputError, "invalid");
    expect((await listSecondFactors({ userId: user.id })).recoveryCodesLeft).toBe(9);
  });

  it("wrong codes count towards the limit: after five entries, even the right code waits", async () => {
    const { user, secret } = await enrolled("limit", new Date(Date.now() - 120_000));
    const due = await dueSession(user);
    // Enrolment's code was the first of the five.
    for (let i = 0; i < 4; i++)
      await expectSafeError(passSecondFactor(due, { method: "totp", code: "12345" + String(i) }, metaOf(user.id)), InvalidInputError, "invalid");
    await expect(passSecondFactor(due, { method: "totp", code: await generate({ secret }) }, metaOf(user.id))).rejects.toBeInstanceOf(RateLimitedError);
    expect(await sessionRow(due.sessionId)).toMatchObject({ revokedAt: null, secondFactorDue: true });
  });

  it("a session that ended in between is not rotated", async () => {
    const { user, secret } = await enrolled("ended", new Date(Date.now() - 120_000));
    const due = await dueSession(user);
    await db().session.update({ where: { id: due.sessionId }, data: { revokedAt: new Date(), endedReason: "signed-out" } });
    await expectSafeError(passSecondFactor(due, { method: "totp", code: await generate({ secret }) }, metaOf(user.id)), SafeError, "unauthenticated");
    expect(await db().session.count({ where: { userId: user.id, secondFactorAt: { not: null }, revokedAt: null, id: { not: due.sessionId } } })).toBe(1);
  });
});

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string; sid?: string } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

/** next-auth's password step, as the sign-in form calls it, with this browser's session cookie (if any). */
async function passwordSignIn(user: TestUser, cookieSid?: string) {
  const headers: Record<string, string> = { "user-agent": BROWSER.userAgent ?? "", "x-threatdesk-peer": metaOf(user.id).ip ?? "" };
  if (cookieSid) headers.cookie = `next-auth.session-token=${await encode({ token: { sub: user.id, sid: cookieSid }, secret: process.env.NEXTAUTH_SECRET! })}`;
  const signedIn = await authorize({ email: user.email, password: PASSWORD }, { headers });
  return sessionRow(signedIn!.sid!);
}

describe("the password step", () => {
  it("opens a session due its second factor for an account with one, and a full session for an account without", async () => {
    const { user } = await enrolled("password-step");
    expect(await passwordSignIn(user)).toMatchObject({ secondFactorDue: true, secondFactorAt: null });
    expect(await passwordSignIn(await createUser("no-factor"))).toMatchObject({ secondFactorDue: false });
  });

  it("signing in again in a browser ends the session its cookie named", async () => {
    const user = await createUser("again");
    const earlier = await createSession(user.id, BROWSER);
    await passwordSignIn(user, earlier.id);
    expect(await sessionRow(earlier.id)).toMatchObject({ revokedAt: expect.any(Date), endedReason: "signed-out" });
  });
});

describe("changing the factors", () => {
  it("regenerating recovery codes needs a fresh second factor, and the old codes stop working", async () => {
    const { user, finished } = await enrolled("regenerate");
    const stale = steppedUp(user, finished.session!.id, new Date(Date.now() - 11 * 60_000));
    await expectSafeError(regenerateRecoveryCodes(stale), SafeError, "step-up");
    const { codes } = await regenerateRecoveryCodes(steppedUp(user, finished.session!.id, new Date()));
    expect(codes).toHaveLength(10);
    await expectSafeError(
      passSecondFactor(await dueSession(user), { method: "recovery", code: finished.recoveryCodes![0]! }, metaOf(user.id)),
      InvalidInputError,
      "invalid",
    );
    await passSecondFactor(await dueSession(user), { method: "recovery", code: codes[0]! }, metaOf(user.id));
  });

  it("removing the last factor needs a fresh second factor, is refused while an organization requires one, and takes the recovery codes", async () => {
    const { user, factorId, finished } = await enrolled("remove-last");
    await expectSafeError(removeSecondFactor(steppedUp(user, finished.session!.id, null), { factorId }), SafeError, "step-up");
    const org = await createOrg("requires-mfa");
    await db().membership.create({ data: { organizationId: org.id, userId: user.id, role: "VIEWER" } });
    await db().organization.update({ where: { id: org.id }, data: { requireMfa: true } });
    const ctx = steppedUp(user, finished.session!.id, new Date());
    await expectSafeError(removeSecondFactor(ctx, { factorId }), ConflictError, "conflict");
    expect(await hasSecondFactor(user.id)).toBe(true);

    await db().organization.update({ where: { id: org.id }, data: { requireMfa: false } });
    await expect(removeSecondFactor(ctx, { factorId })).resolves.toEqual({ lastFactor: true });
    expect(await hasSecondFactor(user.id)).toBe(false);
    expect(await db().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const audit = await db().auditEvent.findMany({ where: { organizationId: org.id, action: "account.second-factor-removed" }, select: { summary: true } });
    expect(audit).toHaveLength(1);
  });

  it("another account's factor cannot be renamed or removed", async () => {
    const mine = await enrolled("owner-of-factor");
    const theirs = await createUser("intruder");
    const intruder = steppedUp(theirs, null as unknown as string, new Date());
    await expectSafeError(renameSecondFactor(intruder, { factorId: mine.factorId, name: "Mine now" }), NotFoundError, "not-found");
    await expectSafeError(removeSecondFactor(intruder, { factorId: mine.factorId }), NotFoundError, "not-found");
    expect((await listSecondFactors({ userId: mine.user.id })).factors.map((f) => f.name)).toEqual(["Phone"]);
  });
});

describe("the operator's reset for a user who lost every factor", () => {
  it("removes the factors and recovery codes, ends the sessions, and says so when there was nothing to remove", async () => {
    const { user, finished } = await enrolled("lost-everything");
    await expect(operatorResetTwoStep(operator, { email: user.email })).resolves.toMatchObject({ factorsRemoved: 1, sessionsEnded: 1 });
    expect(await hasSecondFactor(user.id)).toBe(false);
    expect(await db().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await sessionRow(finished.session!.id)).toMatchObject({ endedReason: "privilege-changed" });
    await expectSafeError(operatorResetTwoStep(operator, { email: user.email }), ConflictError, "conflict");
    await expectSafeError(operatorResetTwoStep(operator, { email: "nobody@example.test" }), NotFoundError, "not-found");
  });
});
