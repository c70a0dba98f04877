import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { OrgContext } from "@/lib/auth/context";
import { db } from "@/lib/db/client";
import { decideAcceptance } from "@/lib/data/acceptances/decide-acceptance";
import { acceptInvite } from "@/lib/data/invites/accept-invite";
import { createInvite } from "@/lib/data/invites/create-invite";
import { changeMemberRole } from "@/lib/data/members/change-member-role";
import { getEditorState } from "@/lib/data/model-editor/get-editor-state";
import { saveModelSection } from "@/lib/data/model-editor/save-model-section";
import { updateOrganizationSettings } from "@/lib/data/organizations/update-organization-settings";
import { decideReview } from "@/lib/data/review/decide-review";
import { getReviewPage } from "@/lib/data/review/get-review-page";
import { submitForReview } from "@/lib/data/review/submit-for-review";
import { decideRoleGrant } from "@/lib/data/role-grants/decide-role-grant";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import { addMonths, today } from "@/lib/domain/calendar";
import { ConflictError, ForbiddenError, InvalidInputError } from "@/lib/errors";
import { ZSaveSection } from "@/lib/validation/model-editor";
import { ZOrganizationSettings } from "@/lib/validation/organization";
import { ZDecideAcceptance, ZDecideReview, ZSubmitForReview } from "@/lib/validation/review";
import { auditActions, createOrg, createUser, expectSafeError, richDocument, userContext, type TestOrg } from "./helpers";

const SETTINGS = { name: "Separation", fixByDaysHigh: 7, fixByDaysMedium: 30, fixByDaysLow: 14, reviewCadenceMonths: 3 };

function setSettings(org: TestOrg, extra: Record<string, string>) {
  return updateOrganizationSettings(org.ctx.OWNER, ZOrganizationSettings.parse({ ...SETTINGS, ...extra }));
}

/** A Draft model written by `author`, with one residual risk proposed by them. */
async function modelBy(org: TestOrg, author: OrgContext, title = `SoD ${org.slug}`) {
  return db().$transaction((tx) => insertThreatModelDocument(tx, { organizationId: org.id, createdById: author.userId }, richDocument(title, "DRAFT")));
}

async function acceptanceOf(modelId: string) {
  return db().residualRiskAcceptance.findFirstOrThrow({ where: { threatModelId: modelId } });
}

/** Marks every member's address confirmed: roles that approve need one. */
async function confirmAddresses(org: TestOrg) {
  await db().user.updateMany({ where: { id: { in: Object.values(org.users).map((u) => u.id) } }, data: { emailVerifiedAt: new Date() } });
}

/** The role-grant notifications each of the organization's users has, as "<user id> <title> <link>". */
async function grantNotifications(org: TestOrg) {
  const rows = await db().notification.findMany({ where: { organizationId: org.id, kind: "role-grant-requested" }, orderBy: { userId: "asc" } });
  return rows.map((n) => `${n.userId} ${n.title} ${n.link}`);
}

const membership = (id: string) => db().membership.findUniqueOrThrow({ where: { id }, select: { role: true, pendingRole: true, pendingRoleById: true } });

describe("a security lead does not accept a risk they proposed", () => {
  it("is refused for the proposer and leaves the risk proposed; another security lead accepts it", async () => {
    const org = await createOrg("sod-accept");
    await setSettings(org, { roleGrantsNeedSecondManager: "default" });
    await confirmAddresses(org);
    const model = await modelBy(org, org.ctx.SECURITY_LEAD);
    const risk = await acceptanceOf(model.id);
    expect(risk.proposedById).toBe(org.users.SECURITY_LEAD.id);
    const accept = (ctx: OrgContext) =>
      decideAcceptance(ctx, ZDecideAcceptance.parse({ acceptanceId: risk.id, decision: "ACCEPTED", reviewDate: addMonths(today(), 6) }));

    await expectSafeError(accept(org.ctx.SECURITY_LEAD), ForbiddenError, "forbidden");
    await expect(accept(org.ctx.SECURITY_LEAD)).rejects.toThrow(/You proposed this residual risk/);
    expect((await acceptanceOf(model.id)).status).toBe("PROPOSED");
    expect(await auditActions(org.id)).not.toContain("risk.accepted");
    const page = await getReviewPage(org.ctx.SECURITY_LEAD, model.id);
    expect(page.acceptances[0]!.acceptRefusal).toMatch(/another security lead must accept it/);

    await changeMemberRole(org.ctx.OWNER, { membershipId: org.ctx.CONTRIBUTOR.membershipId, role: "SECURITY_LEAD" });
    await decideRoleGrant(org.ctx.ADMIN, { membershipId: org.ctx.CONTRIBUTOR.membershipId, decision: "confirm" });
    const secondLead = { ...org.ctx.CONTRIBUTOR, role: "SECURITY_LEAD" as const };
    expect(await accept(secondLead)).toEqual({ status: "ACCEPTED" });
    expect((await acceptanceOf(model.id)).decidedById).toBe(org.users.CONTRIBUTOR.id);
  });
});

