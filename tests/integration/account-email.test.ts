// Email and the account links it carries, against a real SMTP server in this process: password
// reset (single use, 30 minutes, ends every session), address confirmation, invitation emails,
// the same answers for known and unknown addresses, and who may become an approver.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@/lib/data/invites/invite-token";
import { answerSignUp } from "@/lib/data/accounts/answer-sign-up";
import { changePassword, WRONG_CURRENT_PASSWORD } from "@/lib/data/accounts/change-password";
import { checkResetLink } from "@/lib/data/accounts/check-reset-link";
import { issuePasswordResetLink } from "@/lib/data/accounts/issue-password-reset-link";
import { requestPasswordReset } from "@/lib/data/accounts/request-password-reset";
import { resetPassword } from "@/lib/data/accounts/reset-password";
import { sendEmailVerification } from "@/lib/data/accounts/send-email-verification";
import { verifyCredentials } from "@/lib/data/accounts/verify-credentials";
import { verifyEmail } from "@/lib/data/accounts/verify-email";
import { LINK_UNUSABLE } from "@/lib/data/account-tokens/account-token";
import { acceptInviteWithNewAccount } from "@/lib/data/invites/accept-invite-with-new-account";
import { acceptInvite } from "@/lib/data/invites/accept-invite";
import { createInvite } from "@/lib/data/invites/create-invite";
import { emailInvitation } from "@/lib/data/invites/email-invitation";
import { changeMemberRole } from "@/lib/data/members/change-member-role";
import { createSession } from "@/lib/data/sessions/create-session";
import { resolveSession } from "@/lib/data/sessions/resolve-session";
import { noticeNewDevice } from "@/lib/data/sessions/notice-new-device";
import { operatorAddMember } from "@/lib/data/operator";
import { COMMON_PASSWORD_MESSAGE } from "@/lib/auth/common-passwords";
import { db } from "@/lib/db/client";
import { InvalidInputError, SafeError } from "@/lib/errors";
import { linkIn, startSmtpInbox, type SmtpInbox } from "../helpers/smtp-inbox";
import { PASSWORD, createOrg, createUser, meta, operator, uid, userContext } from "./helpers";
import { config } from "@/lib/config";
import { recordFailedSignIn } from "@/lib/data/lockouts/record-failed-sign-in";

/** The user a session stands for (from the user agent the test helpers sign in with), or null once it has ended. */
async function getSessionUser(sessionId: string) {
  return (await resolveSession(sessionId, { userAgent: meta.userAgent })).user ?? null;
}

const MINUTE = 60_000;
const NEW_PASSWORD = "a brand new passphrase for today";

let inbox: SmtpInbox;
beforeAll(async () => {
  inbox = await startSmtpInbox();
});
afterEach(() => {
  process.env.SMTP_URL = inbox.url;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await inbox.close();
});
process.env.NEXTAUTH_URL = "http://threatdesk.test";

function tokenOf(link: string) {
  return link.slice(link.lastIndexOf("/") + 1);
}

async function errorOf(promise: Promise<unknown>): Promise<SafeError> {
  const error = await promise.then(
    () => new Error("expected a refusal, but the call succeeded"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SafeError);
  return error as SafeError;
}

async function userRow(id: string) {
  return db().user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true, emailVerifiedAt: true, updatedAt: true } });
}

