// Brute-force defences on real PostgreSQL: the sign-in limits per client IP and per account,
// answered as HTTP 429 with Retry-After by the wrapper around next-auth's POST; the lockout after
// consecutive failures, its window (a clock passed in, no sleeping), and unlocking by an admin
// and by the operator command line; TRUSTED_PROXIES deciding which address is counted.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import { authOptions } from "@/lib/auth/next-auth";
import { withSignInDefences } from "@/lib/auth/sign-in-defences";
import { db } from "@/lib/db/client";
import { findSignInLock } from "@/lib/data/lockouts/find-sign-in-lock";
import { dismissLockoutNotice } from "@/lib/data/lockouts/dismiss-lockout-notice";
import { getLockoutNotice } from "@/lib/data/lockouts/get-lockout-notice";
import { recordFailedSignIn } from "@/lib/data/lockouts/record-failed-sign-in";
import { recordSuccessfulSignIn } from "@/lib/data/lockouts/record-successful-sign-in";
import { listLockedMembers } from "@/lib/data/members/list-locked-members";
import { unlockMember } from "@/lib/data/members/unlock-member";
import { operatorUnlockAccount } from "@/lib/data/operator";
import { enforceRateLimit } from "@/lib/data/rate-limits/enforce-rate-limit";
import { ConflictError, ForbiddenError, RateLimitedError } from "@/lib/errors";
import { PASSWORD, createOrg, createUser, expectSafeError, meta, operator, uid, userContext, type TestUser } from "./helpers";

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

/** next-auth's part, reduced to what it does with a password: the app's own authorize(), then 200 or 401. */
async function nextAuthCallback(request: Request): Promise<Response> {
  const form = await request.formData();
  const user = await authorize({ email: String(form.get("email")), password: String(form.get("password")) }, { headers: Object.fromEntries(request.headers) });
  return user ? Response.json({ url: "http://localhost/" }) : Response.json({ url: "http://localhost/login?error=CredentialsSignin" }, { status: 401 });
}

/** The wrapper's clock: the real one unless a test moves it. */
let clock: Date | null = null;
const POST = withSignInDefences(nextAuthCallback, () => clock ?? new Date());

/** A sign-in POST as a browser sends it, from the connection address `peer` (with extra headers, e.g. X-Forwarded-For). */
function signIn(email: string, password: string, peer: string, headers: Record<string, string> = {}) {
  const request = new Request("http://localhost/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", [PEER_ADDRESS_HEADER]: peer, ...headers },
    body: new URLSearchParams({ email, password, csrfToken: "t", json: "true" }),
  });
  return POST(request, undefined);
}

/** A documentation address no other test uses, so each test has counters of its own. */
function freshIp() {
  const n = parseInt(uid().slice(0, 4), 16);
  return `2001:db8::${n.toString(16)}:${uid().slice(0, 4)}`;
}

function auditOf(organizationId: string | null, action: string) {
  return db().auditEvent.findMany({ where: { organizationId, action }, orderBy: { seq: "asc" } });
}

afterEach(() => {
  clock = null;
  delete process.env.TRUSTED_PROXIES;
});

