// Session controls: the idle timeout and the absolute lifetime enforced on the server, sessions
// bound to the user agent they started with, a role change ending the member's sessions, and the
// account page's list with "sign out" for each session and everywhere else.
import { describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { changeMemberRole } from "@/lib/data/members/change-member-role";
import { operatorResetPassword } from "@/lib/data/operator";
import { createSession } from "@/lib/data/sessions/create-session";
import { endOtherSessions } from "@/lib/data/sessions/end-other-sessions";
import { endOwnSession } from "@/lib/data/sessions/end-own-session";
import { listSessions } from "@/lib/data/sessions/list-sessions";
import { liveSessionWhere } from "@/lib/data/sessions/live-session-where";
import { resolveSession } from "@/lib/data/sessions/resolve-session";
import { sessionEndReason } from "@/lib/domain/session-policy";
import { NotFoundError } from "@/lib/errors";
import { createOrg, createUser, expectSafeError, operator, userContext } from "./helpers";

const FIREFOX = { ip: "203.0.113.7", userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0" };
const CURL = { ip: "198.51.100.9", userAgent: "curl/8.5.0" };
const minutesLater = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000);

async function row(sessionId: string) {
  return db().session.findUniqueOrThrow({ where: { id: sessionId }, select: { revokedAt: true, endedReason: true, lastSeenAt: true } });
}

/** A user signed in here (`mine`) and on `count` other browsers, and a stranger signed in once. */
async function userWithSessions(label: string, count: number) {
  const user = await createUser(label);
  const stranger = await createUser("stranger");
  const mine = await createSession(user.id, FIREFOX);
  const others = [];
  for (let i = 0; i < count; i++) others.push(await createSession(user.id, i % 2 ? FIREFOX : CURL));
  return { user, mine, others, theirs: await createSession(stranger.id, FIREFOX) };
}

describe("idle timeout and absolute lifetime", () => {
  it("a session unused for the idle timeout ends for good, and says why", async () => {
    const user = await createUser("idle");
    const start = new Date(Date.now() - 3600_000);
    const session = await createSession(user.id, FIREFOX, start);
    const idle = config.sessionIdleMinutes();

    await expect(resolveSession(session.id, FIREFOX, minutesLater(start, idle - 1))).resolves.toMatchObject({ user: { id: user.id } });
    // Seen at idle-1: counting starts again from there, so one more minute past the original deadline is fine.
    await expect(resolveSession(session.id, FIREFOX, minutesLater(start, idle + 1))).resolves.toMatchObject({ user: { id: user.id } });
    expect((await row(session.id)).lastSeenAt).toEqual(minutesLater(start, idle + 1));

    const late = minutesLater(start, 2 * idle + 2);
    await expect(resolveSession(session.id, FIREFOX, late)).resolves.toEqual({ ended: "idle" });
    expect(await row(session.id)).toMatchObject({ revokedAt: late, endedReason: "idle" });
    // Ended is ended: coming back sooner after does not revive it.
    await expect(resolveSession(session.id, FIREFOX, minutesLater(late, 1))).resolves.toEqual({ ended: "idle" });
  });

  it("an active session still ends at its absolute lifetime", async () => {
    const user = await createUser("lifetime");
    const start = new Date(Date.now() - 48 * 3600_000);
    const session = await createSession(user.id, FIREFOX, start);
    let now = start;
    const end = minutesLater(start, config.sessionHours() * 60);
    while (now < minutesLater(end, -10)) {
      now = minutesLater(now, 10);
      await expect(resolveSession(session.id, FIREFOX, now)).resolves.toMatchObject({ user: { id: user.id } });
    }
    await expect(resolveSession(session.id, FIREFOX, end)).resolves.toEqual({ ended: "expired" });
    expect((await row(session.id)).endedReason).toBe("expired");
  });

  it("writes lastSeenAt at most once a minute", async () => {
    const user = await createUser("last-seen");
    const start = new Date(Date.now() - 600_000);
    const session = await createSession(user.id, FIREFOX, start);
    await resolveSession(session.id, FIREFOX, new Date(start.getTime() + 30_000));
    expect((await row(session.id)).lastSeenAt).toEqual(start);
    await resolveSession(session.id, FIREFOX, new Date(start.getTime() + 61_000));
    expect((await row(session.id)).lastSeenAt).toEqual(new Date(start.getTime() + 61_000));
  });
});

describe("user-agent binding", () => {
  it("a session presented by another user agent is ended, also for its own browser afterwards", async () => {
    const user = await createUser("bound");
    const session = await createSession(user.id, FIREFOX);
    await expect(resolveSession(session.id, FIREFOX)).resolves.toMatchObject({ user: { id: user.id } });

    await expect(resolveSession(session.id, CURL)).resolves.toEqual({ ended: "device-changed" });
    expect(await row(session.id)).toMatchObject({ revokedAt: expect.any(Date), endedReason: "device-changed" });
    await expect(resolveSession(session.id, FIREFOX)).resolves.toEqual({ ended: "device-changed" });
  });

  it("an unknown session id is no one's", async () => {
    await expect(resolveSession("no-such-session", FIREFOX)).resolves.toEqual({ ended: "unknown" });
  });
});

describe("the account page's sessions", () => {
  it("lists only the user's live sessions, this one marked, newest activity first", async () => {
    const user = await createUser("list");
    const stranger = await createUser("stranger");
    const old = await createSession(user.id, CURL, new Date(Date.now() - 20 * 60_000));
    const current = await createSession(user.id, FIREFOX);
    const revoked = await createSession(user.id, FIREFOX);
    await endOwnSession(userContext(user, current.id), revoked.id);
    await createSession(user.id, FIREFOX, new Date(Date.now() - 24 * 3600_000)); // long idle
    await createSession(stranger.id, FIREFOX);

    const listed = await listSessions(userContext(user, current.id));
    expect(listed.map((s) => [s.id, s.current, s.userAgent, s.ip])).toEqual([
      [current.id, true, FIREFOX.userAgent, FIREFOX.ip],
      [old.id, false, CURL.userAgent, CURL.ip],
    ]);
  });

  it("signs out one other session; someone else's session is not found and stays live", async () => {
    const { user, mine, others, theirs } = await userWithSessions("end-one", 1);
    const other = others[0]!;

    await expect(endOwnSession(userContext(user, mine.id), other.id)).resolves.toEqual({ current: false });
    expect(await row(other.id)).toMatchObject({ revokedAt: expect.any(Date), endedReason: "signed-out-elsewhere" });
    await expect(resolveSession(other.id, CURL)).resolves.toEqual({ ended: "signed-out-elsewhere" });

    await expectSafeError(endOwnSession(userContext(user, mine.id), theirs.id), NotFoundError, "not-found");
    expect((await row(theirs.id)).revokedAt).toBeNull();
  });

  it("signs out everywhere else: every other session of the user ends, this one and other users' stay", async () => {
    const { user, mine, others, theirs } = await userWithSessions("everywhere", 2);

    await expect(endOtherSessions(userContext(user, mine.id))).resolves.toEqual({ ended: 2 });
    expect((await row(mine.id)).revokedAt).toBeNull();
    for (const { id } of others) expect(await row(id)).toMatchObject({ revokedAt: expect.any(Date), endedReason: "signed-out-elsewhere" });
    expect((await row(theirs.id)).revokedAt).toBeNull();
  });
});

describe("privilege changes end sessions", () => {
  it("a role change ends every session of that member and no one else's", async () => {
    const org = await createOrg("role-rotation");
    const member = org.users.CONTRIBUTOR;
    const memberSessions = [await createSession(member.id, FIREFOX), await createSession(member.id, CURL)];
    const bystander = await createSession(org.users.VIEWER.id, FIREFOX);

    await changeMemberRole(org.ctx.OWNER, { membershipId: org.ctx.CONTRIBUTOR.membershipId, role: "VIEWER" });

    for (const session of memberSessions) expect((await row(session.id)).endedReason).toBe("privilege-changed");
    await expect(resolveSession(memberSessions[0]!.id, FIREFOX)).resolves.toEqual({ ended: "privilege-changed" });
    expect((await row(bystander.id)).revokedAt).toBeNull();
  });

  it("a role change refused by the membership rules ends nothing", async () => {
    const org = await createOrg("role-refused");
    const owner = await createSession(org.users.OWNER.id, FIREFOX);
    // The last owner cannot be demoted.
    await expect(changeMemberRole(org.ctx.OWNER, { membershipId: org.ctx.OWNER.membershipId, role: "VIEWER" })).rejects.toThrow();
    expect((await row(owner.id)).revokedAt).toBeNull();
  });

  it("an operator password reset ends the sessions as a password change", async () => {
    const user = await createUser("reset-reason");
    const session = await createSession(user.id, FIREFOX);
    await operatorResetPassword(operator, { email: user.email, password: "a brand new passphrase for this" });
    expect((await row(session.id)).endedReason).toBe("password-changed");
  });
});

describe("rule agreement: live session", () => {
  it("liveSessionWhere selects exactly the rows sessionEndReason lets through (user agent aside)", async () => {
    const user = await createUser("agreement");
    const now = new Date();
    const limits = { idleMinutes: config.sessionIdleMinutes() };
    const fixtures = [
      { lastSeenAt: now, expiresAt: minutesLater(now, 60), revokedAt: null },
      { lastSeenAt: minutesLater(now, -limits.idleMinutes), expiresAt: minutesLater(now, 60), revokedAt: null },
      { lastSeenAt: minutesLater(now, -limits.idleMinutes + 1), expiresAt: minutesLater(now, 60), revokedAt: null },
      { lastSeenAt: now, expiresAt: now, revokedAt: null },
      { lastSeenAt: now, expiresAt: minutesLater(now, 1), revokedAt: null },
      { lastSeenAt: now, expiresAt: minutesLater(now, 60), revokedAt: now },
    ];
    const ids: string[] = [];
    for (const fixture of fixtures) {
      const created = await db().session.create({ data: { userId: user.id, userAgent: "agreement", ...fixture }, select: { id: true } });
      ids.push(created.id);
    }
    const rows = await db().session.findMany({ where: { id: { in: ids } } });
    const byTypeScript = rows.filter((r) => sessionEndReason(r, { userAgent: "agreement" }, now, limits) === null).map((r) => r.id);
    const bySql = (await db().session.findMany({ where: { id: { in: ids }, ...liveSessionWhere(now, limits) }, select: { id: true } })).map((r) => r.id);
    expect(bySql.sort()).toEqual(byTypeScript.sort());
    expect(byTypeScript).toHaveLength(3);
  });
});