describe("password reset by email", () => {
  it("emails a single-use link stored only as a hash; using it sets the password and ends every session", async () => {
    process.env.SMTP_URL = inbox.url;
    const user = await createUser("reset");
    const sessions = await Promise.all([createSession(user.id, meta), createSession(user.id, meta)]);

    await requestPasswordReset({ email: user.email.toUpperCase() });
    const mail = await inbox.waitFor(user.email, { subject: /Reset your ThreatDesk password/ });
    const link = linkIn(mail, "/reset-password/");
    expect(link.startsWith("http://threatdesk.test/reset-password/")).toBe(true);
    expect(mail.text).toContain("30 minutes");
    const token = tokenOf(link);
    const stored = await db().accountToken.findFirstOrThrow({ where: { userId: user.id, purpose: "RESET_PASSWORD" } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    await expect(checkResetLink(token)).resolves.toBe(true);

    await expect(resetPassword({ token, password: NEW_PASSWORD }, meta)).resolves.toEqual({ email: user.email, sessionsEnded: 2 });
    await expect(verifyCredentials(user.email, NEW_PASSWORD)).resolves.toMatchObject({ id: user.id });
    await expect(verifyCredentials(user.email, PASSWORD)).resolves.toBeNull();
    for (const s of sessions) await expect(getSessionUser(s.id)).resolves.toBeNull();
    expect((await userRow(user.id)).emailVerifiedAt).toBeInstanceOf(Date);
    const event = await db().auditEvent.findFirstOrThrow({ where: { organizationId: null, action: "user.password-reset", targetId: user.id } });
    expect(event.summary).toMatchObject({ by: "reset link", sessionsEnded: 2 });

    // Used once: the second use is refused with a clear message and changes nothing.
    const before = await userRow(user.id);
    const reused = await errorOf(resetPassword({ token, password: "yet another long passphrase" }, meta));
    expect(reused.message).toBe(LINK_UNUSABLE.RESET_PASSWORD);
    expect(await userRow(user.id)).toEqual(before);
    await expect(checkResetLink(token)).resolves.toBe(false);
  });

  it("a link works for 30 minutes, and a newer one replaces it", async () => {
    process.env.SMTP_URL = inbox.url;
    const user = await createUser("expiry");
    const t0 = new Date("2026-06-01T10:00:00Z");
    await requestPasswordReset({ email: user.email }, t0);
    const first = tokenOf(linkIn(await inbox.waitFor(user.email), "/reset-password/"));
    const before = await userRow(user.id);

    const late = await errorOf(resetPassword({ token: first, password: NEW_PASSWORD }, meta, new Date(t0.getTime() + 30 * MINUTE)));
    expect(late.message).toBe(LINK_UNUSABLE.RESET_PASSWORD);
    expect(await userRow(user.id)).toEqual(before);
    await expect(checkResetLink(first, new Date(t0.getTime() + 29 * MINUTE))).resolves.toBe(true);

    const sent = inbox.to(user.email).length;
    await requestPasswordReset({ email: user.email }, new Date(t0.getTime() + 5 * MINUTE));
    const second = tokenOf(linkIn(await inbox.waitFor(user.email, { after: sent }), "/reset-password/"));
    expect((await errorOf(resetPassword({ token: first, password: NEW_PASSWORD }, meta, new Date(t0.getTime() + 6 * MINUTE)))).message).toBe(
      LINK_UNUSABLE.RESET_PASSWORD,
    );
    await expect(resetPassword({ token: second, password: NEW_PASSWORD }, meta, new Date(t0.getTime() + 34 * MINUTE))).resolves.toMatchObject({
      email: user.email,
    });
    await expect(resetPassword({ token: `${second}x`, password: NEW_PASSWORD }, meta)).rejects.toThrow(LINK_UNUSABLE.RESET_PASSWORD);
  });

  it("refuses a common password and leaves the link usable", async () => {
    const user = await createUser("common");
    const { link } = await issuePasswordResetLink(operator, { email: user.email });
    const before = await userRow(user.id);
    const refused = await errorOf(resetPassword({ token: tokenOf(link), password: "qwertyuiop123456" }, meta));
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect(refused.fieldErrors).toEqual({ password: [COMMON_PASSWORD_MESSAGE] });
    expect(await userRow(user.id)).toEqual(before);
    await expect(checkResetLink(tokenOf(link))).resolves.toBe(true);
  });

  it("the operator's reset link (no email needed) works like an emailed one and is audited", async () => {
    delete process.env.SMTP_URL;
    const user = await createUser("cli-link");
    const issued = await issuePasswordResetLink(operator, { email: user.email });
    expect(issued.link).toMatch(/^http:\/\/threatdesk\.test\/reset-password\/[A-Za-z0-9_-]{43}$/);
    await expect(resetPassword({ token: tokenOf(issued.link), password: NEW_PASSWORD }, meta)).resolves.toMatchObject({ email: user.email });
    expect(await db().auditEvent.count({ where: { action: "user.password-reset-link-issued", targetId: user.id } })).toBe(1);
    await expect(issuePasswordResetLink(operator, { email: `nobody-${uid()}@example.test` })).rejects.toThrow("was not found");
  });
});

describe("the same answer whatever the email", () => {
  it("a reset request for an unknown address answers as for a known one and sends nothing", async () => {
    process.env.SMTP_URL = inbox.url;
    const known = await createUser("known");
    const unknown = `unknown-${uid()}@example.test`;
    await expect(requestPasswordReset({ email: known.email })).resolves.toBeUndefined();
    await expect(requestPasswordReset({ email: unknown })).resolves.toBeUndefined();
    await inbox.waitFor(known.email);
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox.to(unknown)).toEqual([]);
    expect(await db().accountToken.count({ where: { email: unknown } })).toBe(0);
  });

  it("sign-up answers 'check your inbox' for a new and a taken address; the owner of the taken one is told", async () => {
    process.env.SMTP_URL = inbox.url;
    const taken = await createUser("taken");
    const fresh = `fresh-${uid()}@example.test`;
    const input = (email: string) => ({ name: "Someone", email, password: PASSWORD, organizationName: `Org ${uid()}` });
    const usersBefore = await db().user.count();

    const forFresh = await answerSignUp(input(fresh), meta);
    const forTaken = await answerSignUp(input(taken.email), meta);
    expect(forFresh).toEqual({ kind: "check-inbox", email: fresh });
    expect(forTaken).toEqual({ kind: "check-inbox", email: taken.email });
    expect(await db().user.count()).toBe(usersBefore + 1);
    expect(await db().membership.count({ where: { userId: taken.id } })).toBe(0);

    const verification = await inbox.waitFor(fresh, { subject: /Confirm your email address/ });
    expect(linkIn(verification, "/verify-email/")).toMatch(/^http:\/\/threatdesk\.test\/verify-email\//);
    const notice = await inbox.waitFor(taken.email, { subject: /Someone tried to create a ThreatDesk account/ });
    expect(notice.text).toContain("No account was created");
    expect(notice.text).toContain("http://threatdesk.test/forgot-password");

    // A refusal a new address would get comes first, so it cannot tell the two apart either.
    for (const email of [fresh, taken.email, `other-${uid()}@example.test`]) {
      const refused = await errorOf(answerSignUp({ ...input(email), password: "passwordpassword" }, meta));
      expect(refused.fieldErrors).toEqual({ password: [COMMON_PASSWORD_MESSAGE] });
    }
  });

  it("without email, sign-up signs a new account in and refuses a taken address, as before", async () => {
    delete process.env.SMTP_URL;
    const taken = await createUser("no-mail");
    const fresh = `nomail-${uid()}@example.test`;
    const answer = await answerSignUp({ name: "New", email: fresh, password: PASSWORD, organizationName: `Org ${uid()}` }, meta);
    expect(answer).toMatchObject({ kind: "signed-up", organizationSlug: expect.any(String) });
    expect((await errorOf(answerSignUp({ name: "New", email: taken.email, password: PASSWORD, organizationName: "X Org" }, meta))).code).toBe("conflict");
  });
});

describe("address confirmation", () => {
  it("the emailed link confirms the address once; resending replaces it", async () => {
    process.env.SMTP_URL = inbox.url;
    const user = await createUser("verify");
    await db().user.update({ where: { id: user.id }, data: { emailVerifiedAt: null } });
    await expect(sendEmailVerification(userContext(user))).resolves.toBe("sent");
    const first = tokenOf(linkIn(await inbox.waitFor(user.email), "/verify-email/"));
    await expect(sendEmailVerification(userContext(user))).resolves.toBe("sent");
    const second = tokenOf(linkIn(await inbox.waitFor(user.email, { after: 1 }), "/verify-email/"));

    expect((await errorOf(verifyEmail({ token: first }, meta))).message).toBe(LINK_UNUSABLE.VERIFY_EMAIL);
    expect((await userRow(user.id)).emailVerifiedAt).toBeNull();
    await expect(verifyEmail({ token: second }, meta)).resolves.toEqual({ email: user.email });
    expect((await userRow(user.id)).emailVerifiedAt).toBeInstanceOf(Date);
    expect((await errorOf(verifyEmail({ token: second }, meta))).message).toBe(LINK_UNUSABLE.VERIFY_EMAIL);
    expect(await db().auditEvent.count({ where: { action: "user.email-verified", targetId: user.id } })).toBe(1);
    await expect(sendEmailVerification(userContext(user))).resolves.toBe("already-verified");
  });
});

describe("approvers need a confirmed address", () => {
  it("an unconfirmed member cannot be made security lead or tech lead; other roles are fine; once confirmed they can", async () => {
    const org = await createOrg("approver");
    const user = await createUser("unconfirmed");
    await db().user.update({ where: { id: user.id }, data: { emailVerifiedAt: null } });
    const membership = await operatorAddMember(operator, { slug: org.slug, email: user.email, role: "VIEWER" });

    for (const role of ["SECURITY_LEAD", "TECH_LEAD"] as const) {
      const refused = await errorOf(changeMemberRole(org.ctx.OWNER, { membershipId: membership.id, role }));
      expect(refused.code).toBe("forbidden");
      expect(refused.message).toContain("has not confirmed their email address");
      expect((await db().membership.findUniqueOrThrow({ where: { id: membership.id } })).role).toBe("VIEWER");
    }
    await expect(changeMemberRole(org.ctx.OWNER, { membershipId: membership.id, role: "CONTRIBUTOR" })).resolves.toMatchObject({ role: "CONTRIBUTOR" });

    await db().user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
    await expect(changeMemberRole(org.ctx.OWNER, { membershipId: membership.id, role: "SECURITY_LEAD" })).resolves.toMatchObject({ role: "SECURITY_LEAD" });
  });

  it("a copied invitation link cannot make a new, unconfirmed account an approver; an emailed one confirms the address", async () => {
    process.env.SMTP_URL = inbox.url;
    const org = await createOrg("approver-invite");
    const copiedTo = `copied-${uid()}@example.test`;
    const copied = await createInvite(org.ctx.ADMIN, { email: copiedTo, role: "TECH_LEAD" });
    const refused = await errorOf(acceptInviteWithNewAccount({ token: copied.token, name: "Copied", password: PASSWORD }, meta));
    expect(refused.message).toContain("Tech lead approves threat models, so it needs a confirmed email address");
    expect(await db().user.count({ where: { email: copiedTo } })).toBe(0);
    expect((await db().invite.findUniqueOrThrow({ where: { id: copied.invite.id } })).acceptedAt).toBeNull();

    const emailedTo = `emailed-${uid()}@example.test`;
    const emailed = await createInvite(org.ctx.ADMIN, { email: emailedTo, role: "SECURITY_LEAD" });
    await expect(emailInvitation(org.ctx.ADMIN, emailed.invite, emailed.token)).resolves.toBe("sent");
    const mail = await inbox.waitFor(emailedTo, { subject: new RegExp(`invited you to ${org.name}`) });
    expect(mail.text).toContain("as Security lead");
    expect(linkIn(mail, "/invite/")).toBe(`http://threatdesk.test/invite/${emailed.token}`);
    expect((await db().invite.findUniqueOrThrow({ where: { id: emailed.invite.id } })).emailedAt).toBeInstanceOf(Date);

    await acceptInviteWithNewAccount({ token: emailed.token, name: "Emailed", password: PASSWORD }, meta);
    const joined = await db().user.findUniqueOrThrow({ where: { email: emailedTo }, include: { memberships: true } });
    expect(joined.emailVerifiedAt).toBeInstanceOf(Date);
    expect(joined.memberships.map((m) => m.role)).toEqual(["SECURITY_LEAD"]);
  });

  it("an existing unconfirmed account accepting an emailed invitation is confirmed by it", async () => {
    process.env.SMTP_URL = inbox.url;
    const org = await createOrg("approver-existing");
    const user = await createUser("existing");
    await db().user.update({ where: { id: user.id }, data: { emailVerifiedAt: null } });
    const { invite, token } = await createInvite(org.ctx.OWNER, { email: user.email, role: "TECH_LEAD" });
    await emailInvitation(org.ctx.OWNER, invite, token);
    await acceptInvite(userContext(user), token);
    expect((await userRow(user.id)).emailVerifiedAt).toBeInstanceOf(Date);
  });
});

describe("invitation emails", () => {
  it("a mail server that is down does not break the invitation: the link stays the way in", async () => {
    const org = await createOrg("invite-down");
    const down = await startSmtpInbox();
    await down.close();
    process.env.SMTP_URL = down.url;
    const { invite, token } = await createInvite(org.ctx.OWNER, { email: `later-${uid()}@example.test`, role: "CONTRIBUTOR" });
    await expect(emailInvitation(org.ctx.OWNER, invite, token)).resolves.toBe("failed");
    expect((await db().invite.findUniqueOrThrow({ where: { id: invite.id } })).emailedAt).toBeNull();
    await expect(acceptInviteWithNewAccount({ token, name: "Later", password: PASSWORD }, meta)).resolves.toMatchObject({ organizationSlug: org.slug });
  });

  it("without SMTP_URL nothing is sent", async () => {
    delete process.env.SMTP_URL;
    const org = await createOrg("invite-none");
    const { invite, token } = await createInvite(org.ctx.OWNER, { email: `none-${uid()}@example.test`, role: "CONTRIBUTOR" });
    await expect(emailInvitation(org.ctx.OWNER, invite, token)).resolves.toBe("not-configured");
  });
});

describe("password change", () => {
  it("needs the current password, ends the other sessions and keeps this one", async () => {
    const user = await createUser("change");
    const [current, other] = await Promise.all([createSession(user.id, meta), createSession(user.id, meta)]);
    const ctx = userContext(user, current.id);
    const before = await userRow(user.id);

    const wrong = await errorOf(changePassword(ctx, { currentPassword: "not my password at all", newPassword: NEW_PASSWORD }));
    expect(wrong.fieldErrors).toEqual({ currentPassword: [WRONG_CURRENT_PASSWORD] });
    const common = await errorOf(changePassword(ctx, { currentPassword: PASSWORD, newPassword: "iloveyou1234567!" }));
    expect(common.fieldErrors).toEqual({ newPassword: [COMMON_PASSWORD_MESSAGE] });
    expect(await userRow(user.id)).toEqual(before);
    await expect(getSessionUser(other.id)).resolves.not.toBeNull();

    await expect(changePassword(ctx, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).resolves.toEqual({ otherSessionsEnded: 1 });
    await expect(getSessionUser(current.id)).resolves.toMatchObject({ id: user.id });
    await expect(getSessionUser(other.id)).resolves.toBeNull();
    await expect(verifyCredentials(user.email, NEW_PASSWORD)).resolves.toMatchObject({ id: user.id });
    expect(await db().auditEvent.count({ where: { action: "user.password-changed", targetId: user.id } })).toBe(1);
  });
});

describe("new-device notice", () => {
  it("mails the owner when a sign-in comes from a browser none of their sessions used", async () => {
    process.env.SMTP_URL = inbox.url;
    const user = await createUser("device");
    const first = await createSession(user.id, { ip: "127.0.0.1", userAgent: "Firefox on Linux" });
    await expect(noticeNewDevice(user, first.id, { ip: "127.0.0.1", userAgent: "Firefox on Linux" })).resolves.toBe("known-device");
    const again = await createSession(user.id, { ip: "127.0.0.1", userAgent: "Firefox on Linux" });
    await expect(noticeNewDevice(user, again.id, { ip: "127.0.0.1", userAgent: "Firefox on Linux" })).resolves.toBe("known-device");
    const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
    const other = await createSession(user.id, { ip: "203.0.113.9", userAgent: iphone });
    await expect(noticeNewDevice(user, other.id, { ip: "203.0.113.9", userAgent: iphone })).resolves.toBe("sent");
    const mail = await inbox.waitFor(user.email, { subject: /New sign-in/ });
    expect(mail.text).toContain("Safari 18 on iOS");
    expect(mail.text).toContain("203.0.113.9");
    expect(inbox.to(user.email)).toHaveLength(1);
  });
});

describe("lockout notice", () => {
  it("mails the owner once when failed sign-ins lock the account, with a way to choose a new password", async () => {
    process.env.SMTP_URL = inbox.url;
    const user = await createUser("locked-mail");
    for (let attempt = 0; attempt < config.lockout().attempts; attempt++) await recordFailedSignIn(user.email, meta);
    const mail = await inbox.waitFor(user.email, { subject: /locked/ });
    expect(mail.text).toContain(`After ${config.lockout().attempts} failed sign-in attempts in a row`);
    expect(mail.text).toContain("http://threatdesk.test/forgot-password");
    // Further failures while locked do not mail again.
    await recordFailedSignIn(user.email, meta);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(inbox.to(user.email)).toHaveLength(1);
  });
});
