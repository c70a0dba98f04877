import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { passSecondFactor, type ProvingSession } from "@/lib/data/second-factors/pass-second-factor";
import { finishPasskeyRegistration, PASSKEY_NOT_ADDED } from "@/lib/data/second-factors/passkeys/finish-passkey-registration";
import { startPasskeyRegistration } from "@/lib/data/second-factors/passkeys/start-passkey-registration";
import { NO_PASSKEY, startPasskeySignIn } from "@/lib/data/second-factors/passkeys/start-passkey-sign-in";
import { createSession } from "@/lib/data/sessions/create-session";
import { InvalidInputError } from "@/lib/errors";
import { SoftAuthenticator } from "../helpers/soft-authenticator";
import { createUser, meta, userContext, type TestUser } from "./helpers";

const ORIGIN = "https://threatdesk.example.test";
const PASSKEY_REFUSED = "That passkey did not sign you in. Try it again, or use your authenticator app or a recovery code.";

beforeAll(() => {
  process.env.NEXTAUTH_URL = ORIGIN;
});

/** A user with a signed-in session who has added a passkey from `authenticator`. */
async function userWithPasskey(authenticator = new SoftAuthenticator(ORIGIN)) {
  const user = await createUser("passkey");
  const session = await createSession(user.id, meta);
  const ctx = userContext(user, session.id);
  const options = await startPasskeyRegistration(ctx);
  const finished = await finishPasskeyRegistration(ctx, { name: "Work laptop", response: authenticator.register(options) });
  return { user, authenticator, session, finished };
}

/** A session whose password was just accepted and whose second factor is due. */
async function dueSession(user: TestUser, now = new Date()): Promise<ProvingSession> {
  const row = await createSession(user.id, meta, now, { secondFactorDue: true });
  return { sessionId: row.id, user: { id: user.id, email: user.email }, due: true, expiresAt: row.expiresAt };
}

function sessionRow(id: string) {
  return db().session.findUniqueOrThrow({ where: { id }, select: { revokedAt: true, endedReason: true, secondFactorAt: true, challenge: true } });
}

function passkeyRow(credentialId: string) {
  return db().secondFactor.findUniqueOrThrow({ where: { credentialId }, select: { signCount: true, lastUsedAt: true } });
}

async function refused(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as InvalidInputError).fieldErrors).toEqual({ passkey: [PASSKEY_REFUSED] });
}

