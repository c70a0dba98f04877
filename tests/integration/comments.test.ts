// Comment threads: editors comment on a model or one of its threats and mention members; the
// comment, its audit event and the notifications it causes are written together or not at all.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addComment } from "@/lib/data/comments/add-comment";
import { listComments } from "@/lib/data/comments/list-comments";
import { listNotifications } from "@/lib/data/notifications";
import { ROLES, type Role } from "@/lib/domain/roles";
import { ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { COMMENT_MAX } from "@/lib/validation/comments";
import { createOrg, expectSafeError, orgsForSuite } from "./helpers";
import { createModel, notificationsOf, snapshotConversation } from "./notification-helpers";

type Model = Awaited<ReturnType<typeof createModel>>;

describe("comments", () => {
  const [A, B] = orgsForSuite("comments-a", "comments-b");
  let aModel: Model;
  let aOtherModel: Model;
  let bModel: Model;

  beforeAll(async () => {
    // Written by the tech lead, owned by the owner: both follow its comments.
    aModel = await createModel(A, { label: "payments", createdById: A.users.TECH_LEAD.id, ownerId: A.users.OWNER.id });
    aOtherModel = await createModel(A, { label: "search" });
    bModel = await createModel(B, { label: "b-model" });
    await addComment(B.ctx.CONTRIBUTOR, { modelId: bModel.id, body: `B's private remark ${B.slug}`, mentionedUserIds: [B.users.ADMIN.id] });
  });

  /** Runs `act` and expects neither organization's comments, notifications or audit trail to change. */
  async function expectNothingWritten(act: () => Promise<unknown>) {
    const before = [await snapshotConversation(A.id), await snapshotConversation(B.id)];
    await act();
    expect([await snapshotConversation(A.id), await snapshotConversation(B.id)]).toEqual(before);
  }

  describe("addComment", () => {
    it("writes the comment, its audit event and the notifications in one go", async () => {
      const threat = aModel.threats[1]!;
      const before = await snapshotConversation(A.id);
      const body = "Is the signing key rotated? @" + A.users.SECURITY_LEAD.name + " please check.";
      const view = await addComment(A.ctx.CONTRIBUTOR, { modelId: aModel.id, threatId: threat.id, body, mentionedUserIds: [A.users.SECURITY_LEAD.id] });

      expect(view).toMatchObject({
        body,
        author: { id: A.users.CONTRIBUTOR.id, name: A.users.CONTRIBUTOR.name },
        threat: { id: threat.id, title: threat.title },
        mentions: [{ id: A.users.SECURITY_LEAD.id, name: A.users.SECURITY_LEAD.name }],
      });
      const row = await db().comment.findUniqueOrThrow({ where: { id: view.id } });
      expect(row).toMatchObject({
        organizationId: A.id,
        threatModelId: aModel.id,
        threatId: threat.id,
        authorId: A.users.CONTRIBUTOR.id,
        body,
        mentionedUserIds: [A.users.SECURITY_LEAD.id],
      });

      const after = await snapshotConversation(A.id);
      const events = after.auditEvents.slice(before.auditEvents.length);
      expect(events.map((e) => ({ action: e.action, actorId: e.actorId, targetType: e.targetType, targetId: e.targetId, summary: e.summary }))).toEqual([
        {
          action: "comment.added",
          actorId: A.users.CONTRIBUTOR.id,
          targetType: "comment",
          targetId: view.id,
          summary: { modelId: aModel.id, threatId: threat.id, mentions: 1 },
        },
      ]);
      // What people wrote stays out of the append-only trail.
      expect(JSON.stringify(events)).not.toContain("signing key");

      const link = `/${A.slug}/models/${aModel.id}/review`;
      const where = `the threat “${threat.title}” in “${aModel.title}”`;
      expect(await notificationsOf(A.id, A.users.SECURITY_LEAD.id)).toEqual([
        { kind: "mentioned", link, title: `${A.users.CONTRIBUTOR.name} mentioned you in a comment on ${where}`, readAt: null },
      ]);
      for (const follower of [A.users.TECH_LEAD.id, A.users.OWNER.id]) {
        expect(await notificationsOf(A.id, follower)).toEqual([
          { kind: "comment", link, title: `${A.users.CONTRIBUTOR.name} commented on ${where}`, readAt: null },
        ]);
      }
      expect(await notificationsOf(A.id, A.users.CONTRIBUTOR.id)).toEqual([]);
      expect(after.notifications.length - before.notifications.length).toBe(3);
      expect((await listNotifications(A.ctx.SECURITY_LEAD)).unread).toBe(1);
    });

    it("tells a mentioned creator once, never tells the author, and comments on the whole model", async () => {
      const org = await createOrg("comments-once");
      const model = await createModel(org, { createdById: org.users.CONTRIBUTOR.id, ownerId: org.users.SECURITY_LEAD.id });
      const view = await addComment(org.ctx.CONTRIBUTOR, {
        modelId: model.id,
        threatId: null,
        body: `@${org.users.SECURITY_LEAD.name} and @${org.users.CONTRIBUTOR.name}: ready?`,
        mentionedUserIds: [org.users.SECURITY_LEAD.id, org.users.CONTRIBUTOR.id, org.users.SECURITY_LEAD.id],
      });
      expect(view.threat).toBeNull();
      expect(view.mentions.map((m) => m.id).sort()).toEqual([org.users.SECURITY_LEAD.id, org.users.CONTRIBUTOR.id].sort());
      expect((await notificationsOf(org.id, org.users.SECURITY_LEAD.id)).map((n) => n.kind)).toEqual(["mentioned"]);
      expect(await notificationsOf(org.id, org.users.CONTRIBUTOR.id)).toEqual([]);
      expect(await db().notification.count({ where: { organizationId: org.id } })).toBe(1);
      const [event] = await db().auditEvent.findMany({ where: { organizationId: org.id, action: "comment.added" }, select: { summary: true } });
      expect(event!.summary).toEqual({ modelId: model.id, threatId: null, mentions: 2 });
    });

    it.each(["OWNER", "ADMIN", "SECURITY_LEAD", "TECH_LEAD", "CONTRIBUTOR"] as Role[])("lets %s comment", async (role) => {
      const view = await addComment(A.ctx[role], { modelId: aOtherModel.id, body: `From ${role}`, mentionedUserIds: [] });
      expect(await db().comment.count({ where: { id: view.id, organizationId: A.id, authorId: A.users[role].id } })).toBe(1);
    });

    it("refuses a Viewer and writes nothing", async () => {
      await expectNothingWritten(() =>
        expectSafeError(addComment(A.ctx.VIEWER, { modelId: aModel.id, body: "Looks good", mentionedUserIds: [] }), ForbiddenError, "forbidden"),
      );
    });

    it("treats another organization's model as not found and writes nothing in either", async () => {
      await expectNothingWritten(async () => {
        await expectSafeError(addComment(A.ctx.OWNER, { modelId: bModel.id, body: "Hello B", mentionedUserIds: [] }), NotFoundError, "not-found");
        await expectSafeError(
          addComment(A.ctx.OWNER, { modelId: bModel.id, threatId: bModel.threats[0]!.id, body: "Hello B", mentionedUserIds: [B.users.OWNER.id] }),
          NotFoundError,
          "not-found",
        );
        await expectSafeError(addComment(A.ctx.OWNER, { modelId: "no-such-model", body: "Hello", mentionedUserIds: [] }), NotFoundError, "not-found");
      });
    });

    it("refuses a threat of another model, or of another organization", async () => {
      await expectNothingWritten(async () => {
        const error = await expectSafeError(
          addComment(A.ctx.CONTRIBUTOR, { modelId: aModel.id, threatId: aOtherModel.threats[0]!.id, body: "Wrong threat", mentionedUserIds: [] }),
          InvalidInputError,
          "invalid",
        );
        expect(error.fieldErrors?.threatId).toBeDefined();
        await expectSafeError(
          addComment(A.ctx.CONTRIBUTOR, { modelId: aModel.id, threatId: bModel.threats[0]!.id, body: "B's threat", mentionedUserIds: [] }),
          InvalidInputError,
          "invalid",
        );
      });
    });

    it("refuses a mention of someone who is not a member", async () => {
      await expectNothingWritten(async () => {
        const error = await expectSafeError(
          addComment(A.ctx.CONTRIBUTOR, { modelId: aModel.id, body: "@Someone from B", mentionedUserIds: [A.users.ADMIN.id, B.users.OWNER.id] }),
          InvalidInputError,
          "invalid",
        );
        expect(error.message).toBe("Only members of this organization can be mentioned.");
        await expectSafeError(
          addComment(A.ctx.CONTRIBUTOR, { modelId: aModel.id, body: "@ghost", mentionedUserIds: ["no-such-user"] }),
          InvalidInputError,
          "invalid",
        );
      });
    });

    it("refuses an empty, blank or too long body", async () => {
      await expectNothingWritten(async () => {
        for (const body of ["", "   \n\t "]) {
          const error = await expectSafeError(addComment(A.ctx.CONTRIBUTOR, { modelId: aModel.id, body, mentionedUserIds: [] }), InvalidInputError, "invalid");
          expect(error.fieldErrors?.body).toEqual(["Write a comment first."]);
        }
        const error = await expectSafeError(
          addComment(A.ctx.CONTRIBUTOR, { modelId: aModel.id, body: "x".repeat(COMMENT_MAX + 1), mentionedUserIds: [] }),
          InvalidInputError,
          "invalid",
        );
        expect(error.fieldErrors?.body).toEqual(["A comment has at most 5,000 characters."]);
      });
      const longest = await addComment(A.ctx.CONTRIBUTOR, { modelId: aOtherModel.id, body: "y".repeat(COMMENT_MAX), mentionedUserIds: [] });
      expect(longest.body).toHaveLength(COMMENT_MAX);
    });
  });

  describe("listComments", () => {
    it("lists a model's comments oldest first, with threat and mentions, for every role", async () => {
      const org = await createOrg("comments-list");
      const model = await createModel(org);
      const other = await createModel(org, { label: "other" });
      const first = await addComment(org.ctx.CONTRIBUTOR, { modelId: model.id, body: "First", mentionedUserIds: [] });
      const second = await addComment(org.ctx.SECURITY_LEAD, {
        modelId: model.id,
        threatId: model.threats[0]!.id,
        body: `Second, @${org.users.TECH_LEAD.name}`,
        mentionedUserIds: [org.users.TECH_LEAD.id],
      });
      await addComment(org.ctx.OWNER, { modelId: other.id, body: "On another model", mentionedUserIds: [] });
      for (const role of ROLES) {
        const comments = await listComments(org.ctx[role], model.id);
        expect(comments.map((c) => c.id)).toEqual([first.id, second.id]);
        expect(comments[1]).toEqual({
          id: second.id,
          body: `Second, @${org.users.TECH_LEAD.name}`,
          createdAt: second.createdAt,
          author: { id: org.users.SECURITY_LEAD.id, name: org.users.SECURITY_LEAD.name },
          threat: { id: model.threats[0]!.id, title: model.threats[0]!.title },
          mentions: [{ id: org.users.TECH_LEAD.id, name: org.users.TECH_LEAD.name }],
        });
        expect(comments[0]!.threat).toBeNull();
      }
      expect(await listComments(org.ctx.VIEWER, (await createModel(org, { label: "quiet" })).id)).toEqual([]);
    });

    it("never shows organization A organization B's comments: B's model is not found", async () => {
      for (const role of ROLES) {
        await expectSafeError(listComments(A.ctx[role], bModel.id), NotFoundError, "not-found");
        const own = await listComments(A.ctx[role], aModel.id);
        expect(own.some((c) => c.body.includes(B.slug))).toBe(false);
      }
      const bComments = await listComments(B.ctx.VIEWER, bModel.id);
      expect(bComments.map((c) => c.body)).toEqual([`B's private remark ${B.slug}`]);
    });
  });
});
