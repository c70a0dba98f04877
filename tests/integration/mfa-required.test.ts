import { addMonths, today } from "@/lib/domain/calendar";
import { generate } from "otplib";
import { beforeAll, describe, expect, it } from "vitest";
import { authorizeMember } from "@/lib/api/guard";
import type { OrgContext } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { decideAcceptance } from "@/lib/data/acceptances/decide-acceptance";
import { listMembers } from "@/lib/data/members/list-members";
import { findMembership } from "@/lib/data/organizations/find-membership";
import { getMfaRequirement } from "@/lib/data/organizations/get-mfa-requirement";
import { setMfaRequirement } from "@/lib/data/organizations/set-mfa-requirement";
import { decideReview } from "@/lib/data/review/decide-review";
import { submitForReview } from "@/lib/data/review/submit-for-review";
import { confirmTotpEnrolment } from "@/lib/data/second-factors/confirm-totp-enrolment";
import { findEnrolmentRequirement } from "@/lib/data/second-factors/find-enrolment-requirement";
import { startTotpEnrolment } from "@/lib/data/second-factors/start-totp-enrolment";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import type { SecondFactorStanding } from "@/lib/domain/second-factor";
import { ForbiddenError, SafeError } from "@/lib/errors";
import { ZDecideAcceptance, ZDecideReview, ZSubmitForReview } from "@/lib/validation/review";
import { createOrg, expectSafeError, meta, orgsForSuite, richDocument, snapshotOrg, uid, type TestOrg } from "./helpers";
import { createAcceptance } from "./notification-helpers";

const NOT_ENROLLED: SecondFactorStanding = { enrolled: false, passedAt: null };
const NOT_GIVEN: SecondFactorStanding = { enrolled: true, passedAt: null };
const given = (): SecondFactorStanding => ({ enrolled: true, passedAt: new Date() });

/**
 * The member as a request of a session with this standing arrives: the requirement read from the
 * membership, as getOrgContext does, and a client address of its own, so the code-entry limit is its own.
 */
async function inSession(ctx: OrgContext, secondFactor: SecondFactorStanding | undefined): Promise<OrgContext> {
  const membership = await findMembership(ctx.userId, ctx.organizationSlug);
  const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
  return { ...ctx, meta: { ...meta, ip }, secondFactor, requireMfa: membership!.organization.requireMfa };
}

/** Adds an authenticator app to the member's account through the real enrolment, with the code the app would show. */
async function enrolTotp(member: OrgContext) {
  const ctx = await inSession(member, undefined);
  const enrolment = await startTotpEnrolment(ctx);
  await confirmTotpEnrolment(ctx, { factorId: enrolment.factorId, name: "Phone", code: await generate({ secret: enrolment.secret }) });
}

const GUARD_MESSAGES = { unauthenticated: "Your session has ended. Sign in again.", notFound: "That organization was not found." };

/** What orgAction does for an action: the guard with the action's own name and permission, then the use case. */
async function throughGuard<T>(ctx: OrgContext, what: { name: string; permission: Permission }, run: (member: OrgContext) => Promise<T>) {
  const member = await authorizeMember(ctx, ctx, what, GUARD_MESSAGES);
  return run(member);
}

// The options lib/actions/review.ts builds decideReviewAction and decideAcceptanceAction with.
const APPROVE = { name: "review.decide", permission: "model.review" } as const;
const ACCEPT = { name: "risk.decide", permission: "risk.accept" } as const;

/** Everything approving or accepting could touch: the organization's rows plus approvals and revisions. */
async function snapshotDecisions(organizationId: string) {
  const where = { organizationId };
  const [base, approvals, revisions, notifications] = await Promise.all([
    snapshotOrg(organizationId),
    db().approval.findMany({ where, orderBy: { id: "asc" } }),
    db().revision.findMany({ where, orderBy: { id: "asc" } }),
    db().notification.findMany({ where, orderBy: { id: "asc" } }),
  ]);
  return { ...base, approvals, revisions, notifications };
}

function requirementEvents(organizationId: string) {
  return db().auditEvent.findMany({
    where: { organizationId, action: "organization.mfa-requirement-changed" },
    orderBy: { seq: "asc" },
    select: { actorId: true, summary: true },
  });
}

