import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decideReview } from "@/lib/data/review/decide-review";
import { getReviewPage } from "@/lib/data/review/get-review-page";
import { submitForReview } from "@/lib/data/review/submit-for-review";
import { getModelPage } from "@/lib/data/threat-models/get-model-page";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import { today } from "@/lib/domain/calendar";
import { NotFoundError } from "@/lib/errors";
import { ZDecideReview, ZSubmitForReview } from "@/lib/validation/review";
import { addMember, createOrg, expectSafeError, richDocument, type TestOrg } from "./helpers";

function model(org: TestOrg, createdById: string, status: "DRAFT" | "APPROVED" = "DRAFT") {
  return db().$transaction((tx) => insertThreatModelDocument(tx, { organizationId: org.id, createdById }, richDocument(`Page ${org.slug}`, status)));
}

const dayOffset = (days: number) => new Date(Date.parse(`${today()}T00:00:00.000Z`) + days * 86_400_000);

describe("the review page's reading", () => {
  it("offers as reviewers the security leads and tech leads who did not write the model, each in their capacity", async () => {
    const org = await createOrg("rp-who");
    const authorLead = await addMember(org, "SECURITY_LEAD", "author-lead");
    const { id } = await model(org, authorLead.userId);
    const page = await getReviewPage(org.ctx.VIEWER, id);
    expect(page.reviewers.map((r) => [r.id, r.role]).sort()).toEqual(
      [
        [org.users.SECURITY_LEAD.id, "SECURITY_LEAD"],
        [org.users.TECH_LEAD.id, "TECH_LEAD"],
      ].sort(),
    );
  });

  it("when the author names nobody, asks exactly those reviewers", async () => {
    const org = await createOrg("rp-ask");
    const authorLead = await addMember(org, "TECH_LEAD", "author-lead");
    const { id } = await model(org, authorLead.userId);
    await submitForReview(authorLead, ZSubmitForReview.parse({ modelId: id }));
    const asked = await db().notification.findMany({ where: { organizationId: org.id, kind: "review-requested" }, select: { userId: true } });
    expect(asked.map((n) => n.userId).sort()).toEqual([org.users.SECURITY_LEAD.id, org.users.TECH_LEAD.id].sort());
  });

  it("says what each viewer may do: the author submits, a lead decides in their capacity, an author-lead is told why not", async () => {
    const org = await createOrg("rp-viewer");
    const authorLead = await addMember(org, "SECURITY_LEAD", "author-lead");
    const { id } = await model(org, authorLead.userId);

    const draft = await getReviewPage(authorLead, id);
    expect(draft.viewer).toMatchObject({ maySubmit: true, decision: null, noDecisionReason: null, nextVersions: null, mayComment: true });
    expect((await getReviewPage(org.ctx.VIEWER, id)).viewer).toMatchObject({ maySubmit: false, mayComment: false, onlyFollows: true, mayDecideRisks: false });

    await submitForReview(authorLead, ZSubmitForReview.parse({ modelId: id }));
    expect((await getReviewPage(org.ctx.SECURITY_LEAD, id)).viewer.decision).toEqual({ capacity: "SECURITY", decided: false });
    expect((await getReviewPage(org.ctx.TECH_LEAD, id)).viewer.decision).toEqual({ capacity: "TECH_LEAD", decided: false });
    const own = await getReviewPage(authorLead, id);
    expect(own.viewer.decision).toBeNull();
    expect(own.viewer.noDecisionReason).toBe(
      "You cannot approve a threat model you wrote. You can comment, or edit the model: an edit withdraws the approvals given so far.",
    );
    expect(own.stillNeeded).toBe("Still needed for approval: an approval as Security and one as Tech lead.");
    expect(own.approvals).toEqual([
      { capacity: "SECURITY", by: null },
      { capacity: "TECH_LEAD", by: null },
    ]);

    await decideReview(org.ctx.TECH_LEAD, ZDecideReview.parse({ modelId: id, lockVersion: own.model.lockVersion, decision: "APPROVED" }));
    const approvedOnce = await getReviewPage(org.ctx.TECH_LEAD, id);
    expect(approvedOnce.approvals).toEqual([
      { capacity: "SECURITY", by: null },
      { capacity: "TECH_LEAD", by: { name: org.users.TECH_LEAD.name, at: expect.any(Date) } },
    ]);
    expect(approvedOnce.viewer.decision).toEqual({ capacity: "TECH_LEAD", decided: true });
    expect(approvedOnce.stillNeeded).toBe("Still needed for approval: an approval as Security.");
  });

  it("finds no other organization's model", async () => {
    const [a, b] = await Promise.all([createOrg("rp-a"), createOrg("rp-b")]);
    const { id } = await model(a, a.users.CONTRIBUTOR.id);
    await expectSafeError(getReviewPage(b.ctx.OWNER, id), NotFoundError, "not-found");
  });
});

describe("the model page's reading", () => {
  it("an approved model is overdue only once its review date has passed, not on the day itself", async () => {
    const org = await createOrg("rp-overdue");
    const { id } = await model(org, org.users.CONTRIBUTOR.id, "APPROVED");
    await db().threatModel.update({ where: { id }, data: { nextReviewDate: dayOffset(0) } });
    expect((await getModelPage(org.ctx.VIEWER, id)).overdue).toBe(false);
    await db().threatModel.update({ where: { id }, data: { nextReviewDate: dayOffset(-1) } });
    expect((await getModelPage(org.ctx.VIEWER, id)).overdue).toBe(true);
  });

  it("says what the viewer may change: the whole draft, only an approved model's tracking, nothing for a viewer", async () => {
    const org = await createOrg("rp-edit");
    const draft = await model(org, org.users.CONTRIBUTOR.id);
    const approved = await model(org, org.users.CONTRIBUTOR.id, "APPROVED");
    expect(await getModelPage(org.ctx.CONTRIBUTOR, draft.id)).toMatchObject({ editing: "everything", readOnlyReason: null, mayManageLibrary: false });
    expect(await getModelPage(org.ctx.CONTRIBUTOR, approved.id)).toMatchObject({
      editing: "tracking",
      readOnlyReason: expect.stringMatching(/^This revision is approved/),
    });
    expect(await getModelPage(org.ctx.VIEWER, draft.id)).toMatchObject({
      editing: "nothing",
      readOnlyReason: "You can read this threat model; your role does not edit.",
    });
    expect((await getModelPage(org.ctx.SECURITY_LEAD, draft.id)).mayManageLibrary).toBe(true);
  });
});