describe("sign-in rate limit", () => {
  it("refuses the 6th attempt in a minute from one IP with 429, Retry-After and the seconds left", async () => {
    const ip = freshIp();
    const start = new Date();
    for (let i = 0; i < 5; i++) {
      clock = new Date(start.getTime() + i * 1000);
      expect((await signIn(`nobody-${uid()}@example.test`, "wrong password here", ip)).status).toBe(401);
    }
    clock = new Date(start.getTime() + 18_000);
    const refused = await signIn(`nobody-${uid()}@example.test`, "wrong password here", ip);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("42");
    expect(await refused.json()).toMatchObject({ error: "RateLimited", message: "Too many sign-in attempts from your network. Try again in 42 seconds." });

    // A new window: allowed again.
    clock = new Date(start.getTime() + 60_001);
    expect((await signIn(`nobody-${uid()}@example.test`, "wrong password here", ip)).status).toBe(401);
  });

  it("counts per IP and per account apart: another IP still signs in; one account from many IPs is limited too", async () => {
    const user = await createUser("limited");
    const busy = freshIp();
    for (let i = 0; i < 5; i++) await signIn(`nobody-${uid()}@example.test`, "wrong password here", busy);
    expect((await signIn(user.email, PASSWORD, busy)).status).toBe(429);
    expect((await signIn(user.email, PASSWORD, freshIp())).status).toBe(200);

    // The account's own limit (10 in 15 minutes; the refused attempt above counted too): the 11th is refused.
    for (let i = 0; i < 8; i++) expect((await signIn(user.email, PASSWORD, freshIp())).status).toBe(200);
    const refused = await signIn(user.email, PASSWORD, freshIp());
    expect(refused.status).toBe(429);
    expect((await refused.json()) as { message: string }).toMatchObject({
      message: expect.stringMatching(/^Too many sign-in attempts for this account\. Try again in 1[45] minutes\.$/),
    });
  });

  it("records the first refusal of a window as an audit event in each of the account's organizations, and logs no password", async () => {
    const org = await createOrg("limits");
    const email = org.users.VIEWER.email;
    const ip = freshIp();
    for (let i = 0; i < 8; i++) await signIn(email, `wrong password ${i}`, ip);
    const events = await auditOf(org.id, "rate-limit.refused");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: null,
      targetType: "rate-limit",
      targetId: "sign-in:ip",
      ip,
      summary: { policy: "sign-in", scope: "ip", limit: 5, windowSeconds: 60, email },
    });
    expect(JSON.stringify(events[0]!.summary)).not.toContain("wrong password");
  });

  it("a flood of 200 attempts in 10 seconds from one IP leaves another user's sign-in from another IP working", async () => {
    const victim = await createUser("victim");
    const flooder = freshIp();
    const start = Date.now();
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      clock = new Date(start + batch * 1000);
      const answers = await Promise.all(Array.from({ length: 20 }, () => signIn(`guess-${uid()}@example.test`, "wrong password here", flooder)));
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(195);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect((await signIn(victim.email, PASSWORD, freshIp())).status).toBe(200);
    const counter = await db().rateLimitCounter.findUniqueOrThrow({ where: { key: `sign-in:ip:${flooder}` } });
    expect(counter.hits).toBe(200);
  });
});

describe("other flows' limits", () => {
  it("refuse with a RateLimitedError that the actions show, per IP and per account, for every named policy", async () => {
    const ip = freshIp();
    const account = `reset-${uid()}@example.test`;
    for (let i = 0; i < 3; i++) await enforceRateLimit("password-reset", { ip, account }, { ...meta, ip });
    const error = await expectSafeError(enforceRateLimit("password-reset", { ip: freshIp(), account }, meta), RateLimitedError, "rate-limited");
    expect(error.message).toMatch(/^Too many password reset requests for this account\. Try again in (59|60) minutes\.$/);
    const mfaIp = freshIp();
    for (let i = 0; i < 20; i++) await enforceRateLimit("mfa-code", { ip: mfaIp, account: `mfa-${i}-${uid()}@example.test` }, meta);
    await expectSafeError(enforceRateLimit("mfa-code", { ip: mfaIp }, meta), RateLimitedError, "rate-limited");
  });
});