describe("adding a passkey", () => {
  it("stores the credential, confirmed, with recovery codes for a first factor and a rotated session", async () => {
    const { user, authenticator, session, finished } = await userWithPasskey();
    const factor = await db().secondFactor.findFirstOrThrow({ where: { userId: user.id } });
    expect(factor).toMatchObject({ kind: "PASSKEY", name: "Work laptop", credentialId: authenticator.id, signCount: BigInt(0), transports: ["internal"] });
    expect(factor.confirmedAt).not.toBeNull();
    expect(Buffer.from(factor.publicKey!)).toEqual(authenticator.cosePublicKey());
    expect(finished.recoveryCodes).toHaveLength(10);
    expect(await db().recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(10);
    expect(await sessionRow(session.id)).toMatchObject({ endedReason: "rotated", challenge: null });
    expect((await sessionRow(finished.session!.id)).secondFactorAt).not.toBeNull();
    const events = await db().auditEvent.findMany({
      where: { action: "account.second-factor-added", targetId: factor.id },
      select: { actorId: true, summary: true },
    });
    expect(events).toEqual([{ actorId: user.id, summary: { name: "Work laptop", kind: "PASSKEY", firstFactor: true } }]);
  });

  it("a second passkey brings no new recovery codes and is excluded from the next registration", async () => {
    const { user, finished, authenticator } = await userWithPasskey();
    const ctx = userContext(user, finished.session!.id);
    const options = await startPasskeyRegistration(ctx);
    expect(options.excludeCredentials?.map((c) => c.id)).toEqual([authenticator.id]);
    const second = await finishPasskeyRegistration(ctx, { name: "YubiKey 5C", response: new SoftAuthenticator(ORIGIN).register(options) });
    expect(second.recoveryCodes).toBeNull();
    expect(await db().secondFactor.count({ where: { userId: user.id, kind: "PASSKEY", confirmedAt: { not: null } } })).toBe(2);
  });

  it("refuses an answer to a challenge already used, or from another origin, and stores nothing", async () => {
    const user = await createUser("passkey");
    const session = await createSession(user.id, meta);
    const ctx = userContext(user, session.id);
    const authenticator = new SoftAuthenticator(ORIGIN);
    const options = await startPasskeyRegistration(ctx);
    const foreign = authenticator.register(options, { origin: "https://evil.example.test" });
    await expect(finishPasskeyRegistration(ctx, { name: "Phone", response: foreign })).rejects.toThrow(PASSKEY_NOT_ADDED);
    // The refused answer used the challenge up: the right answer to it no longer works either.
    await expect(finishPasskeyRegistration(ctx, { name: "Phone", response: authenticator.register(options) })).rejects.toThrow(PASSKEY_NOT_ADDED);
    expect(await db().secondFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await sessionRow(session.id)).toMatchObject({ revokedAt: null, challenge: null });
  });
});

describe("signing in with a passkey as the second step", () => {
  it("rotates the session: the old id is revoked, the new one has passed its second factor", async () => {
    const { user, authenticator } = await userWithPasskey();
    const due = await dueSession(user);
    const options = await startPasskeySignIn(due);
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([authenticator.id]);
    expect((await sessionRow(due.sessionId)).challenge).toBe(options.challenge);
    const rotated = await passSecondFactor(due, { method: "passkey", response: authenticator.assert(options) }, meta);
    expect(await sessionRow(due.sessionId)).toMatchObject({ endedReason: "rotated", challenge: null });
    expect((await sessionRow(due.sessionId)).revokedAt).not.toBeNull();
    const fresh = await db().session.findUniqueOrThrow({ where: { id: rotated.id } });
    expect(fresh).toMatchObject({ userId: user.id, revokedAt: null, secondFactorDue: false });
    expect(fresh.secondFactorAt).not.toBeNull();
    const passkey = await passkeyRow(authenticator.id);
    expect(passkey.signCount).toBe(BigInt(1));
    expect(passkey.lastUsedAt).not.toBeNull();
  });

  it("refuses a replayed assertion, whether the challenge was used up or replaced", async () => {
    const { user, authenticator } = await userWithPasskey();
    const first = await dueSession(user);
    const assertion = authenticator.assert(await startPasskeySignIn(first));
    await passSecondFactor(first, { method: "passkey", response: assertion }, meta);

    const second = await dueSession(user);
    await refused(passSecondFactor(second, { method: "passkey", response: assertion }, meta));
    await startPasskeySignIn(second);
    await refused(passSecondFactor(second, { method: "passkey", response: assertion }, meta));
    expect(await sessionRow(second.sessionId)).toMatchObject({ revokedAt: null, secondFactorAt: null, challenge: null });
    expect((await passkeyRow(authenticator.id)).signCount).toBe(BigInt(1));
  });

  it("refuses a counter that does not go up (a cloned authenticator)", async () => {
    const { user, authenticator } = await userWithPasskey();
    const first = await dueSession(user);
    await passSecondFactor(first, { method: "passkey", response: authenticator.assert(await startPasskeySignIn(first)) }, meta);

    const second = await dueSession(user);
    await refused(passSecondFactor(second, { method: "passkey", response: authenticator.assert(await startPasskeySignIn(second), { counter: 1 }) }, meta));
    expect(await sessionRow(second.sessionId)).toMatchObject({ revokedAt: null, secondFactorAt: null });
    expect((await passkeyRow(authenticator.id)).signCount).toBe(BigInt(1));
    // The genuine key, whose counter went on, still signs in.
    await passSecondFactor(second, { method: "passkey", response: authenticator.assert(await startPasskeySignIn(second)) }, meta);
    expect((await passkeyRow(authenticator.id)).signCount).toBe(BigInt(2));
  });

  it("refuses another user's passkey", async () => {
    const mine = await userWithPasskey();
    const theirs = await userWithPasskey();
    const due = await dueSession(mine.user);
    const options = await startPasskeySignIn(due);
    await refused(passSecondFactor(due, { method: "passkey", response: theirs.authenticator.assert(options) }, meta));
    expect(await sessionRow(due.sessionId)).toMatchObject({ revokedAt: null, secondFactorAt: null, challenge: null });
    expect((await passkeyRow(theirs.authenticator.id)).signCount).toBe(BigInt(0));
  });

  it("refuses an answer to an expired challenge", async () => {
    const { user, authenticator } = await userWithPasskey();
    const start = new Date();
    const due = await dueSession(user, start);
    const options = await startPasskeySignIn(due, start);
    const later = new Date(start.getTime() + 5 * 60_000 + 1000);
    await refused(passSecondFactor(due, { method: "passkey", response: authenticator.assert(options) }, meta, later));
    expect(await sessionRow(due.sessionId)).toMatchObject({ revokedAt: null, secondFactorAt: null, challenge: null });
    expect((await passkeyRow(authenticator.id)).signCount).toBe(BigInt(0));
  });

  it("counts refusals towards the code-entry limit", async () => {
    const { user, authenticator } = await userWithPasskey();
    const due = await dueSession(user);
    const stranger = new SoftAuthenticator(ORIGIN);
    for (let i = 0; i < 5; i++) await refused(passSecondFactor(due, { method: "passkey", response: stranger.assert(await startPasskeySignIn(due)) }, meta));
    const options = await startPasskeySignIn(due);
    await expect(passSecondFactor(due, { method: "passkey", response: authenticator.assert(options) }, meta)).rejects.toMatchObject({ code: "rate-limited" });
    expect(await sessionRow(due.sessionId)).toMatchObject({ revokedAt: null, secondFactorAt: null });
  });

  it("offers nothing to an account without a passkey", async () => {
    const user = await createUser("no-passkey");
    await expect(startPasskeySignIn(await dueSession(user))).rejects.toThrow(NO_PASSKEY);
  });
});