describe("nobody changes their own role", () => {
  it("refuses an Admin (and an Owner) changing their own role and changes nothing", async () => {
    const org = await createOrg("sod-self");
    await expectSafeError(changeMemberRole(org.ctx.ADMIN, { membershipId: org.ctx.ADMIN.membershipId, role: "SECURITY_LEAD" }), ForbiddenError, "forbidden");
    await expect(changeMemberRole(org.ctx.ADMIN, { membershipId: org.ctx.ADMIN.membershipId, role: "TECH_LEAD" })).rejects.toThrow(/your own role/);
    await expectSafeError(changeMemberRole(org.ctx.OWNER, { membershipId: org.ctx.OWNER.membershipId, role: "ADMIN" }), ForbiddenError, "forbidden");
    expect(await membership(org.ctx.ADMIN.membershipId)).toMatchObject({ role: "ADMIN", pendingRole: null });
    expect(await membership(org.ctx.OWNER.membershipId)).toMatchObject({ role: "OWNER", pendingRole: null });
    expect(await auditActions(org.id)).not.toContain("member.role-changed");
  });
});

describe("role grants need a second manager", () => {
  it("by default with two managers: a lead role waits, the asker cannot confirm it, another manager does", async () => {
    const org = await createOrg("sod-grant");
    await setSettings(org, { roleGrantsNeedSecondManager: "default" });
    await confirmAddresses(org);
    const target = org.ctx.CONTRIBUTOR.membershipId;
    expect(await changeMemberRole(org.ctx.ADMIN, { membershipId: target, role: "SECURITY_LEAD" })).toMatchObject({
      role: "CONTRIBUTOR",
      pendingRole: "SECURITY_LEAD",
    });
    expect(await membership(target)).toEqual({ role: "CONTRIBUTOR", pendingRole: "SECURITY_LEAD", pendingRoleById: org.users.ADMIN.id });

    await expect(decideRoleGrant(org.ctx.ADMIN, { membershipId: target, decision: "confirm" })).rejects.toThrow(/You asked for this role grant/);
    await expectSafeError(decideRoleGrant(org.ctx.CONTRIBUTOR, { membershipId: target, decision: "confirm" }), ForbiddenError, "forbidden");
    expect((await membership(target)).role).toBe("CONTRIBUTOR");

    expect(await decideRoleGrant(org.ctx.OWNER, { membershipId: target, decision: "confirm" })).toEqual({ role: "SECURITY_LEAD" });
    expect(await membership(target)).toEqual({ role: "SECURITY_LEAD", pendingRole: null, pendingRoleById: null });
    const actions = await auditActions(org.id);
    expect(actions).toContain("member.role-grant-requested");
    expect(actions).toContain("member.role-grant-confirmed");
    await expectSafeError(decideRoleGrant(org.ctx.OWNER, { membershipId: target, decision: "confirm" }), ConflictError, "conflict");
  });

  it("a declined grant keeps the role; taking privileges away never waits", async () => {
    const org = await createOrg("sod-decline");
    await setSettings(org, { roleGrantsNeedSecondManager: "default" });
    await confirmAddresses(org);
    const target = org.ctx.TECH_LEAD.membershipId;
    await changeMemberRole(org.ctx.OWNER, { membershipId: target, role: "ADMIN" });
    expect(await decideRoleGrant(org.ctx.ADMIN, { membershipId: target, decision: "decline" })).toEqual({ role: "TECH_LEAD" });
    expect(await membership(target)).toMatchObject({ role: "TECH_LEAD" });
    expect(await changeMemberRole(org.ctx.ADMIN, { membershipId: target, role: "VIEWER" })).toMatchObject({ role: "VIEWER" });
    expect((await membership(target)).role).toBe("VIEWER");
  });

  it("an invited lead joins as Viewer until a manager other than the inviter confirms", async () => {
    const org = await createOrg("sod-invite");
    await setSettings(org, { roleGrantsNeedSecondManager: "default" });
    const user = await createUser("invited-lead");
    await db().user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
    const { token } = await createInvite(org.ctx.ADMIN, { email: user.email, role: "TECH_LEAD" });
    expect(await acceptInvite(userContext(user), token)).toMatchObject({ pendingRole: "TECH_LEAD" });
    const joined = await db().membership.findFirstOrThrow({ where: { organizationId: org.id, userId: user.id } });
    expect(joined).toMatchObject({ role: "VIEWER", pendingRole: "TECH_LEAD", pendingRoleById: org.users.ADMIN.id });
    await expect(decideRoleGrant(org.ctx.ADMIN, { membershipId: joined.id, decision: "confirm" })).rejects.toThrow(/You asked/);
    await decideRoleGrant(org.ctx.OWNER, { membershipId: joined.id, decision: "confirm" });
    expect((await membership(joined.id)).role).toBe("TECH_LEAD");
  });

  it("a waiting grant is in the bell of every manager who may confirm it, and of nobody else; one nobody could confirm takes effect at once", async () => {
    const org = await createOrg("sod-notify");
    await setSettings(org, { roleGrantsNeedSecondManager: "default" });
    await confirmAddresses(org);
    // The Admin asks: only the Owner may confirm.
    await changeMemberRole(org.ctx.ADMIN, { membershipId: org.ctx.CONTRIBUTOR.membershipId, role: "SECURITY_LEAD" });
    expect(await grantNotifications(org)).toEqual([`${org.users.OWNER.id} Confirm Security lead for ${org.users.CONTRIBUTOR.email} /${org.slug}/members`]);

    // An invitation by the Owner: only the Admin may confirm, and the invitee is told nothing.
    const user = await createUser("notified-lead");
    await db().user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
    const { token } = await createInvite(org.ctx.OWNER, { email: user.email, role: "TECH_LEAD" });
    await acceptInvite(userContext(user), token);
    expect(await grantNotifications(org)).toEqual(
      [
        `${org.users.OWNER.id} Confirm Security lead for ${org.users.CONTRIBUTOR.email} /${org.slug}/members`,
        `${org.users.ADMIN.id} Confirm Tech lead for ${user.email} /${org.slug}/members`,
      ].sort(),
    );

    // A grant of the Owner role asked by the only Owner: nobody else may confirm it, so it takes
    // effect at once (as with a single manager) instead of waiting for ever, and nobody is told.
    await changeMemberRole(org.ctx.OWNER, { membershipId: org.ctx.VIEWER.membershipId, role: "OWNER" });
    expect(await membership(org.ctx.VIEWER.membershipId)).toEqual({ role: "OWNER", pendingRole: null, pendingRoleById: null });
    expect(await grantNotifications(org)).toHaveLength(2);
    // With a second Owner, the next Owner grant waits for that Owner.
    await changeMemberRole(org.ctx.OWNER, { membershipId: org.ctx.TECH_LEAD.membershipId, role: "OWNER" });
    expect(await membership(org.ctx.TECH_LEAD.membershipId)).toMatchObject({ role: "TECH_LEAD", pendingRole: "OWNER" });
    expect(await grantNotifications(org)).toContain(`${org.users.VIEWER.id} Confirm Owner for ${org.users.TECH_LEAD.email} /${org.slug}/members`);
  });

  it("turned off, or with a single manager, a grant takes effect at once", async () => {
    const org = await createOrg("sod-off");
    await setSettings(org, { roleGrantsNeedSecondManager: "default" });
    await confirmAddresses(org);
    await setSettings(org, { roleGrantsNeedSecondManager: "off" });
    expect(await changeMemberRole(org.ctx.ADMIN, { membershipId: org.ctx.VIEWER.membershipId, role: "TECH_LEAD" })).toMatchObject({
      role: "TECH_LEAD",
      pendingRole: undefined,
    });
    await setSettings(org, { roleGrantsNeedSecondManager: "default" });
    // Down to one manager (the Admin leaves the managers): the default no longer asks for a second one.
    await changeMemberRole(org.ctx.OWNER, { membershipId: org.ctx.ADMIN.membershipId, role: "VIEWER" });
    expect(await changeMemberRole(org.ctx.OWNER, { membershipId: org.ctx.CONTRIBUTOR.membershipId, role: "SECURITY_LEAD" })).toMatchObject({
      role: "SECURITY_LEAD",
      pendingRole: undefined,
    });
  });
});