describe("TRUSTED_PROXIES", () => {
  it("by default ignores X-Forwarded-For: a client rotating forged addresses is still counted by its connection", async () => {
    const peer = freshIp();
    for (let i = 0; i < 5; i++) await signIn(`nobody-${uid()}@example.test`, "wrong password here", peer, { "x-forwarded-for": freshIp() });
    const refused = await signIn(`nobody-${uid()}@example.test`, "wrong password here", peer, { "x-forwarded-for": freshIp(), "x-real-ip": freshIp() });
    expect(refused.status).toBe(429);
  });

  it("believes the address a trusted proxy forwarded, and counts each client behind it apart", async () => {
    const proxy = freshIp();
    process.env.TRUSTED_PROXIES = `${proxy}, 10.0.0.0/8`;
    const client = "198.51.100.23";
    const other = freshIp();
    // The client's own forged hop (left) is not believed: the proxy's hop (right) is.
    for (let i = 0; i < 5; i++)
      await signIn(`nobody-${uid()}@example.test`, "wrong password here", proxy, { "x-forwarded-for": `${freshIp()}, ${client}, 10.1.2.3` });
    expect((await signIn(`nobody-${uid()}@example.test`, "wrong password here", proxy, { "x-forwarded-for": `${client}, 10.1.2.3` })).status).toBe(429);
    expect((await signIn(`nobody-${uid()}@example.test`, "wrong password here", proxy, { "x-forwarded-for": other })).status).toBe(401);
    expect(await db().rateLimitCounter.count({ where: { key: `sign-in:ip:${client}` } })).toBe(1);
    expect(await db().rateLimitCounter.count({ where: { key: `sign-in:ip:${proxy}` } })).toBe(0);
  });
});