describe("an Owner sets the two-step sign-in requirement", () => {
  const [org] = orgsForSuite("mfa-set");

  it("is refused to every role but Owner, and changes nothing", async () => {
    const before = await snapshotOrg(org.id);
    for (const role of ["ADMIN", "SECURITY_LEAD", "TECH_LEAD", "CONTRIBUTOR", "VIEWER"] as const) {
      await expectSafeError(setMfaRequirement(await inSession(org.ctx[role], given()), { required: true }), ForbiddenError, "forbidden");
    }
    expect(await snapshotOrg(org.id)).toEqual(before);
  });

  it("refuses to turn it on while the Owner's own account has no factor, and changes nothing", async () => {
    const before = await snapshotOrg(org.id);
    const refused = await expectSafeError(setMfaRequirement(await inSession(org.ctx.OWNER, NOT_ENROLLED), { required: true }), SafeError, "forbidden");
    expect(refused.message).toBe("Add a second factor to your own account first, under Account.");
    // The session's word alone does not count: the account itself must hold a confirmed factor.
    await expectSafeError(setMfaRequirement(await inSession(org.ctx.OWNER, given()), { required: true }), SafeError, "forbidden");
    expect(await snapshotOrg(org.id)).toEqual(before);
  });

  it("refuses to turn it on from a session that did not give the Owner's factor", async () => {
    await enrolTotp(org.ctx.OWNER);
    const before = await snapshotOrg(org.id);
    await expectSafeError(setMfaRequirement(await inSession(org.ctx.OWNER, NOT_GIVEN), { required: true }), SafeError, "step-up");
    // Outside a browser session (no standing at all) it is refused the same way.
    await expectSafeError(setMfaRequirement(await inSession(org.ctx.OWNER, undefined), { required: true }), SafeError, "step-up");
    expect(await snapshotOrg(org.id)).toEqual(before);
  });

  it("turns it on and off, audited with how many members have no factor yet; setting it again writes nothing", async () => {
    const owner = await inSession(org.ctx.OWNER, given());
    // Six members, one per role; only the Owner enrolled.
    expect(await setMfaRequirement(owner, { required: true })).toEqual({ required: true, membersWithoutFactor: 5 });
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).requireMfa).toBe(true);
    expect(await getMfaRequirement(org.ctx.VIEWER)).toEqual({ required: true, membersWithoutFactor: 5 });

    expect(await setMfaRequirement(owner, { required: true })).toEqual({ required: true, membersWithoutFactor: 5 });
    expect(await requirementEvents(org.id)).toEqual([{ actorId: org.users.OWNER.id, summary: { requirement: "on", membersWithoutFactor: 5 } }]);

    // Turning it off needs no fresh factor (the guard already held the session to the requirement).
    expect(await setMfaRequirement(await inSession(org.ctx.OWNER, NOT_GIVEN), { required: false })).toEqual({ required: false, membersWithoutFactor: 5 });
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).requireMfa).toBe(false);
    expect(await requirementEvents(org.id)).toEqual([
      { actorId: org.users.OWNER.id, summary: { requirement: "on", membersWithoutFactor: 5 } },
      { actorId: org.users.OWNER.id, summary: { requirement: "off", membersWithoutFactor: 5 } },
    ]);
  });

  it("lists which members sign in with a second factor", async () => {
    const members = await listMembers(org.ctx.ADMIN);
    expect(members.filter((m) => m.twoStep).map((m) => m.userId)).toEqual([org.users.OWNER.id]);
    expect(members.filter((m) => !m.twoStep)).toHaveLength(5);
  });
});

describe("the enrolment notice on Account", () => {
  const [requiring, relaxed, other] = orgsForSuite("mfa-notice", "mfa-relaxed", "mfa-other");

  beforeAll(async () => {
    await enrolTotp(requiring.ctx.OWNER);
    await setMfaRequirement(await inSession(requiring.ctx.OWNER, given()), { required: true });
  });

  it("names an organization of the user's that requires it, and says whether they have a factor yet", async () => {
    const viewer = requiring.ctx.VIEWER;
    expect(await findEnrolmentRequirement(viewer, requiring.slug)).toEqual({ organizationName: requiring.name, slug: requiring.slug, enrolled: false });
    await enrolTotp(viewer);
    expect(await findEnrolmentRequirement(viewer, requiring.slug)).toEqual({ organizationName: requiring.name, slug: requiring.slug, enrolled: true });
  });

  it("says nothing for an organization that does not require it, one the user is not in, or an address that is no slug", async () => {
    const viewer = requiring.ctx.VIEWER;
    expect(await findEnrolmentRequirement(relaxed.ctx.VIEWER, relaxed.slug)).toBeNull();
    await enrolTotp(other.ctx.OWNER);
    await setMfaRequirement(await inSession(other.ctx.OWNER, given()), { required: true });
    expect(await findEnrolmentRequirement(viewer, other.slug)).toBeNull();
    for (const param of [undefined, "", ["a", "b"], "../admin", `${requiring.slug}?x=1`, "x".repeat(200)]) {
      expect(await findEnrolmentRequirement(viewer, param)).toBeNull();
    }
  });
});