describe("editors count as authors when the organization says so", () => {
  async function editedBy(org: TestOrg, editor: OrgContext) {
    const model = await modelBy(org, org.ctx.CONTRIBUTOR);
    const state = await getEditorState(editor, model.id);
    await saveModelSection(
      editor,
      ZSaveSection.parse({
        modelId: model.id,
        lockVersion: state.lockVersion,
        save: { section: "fields", data: { ...state.fields, overview: "Edited by a lead" } },
      }),
    );
    await submitForReview(org.ctx.CONTRIBUTOR, ZSubmitForReview.parse({ modelId: model.id }));
    const { lockVersion } = await db().threatModel.findUniqueOrThrow({ where: { id: model.id } });
    return { id: model.id, lockVersion };
  }
  const approve = (ctx: OrgContext, m: { id: string; lockVersion: number }) =>
    decideReview(ctx, ZDecideReview.parse({ modelId: m.id, lockVersion: m.lockVersion, decision: "APPROVED" }));

  it("a security lead who edited the revision cannot approve it once editors count; by default they can", async () => {
    const org = await createOrg("sod-editors");
    const byDefault = await editedBy(org, org.ctx.SECURITY_LEAD);
    expect((await db().threatModel.findUniqueOrThrow({ where: { id: byDefault.id } })).revisionEditorIds).toEqual([org.users.SECURITY_LEAD.id]);
    expect(await approve(org.ctx.SECURITY_LEAD, byDefault)).toMatchObject({ status: "IN_REVIEW" });

    await setSettings(org, { editorsCountAsAuthors: "on" });
    const widened = await editedBy(org, org.ctx.SECURITY_LEAD);
    await expectSafeError(approve(org.ctx.SECURITY_LEAD, widened), ForbiddenError, "forbidden");
    expect(await db().approval.count({ where: { threatModelId: widened.id } })).toBe(0);
    const page = await getReviewPage(org.ctx.SECURITY_LEAD, widened.id);
    expect(page.viewer.decision).toBeNull();
    expect(page.reviewers.map((r) => r.id)).not.toContain(org.users.SECURITY_LEAD.id);
    expect(await approve(org.ctx.TECH_LEAD, widened)).toMatchObject({ status: "IN_REVIEW" });
  });
});