describe("account lockout", () => {
  async function lockedUser(): Promise<{ user: TestUser; org: Awaited<ReturnType<typeof createOrg>>; other: Awaited<ReturnType<typeof createOrg>> }> {
    const org = await createOrg("lockout");
    const other = await createOrg("lockout-other");
    const user = org.users.CONTRIBUTOR;
    await db().membership.create({ data: { organizationId: other.id, userId: user.id, role: "VIEWER" } });
    return { user, org, other };
  }

  it("locks after 5 consecutive failures; the right password is then refused with 429 and the time left", async () => {
    const { user, org, other } = await lockedUser();
    // Each failure from its own address, so the IP limit is not what stops them.
    for (let i = 0; i < 4; i++) expect((await signIn(user.email, `wrong password ${i}`, freshIp())).status).toBe(401);
    expect(await findSignInLock(user.email)).toBeNull();
    expect((await signIn(user.email, "wrong password 5", freshIp())).status).toBe(401);
    const lock = await findSignInLock(user.email);
    expect(lock).not.toBeNull();
    expect(Math.round((lock!.lockedUntil.getTime() - Date.now()) / 60_000)).toBe(15);

    const refused = await signIn(user.email, PASSWORD, freshIp());
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(890);
    expect(await refused.json()).toMatchObject({
      error: "AccountLocked",
      message: "This account is locked after too many failed sign-ins. Try again in 15 minutes, or ask an owner or admin of your organization to unlock it.",
    });
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);

    // One event in each of the account's organizations, none anywhere else.
    for (const organizationId of [org.id, other.id]) {
      const events = await auditOf(organizationId, "account.locked");
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ targetType: "user", targetId: user.id, summary: { email: user.email, failures: 5, minutes: 15 } });
    }
  });

  it("a nonexistent address is locked the same way, so the answer tells nobody whether the account exists", async () => {
    const email = `ghost-${uid()}@example.test`;
    for (let i = 0; i < 5; i++) await signIn(email, `wrong password ${i}`, freshIp());
    const refused = await signIn(email, "any password at all", freshIp());
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: string }).error).toBe("AccountLocked");
  });

  it("a success resets the count: 4 failures, a sign-in, 4 failures leave the account open", async () => {
    const user = await createUser("resets");
    for (let i = 0; i < 4; i++) await signIn(user.email, `wrong password ${i}`, freshIp());
    expect((await signIn(user.email, PASSWORD, freshIp())).status).toBe(200);
    for (let i = 0; i < 4; i++) await signIn(user.email, `wrong password ${i}`, freshIp());
    expect(await findSignInLock(user.email)).toBeNull();
    expect((await db().signInLockout.findUniqueOrThrow({ where: { email: user.email } })).failures).toBe(4);
  });

  it("ends after the window (the clock moved on), and the owner is then told of it once", async () => {
    const user = await createUser("window");
    const t0 = new Date();
    for (let i = 0; i < 5; i++) await recordFailedSignIn(user.email, meta, new Date(t0.getTime() + i * 1000));
    const lockedAt = new Date(t0.getTime() + 4000);
    const at = (minutes: number) => new Date(lockedAt.getTime() + minutes * 60_000);

    expect(await findSignInLock(user.email, at(14.9))).not.toBeNull();
    expect(await recordSuccessfulSignIn(user.email, at(14.9))).toEqual({ allowed: false });
    expect(await getLockoutNotice(userContext(user), at(14.9))).toBeNull();

    expect(await findSignInLock(user.email, at(15.01))).toBeNull();
    expect(await recordSuccessfulSignIn(user.email, at(15.01))).toEqual({ allowed: true });
    const pad = (n: number) => String(n).padStart(2, "0");
    const notice = await getLockoutNotice(userContext(user), at(15.01));
    expect(notice).toBe(
      `Your account was locked at ${pad(lockedAt.getUTCHours())}:${pad(lockedAt.getUTCMinutes())} UTC on ${lockedAt.toISOString().slice(0, 10)} after 5 failed sign-ins. If that was not you, someone may be guessing your password: choose a new one.`,
    );
    await dismissLockoutNotice(userContext(user));
    expect(await getLockoutNotice(userContext(user), at(15.01))).toBeNull();

    // After the window the count starts again: one more failure does not lock.
    expect(await recordFailedSignIn(user.email, meta, at(16))).toEqual({ failures: 1, locked: false });
  });

  it("an owner or admin sees the locked member and unlocks them (audited); other roles may not", async () => {
    const { user, org, other } = await lockedUser();
    for (let i = 0; i < 5; i++) await recordFailedSignIn(user.email, meta);
    const membership = await db().membership.findFirstOrThrow({ where: { organizationId: org.id, userId: user.id } });

    expect([...(await listLockedMembers(org.ctx.ADMIN)).keys()]).toEqual([user.id]);
    await expectSafeError(unlockMember(org.ctx.SECURITY_LEAD, { membershipId: membership.id }), ForbiddenError, "forbidden");
    await expectSafeError(listLockedMembers(org.ctx.VIEWER), ForbiddenError, "forbidden");
    // An admin of another organization cannot reach this member.
    const otherMembership = await db().membership.findFirstOrThrow({ where: { organizationId: other.id, userId: user.id } });
    expect(otherMembership.id).not.toBe(membership.id);
    await expect(unlockMember(other.ctx.ADMIN, { membershipId: membership.id })).rejects.toThrow("That member was not found.");
    expect(await findSignInLock(user.email)).not.toBeNull();

    expect(await unlockMember(org.ctx.ADMIN, { membershipId: membership.id })).toEqual({ email: user.email });
    expect(await findSignInLock(user.email)).toBeNull();
    expect((await listLockedMembers(org.ctx.ADMIN)).size).toBe(0);
    expect((await signIn(user.email, PASSWORD, freshIp())).status).toBe(200);
    for (const organizationId of [org.id, other.id]) {
      const events = await auditOf(organizationId, "account.unlocked");
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actorId: org.users.ADMIN.id, actorLabel: org.users.ADMIN.email, targetId: user.id });
    }
    await expectSafeError(unlockMember(org.ctx.ADMIN, { membershipId: membership.id }), ConflictError, "conflict");
  });

  it("`npm run tm -- unlock --email E` unlocks from the command line; an account that is not locked exits with a message", async () => {
    const org = await createOrg("cli-unlock");
    const user = org.users.TECH_LEAD;
    for (let i = 0; i < 5; i++) await recordFailedSignIn(user.email, meta);
    const root = path.resolve(import.meta.dirname, "../..");
    const tm = (...args: string[]) =>
      spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/tm.ts", ...args], {
        cwd: root,
        encoding: "utf8",
        env: process.env,
        timeout: 60_000,
      });
    const run = tm("unlock", "--email", user.email.toUpperCase());
    expect(run.status, run.stderr).toBe(0);
    expect(await findSignInLock(user.email)).toBeNull();
    expect(await auditOf(org.id, "account.unlocked")).toHaveLength(1);
    const again = tm("unlock", "--email", user.email);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain(`The account ${user.email} is not locked.`);
    // The data function, as the command calls it.
    await expectSafeError(operatorUnlockAccount(operator, { email: user.email }), ConflictError, "conflict");
  }, 180_000);
});