describe("with the requirement on, approving and accepting need the second factor", () => {
  let org: TestOrg;
  let modelId: string;
  let acceptanceId: string;
  const lockVersion = async () => (await db().threatModel.findUniqueOrThrow({ where: { id: modelId } })).lockVersion;
  const approve = (lead: OrgContext) =>
    throughGuard(lead, APPROVE, async (m) => decideReview(m, ZDecideReview.parse({ modelId, lockVersion: await lockVersion(), decision: "APPROVED" })));
  const accept = (lead: OrgContext) => throughGuard(lead, ACCEPT, (m) => decideAcceptance(m, ZDecideAcceptance.parse({ acceptanceId, decision: "ACCEPTED" })));

  beforeAll(async () => {
    org = await createOrg("mfa-gate");
    const model = await db().$transaction((tx) =>
      insertThreatModelDocument(tx, { organizationId: org.id, createdById: org.users.CONTRIBUTOR.id }, richDocument(`Gate ${uid()}`, "DRAFT")),
    );
    modelId = model.id;
    await submitForReview(org.ctx.CONTRIBUTOR, ZSubmitForReview.parse({ modelId }));
    acceptanceId = (await createAcceptance(org, modelId, { status: "PROPOSED", reviewDate: addMonths(today(), 12) })).id;
    await enrolTotp(org.ctx.OWNER);
    await setMfaRequirement(await inSession(org.ctx.OWNER, given()), { required: true });
  });

  it.each([
    ["without a factor, told to enrol", NOT_ENROLLED, "forbidden"],
    ["with a factor this session did not give, asked to verify", NOT_GIVEN, "step-up"],
    ["outside a browser session", undefined, "forbidden"],
  ] as const)("a security lead %s is refused by the guard, and nothing changes", async (_, standing, code) => {
    const lead = await inSession(org.ctx.SECURITY_LEAD, standing);
    const before = await snapshotDecisions(org.id);
    for (const permission of ["model.approve-security", "risk.accept"] as const) {
      const refused = await expectSafeError(authorizeMember(lead, lead, { name: "test", permission }, GUARD_MESSAGES), SafeError, code);
      expect(refused.message).toContain(`${org.name} requires two-step sign-in.`);
    }
    await expectSafeError(approve(lead), SafeError, code);
    await expectSafeError(accept(lead), SafeError, code);
    expect(await snapshotDecisions(org.id)).toEqual(before);
  });

  it("a security lead whose session gave the factor approves and accepts", async () => {
    const lead = await inSession(org.ctx.SECURITY_LEAD, given());
    for (const permission of ["model.approve-security", "risk.accept"] as const) {
      await expect(authorizeMember(lead, lead, { name: "test", permission }, GUARD_MESSAGES)).resolves.toBe(lead);
    }
    await approve(lead);
    await accept(lead);
    const approvals = await db().approval.findMany({ where: { threatModelId: modelId, withdrawnAt: null }, select: { reviewerId: true, decision: true } });
    expect(approvals).toEqual([{ reviewerId: org.users.SECURITY_LEAD.id, decision: "APPROVED" }]);
    expect((await db().residualRiskAcceptance.findUniqueOrThrow({ where: { id: acceptanceId } })).status).toBe("ACCEPTED");
  });
});

describe("with the requirement off, the second factor changes nothing", () => {
  const [org] = orgsForSuite("mfa-off");

  it.each([
    ["without a factor", NOT_ENROLLED],
    ["with a factor not given", NOT_GIVEN],
    ["having given it", given()],
    ["outside a browser session", undefined],
  ] as const)("a security lead %s approves and accepts", async (_, standing) => {
    const model = await db().$transaction((tx) =>
      insertThreatModelDocument(tx, { organizationId: org.id, createdById: org.users.CONTRIBUTOR.id }, richDocument(`Off ${uid()}`, "DRAFT")),
    );
    await submitForReview(org.ctx.CONTRIBUTOR, ZSubmitForReview.parse({ modelId: model.id }));
    const proposed = await createAcceptance(org, model.id, { status: "PROPOSED", reviewDate: addMonths(today(), 12) });
    const lead = await inSession(org.ctx.SECURITY_LEAD, standing);
    const { lockVersion } = await db().threatModel.findUniqueOrThrow({ where: { id: model.id } });
    await throughGuard(lead, APPROVE, (m) => decideReview(m, ZDecideReview.parse({ modelId: model.id, lockVersion, decision: "APPROVED" })));
    await throughGuard(lead, ACCEPT, (m) => decideAcceptance(m, ZDecideAcceptance.parse({ acceptanceId: proposed.id, decision: "ACCEPTED" })));
    expect(await db().approval.count({ where: { threatModelId: model.id, reviewerId: org.users.SECURITY_LEAD.id, decision: "APPROVED" } })).toBe(1);
    expect((await db().residualRiskAcceptance.findUniqueOrThrow({ where: { id: proposed.id } })).status).toBe("ACCEPTED");
  });
});