describe("residual-risk review dates", () => {
  it("refuses impossible calendar dates before anything is stored", () => {
    for (const reviewDate of ["2027-02-31", "2027-13-45", "2027-04-31"]) {
      expect(() => ZDecideAcceptance.parse({ acceptanceId: "c".repeat(25), decision: "ACCEPTED", reviewDate })).toThrow(ZodError);
    }
  });

  it("are bounded by the organization's horizon, in the editor and when accepting", async () => {
    const org = await createOrg("sod-dates");
    const model = await modelBy(org, org.ctx.CONTRIBUTOR);
    const state = await getEditorState(org.ctx.CONTRIBUTOR, model.id);
    const saveDate = (reviewDate: string) =>
      saveModelSection(
        org.ctx.CONTRIBUTOR,
        ZSaveSection.parse({
          modelId: model.id,
          lockVersion: state.lockVersion,
          base: undefined,
          save: { section: "residualRisks", data: state.residualRisks.map((r) => ({ ...r, reviewDate })) },
        }),
      );
    const tooFar = addMonths(today(), 12 * 3 + 1);
    await expectSafeError(saveDate(tooFar), InvalidInputError, "invalid");
    await expect(saveDate(tooFar)).rejects.toThrow(/at most 3 years ahead/);
    const risk = await acceptanceOf(model.id);
    expect(risk.reviewDate.toISOString().slice(0, 10)).toBe("2027-03-01");

    const accept = (reviewDate: string) =>
      decideAcceptance(org.ctx.SECURITY_LEAD, ZDecideAcceptance.parse({ acceptanceId: risk.id, decision: "ACCEPTED", reviewDate }));
    await expectSafeError(accept(tooFar), InvalidInputError, "invalid");
    expect((await acceptanceOf(model.id)).status).toBe("PROPOSED");
    expect((await getReviewPage(org.ctx.SECURITY_LEAD, model.id)).latestReviewDate).toBe(addMonths(today(), 36));

    await setSettings(org, { acceptanceHorizonYears: "5" });
    expect(await accept(tooFar)).toEqual({ status: "ACCEPTED" });
    expect((await acceptanceOf(model.id)).reviewDate.toISOString().slice(0, 10)).toBe(tooFar);
  });

  it("refuses a horizon outside 1 to 10 years", () => {
    expect(() => ZOrganizationSettings.parse({ ...SETTINGS, acceptanceHorizonYears: "11" })).toThrow(/at most 10 years/);
    expect(() => ZOrganizationSettings.parse({ ...SETTINGS, acceptanceHorizonYears: "0" })).toThrow(/at least 1 year/);
  });
});
