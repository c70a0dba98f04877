// The bell: notifications are created inside the change that causes them, only for members,
// and each member sees and dismisses only their own, in the organization they are looking at.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listNotifications, listNotificationsPage, markNotificationsRead, notify, refreshAcceptanceReminders } from "@/lib/data/notifications";
import { operatorAddMember } from "@/lib/data/operator";
import { decideAcceptance } from "@/lib/data/acceptances/decide-acceptance";
import { decideReview } from "@/lib/data/review/decide-review";
import { submitForReview } from "@/lib/data/review/submit-for-review";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import { ZDecideAcceptance, ZDecideReview, ZSubmitForReview } from "@/lib/validation/review";
import type { OrgContext } from "@/lib/auth/context";
import { createOrg, createUser, operator, orgContext, orgsForSuite, richDocument, type TestOrg } from "./helpers";
import { createAcceptance, createModel, notificationsOf } from "./notification-helpers";

/** Notifications written straight through notify(), one transaction per call. */
async function send(
  org: { id: string; slug: string },
  userIds: string[],
  title: string,
  extra: { exceptUserId?: string; kind?: "comment" | "mentioned" } = {},
) {
  return db().$transaction((tx) =>
    notify(tx, {
      organizationId: org.id,
      userIds,
      kind: extra.kind ?? "comment",
      title,
      link: `/${org.slug}/models/some-model`,
      exceptUserId: extra.exceptUserId,
    }),
  );
}

describe("notifications", () => {
  const [A, B] = orgsForSuite("notify-a", "notify-b");

  beforeAll(async () => {
    await send(B, [B.users.OWNER.id, B.users.VIEWER.id], "B's own notification");
  });

  describe("notify", () => {
    it("skips the actor, non-members and repeated ids, and says how many it created", async () => {
      const outsider = await createUser("outsider");
      const created = await send(
        A,
        [A.users.OWNER.id, A.users.CONTRIBUTOR.id, A.users.SECURITY_LEAD.id, A.users.OWNER.id, B.users.OWNER.id, outsider.id, "no-such-user"],
        "Sam commented",
        { exceptUserId: A.users.CONTRIBUTOR.id },
      );
      expect(created).toBe(2);
      const rows = await db().notification.findMany({
        where: { title: "Sam commented" },
        select: { organizationId: true, userId: true, kind: true, readAt: true },
      });
      expect(rows.map((r) => r.userId).sort()).toEqual([A.users.OWNER.id, A.users.SECURITY_LEAD.id].sort());
      expect(rows.every((r) => r.organizationId === A.id && r.kind === "comment" && r.readAt === null)).toBe(true);
      expect(await db().notification.count({ where: { userId: B.users.OWNER.id, organizationId: A.id } })).toBe(0);
    });

    it("creates nothing when only the actor or nobody is named", async () => {
      expect(await send(A, [A.users.ADMIN.id], "only the actor", { exceptUserId: A.users.ADMIN.id })).toBe(0);
      expect(await send(A, [], "nobody")).toBe(0);
      expect(await db().notification.count({ where: { title: { in: ["only the actor", "nobody"] } } })).toBe(0);
    });

    it("belongs to the caller's transaction: a rolled-back change leaves no notification", async () => {
      await expect(
        db().$transaction(async (tx) => {
          await notify(tx, {
            organizationId: A.id,
            userIds: [A.users.OWNER.id],
            kind: "review-requested",
            title: "rolled back",
            link: `/${A.slug}/models/x/review`,
          });
          throw new Error("the change failed");
        }),
      ).rejects.toThrow("the change failed");
      expect(await db().notification.count({ where: { title: "rolled back" } })).toBe(0);
    });

    it("refuses a link that leaves the app", async () => {
      for (const link of ["https://evil.example/x", "//evil.example/x", "javascript:alert(1)"]) {
        await expect(
          db().$transaction((tx) => notify(tx, { organizationId: A.id, userIds: [A.users.OWNER.id], kind: "comment", title: "bad link", link })),
        ).rejects.toThrow(/path inside the app/);
      }
      expect(await db().notification.count({ where: { title: "bad link" } })).toBe(0);
    });
  });

  describe("listNotifications", () => {
    it("shows a member their own notifications, newest first, with the unread count", async () => {
      const org = await createOrg("notify-list");
      for (const n of [1, 2, 3]) await send(org, [org.users.TECH_LEAD.id], `note ${n}`);
      await send(org, [org.users.VIEWER.id], "someone else's");
      const { items, unread } = await listNotifications(org.ctx.TECH_LEAD);
      expect(items.map((i) => i.title)).toEqual(["note 3", "note 2", "note 1"]);
      expect(unread).toBe(3);
      expect(items[0]).toMatchObject({ kind: "comment", link: `/${org.slug}/models/some-model`, read: false });
      expect(items[0]!.createdAt).toBeInstanceOf(Date);

      expect((await listNotifications(org.ctx.TECH_LEAD, { limit: 2 })).items.map((i) => i.title)).toEqual(["note 3", "note 2"]);
      await markNotificationsRead(org.ctx.TECH_LEAD, { ids: [items[0]!.id] });
      const unreadOnly = await listNotifications(org.ctx.TECH_LEAD, { unreadOnly: true });
      expect(unreadOnly.items.map((i) => i.title)).toEqual(["note 2", "note 1"]);
      expect(unreadOnly.unread).toBe(2);
      const all = await listNotifications(org.ctx.TECH_LEAD);
      expect(all.items.map((i) => [i.title, i.read])).toEqual([
        ["note 3", true],
        ["note 2", false],
        ["note 1", false],
      ]);
      expect((await listNotifications(org.ctx.OWNER)).items).toEqual([]);
    });

    it("never shows organization B's user organization A's notifications, even one who belongs to both", async () => {
      // B's owner joins A too: what A tells them stays in A.
      const membership = await operatorAddMember(operator, { slug: A.slug, email: B.users.OWNER.email, role: "VIEWER" });
      const bOwnerInA: OrgContext = orgContext(B.users.OWNER, A, membership.id, "VIEWER");
      await send(A, [B.users.OWNER.id, A.users.OWNER.id], `A's news ${A.slug}`);

      const inB = await listNotifications(B.ctx.OWNER, { limit: 100 });
      expect(inB.items.map((i) => i.title)).toEqual(["B's own notification"]);
      expect(inB.unread).toBe(1);
      const inA = await listNotifications(bOwnerInA, { limit: 100 });
      expect(inA.items.map((i) => i.title)).toEqual([`A's news ${A.slug}`]);
      for (const ctx of Object.values(B.ctx)) {
        const { items } = await listNotifications(ctx, { limit: 100 });
        expect(items.some((i) => i.title.includes(A.slug))).toBe(false);
      }
      const aOwner = await listNotifications(A.ctx.OWNER, { limit: 100 });
      expect(aOwner.items.some((i) => i.title === "B's own notification")).toBe(false);
    });

    it("pages the full list 50 at a time", async () => {
      const org = await createOrg("notify-pages");
      const titles = Array.from({ length: 53 }, (_, i) => `page note ${String(i).padStart(2, "0")}`);
      await db().notification.createMany({
        data: titles.map((title, i) => ({
          organizationId: org.id,
          userId: org.users.ADMIN.id,
          kind: "comment",
          title,
          link: `/${org.slug}`,
          createdAt: new Date(Date.UTC(2030, 0, 1, 0, i)),
        })),
      });
      const first = await listNotificationsPage(org.ctx.ADMIN, { page: 1 });
      expect(first).toMatchObject({ total: 53, unread: 53, page: 1, pageCount: 2, pageSize: 50 });
      expect(first.items).toHaveLength(50);
      expect(first.items[0]!.title).toBe("page note 52");
      const second = await listNotificationsPage(org.ctx.ADMIN, { page: 2 });
      expect(second.items.map((i) => i.title)).toEqual(["page note 02", "page note 01", "page note 00"]);
      expect((await listNotificationsPage(org.ctx.ADMIN, { page: 99 })).page).toBe(2);
      expect(await listNotificationsPage(org.ctx.VIEWER, { page: 1 })).toMatchObject({ total: 0, items: [], page: 1, pageCount: 1 });
    });
  });

  describe("markNotificationsRead", () => {
    it("only ever touches the caller's own notifications in the current organization", async () => {
      const org = await createOrg("notify-read");
      const other = await createOrg("notify-read-other");
      // The viewer of `org` also belongs to `other`, with an unread notification there.
      await operatorAddMember(operator, { slug: other.slug, email: org.users.VIEWER.email, role: "VIEWER" });
      await send(org, [org.users.VIEWER.id, org.users.ADMIN.id], "first");
      await send(org, [org.users.VIEWER.id, org.users.ADMIN.id], "second");
      await send(other, [org.users.VIEWER.id, other.users.OWNER.id], "elsewhere");
      const adminIds = (await listNotifications(org.ctx.ADMIN)).items.map((i) => i.id);
      const otherIds = (await db().notification.findMany({ where: { organizationId: other.id }, select: { id: true } })).map((n) => n.id);
      const viewerFirst = (await listNotifications(org.ctx.VIEWER)).items.find((i) => i.title === "first")!;

      // Someone else's ids are ignored, not an error, and not marked.
      expect(await markNotificationsRead(org.ctx.VIEWER, { ids: [viewerFirst.id, ...adminIds, ...otherIds] })).toEqual({ updated: 1 });
      expect((await listNotifications(org.ctx.ADMIN)).unread).toBe(2);
      expect(await db().notification.count({ where: { organizationId: other.id, readAt: { not: null } } })).toBe(0);
      // Marking again changes nothing.
      expect(await markNotificationsRead(org.ctx.VIEWER, { ids: [viewerFirst.id] })).toEqual({ updated: 0 });

      expect(await markNotificationsRead(org.ctx.VIEWER, { all: true })).toEqual({ updated: 1 });
      expect((await listNotifications(org.ctx.VIEWER)).unread).toBe(0);
      expect((await listNotifications(org.ctx.ADMIN)).unread).toBe(2);
      expect(await db().notification.count({ where: { organizationId: other.id, readAt: null } })).toBe(2);
      expect(await markNotificationsRead(org.ctx.ADMIN, {})).toEqual({ updated: 0 });
      expect((await listNotifications(org.ctx.ADMIN)).unread).toBe(2);
    });
  });

  describe("refreshAcceptanceReminders", () => {
    const today = new Date("2030-06-15T09:30:00.000Z");

    it("reminds the proposer and the deciding lead once about expiring and expired acceptances only", async () => {
      const org = await createOrg("reminders");
      const other = await createOrg("reminders-other");
      const model = await createModel(org, { label: "reminded" });
      const expiring = await createAcceptance(org, model.id, { status: "ACCEPTED", reviewDate: "2030-06-29", threatTitle: "Token replay" }); // in 14 days
      const dueToday = await createAcceptance(org, model.id, { status: "ACCEPTED", reviewDate: "2030-06-15" });
      const expired = await createAcceptance(org, model.id, { status: "ACCEPTED", reviewDate: "2030-06-14", threatTitle: "Weak hashing" });
      await createAcceptance(org, model.id, { status: "ACCEPTED", reviewDate: "2030-06-30" }); // 15 days: too far
      await createAcceptance(org, model.id, { status: "ACCEPTED", reviewDate: "2031-01-01" });
      await createAcceptance(org, model.id, { status: "PROPOSED", reviewDate: "2030-06-01" });
      await createAcceptance(org, model.id, { status: "REJECTED", reviewDate: "2030-06-16" });
      await createAcceptance(org, model.id, { status: "REJECTED", reviewDate: "2030-06-01" });
      // The other organization's expired acceptance is no business of this one.
      const otherModel = await createModel(other);
      await createAcceptance(other, otherModel.id, { status: "ACCEPTED", reviewDate: "2030-06-01" });

      const created = await refreshAcceptanceReminders(org.ctx.VIEWER, today);
      expect(created).toBe(6);
      expect(await refreshAcceptanceReminders(org.ctx.OWNER, today)).toBe(0);
      expect(await refreshAcceptanceReminders(org.ctx.VIEWER, today)).toBe(0);
      expect(await db().notification.count({ where: { organizationId: org.id } })).toBe(6);
      expect(await db().notification.count({ where: { organizationId: other.id } })).toBe(0);

      const link = (a: { id: string }) => `/${org.slug}/models/${model.id}#acceptance-${a.id}`;
      const expected = [
        { kind: "acceptance-expired", link: link(expired) },
        { kind: "acceptance-expiring", link: link(dueToday) },
        { kind: "acceptance-expiring", link: link(expiring) },
      ].sort((a, b) => `${a.kind}${a.link}`.localeCompare(`${b.kind}${b.link}`));
      for (const userId of [org.users.CONTRIBUTOR.id, org.users.SECURITY_LEAD.id]) {
        const rows = await notificationsOf(org.id, userId);
        expect(rows.map((r) => ({ kind: r.kind, link: r.link }))).toEqual(expected);
      }
      const contributorTitles = (await listNotifications(org.ctx.CONTRIBUTOR)).items.map((i) => i.title);
      expect(contributorTitles).toContain(`The accepted risk “Token replay” in “${model.title}” is due for review on 2030-06-29.`);
      expect(contributorTitles).toContain(`The accepted risk “Weak hashing” in “${model.title}” passed its review date (2030-06-14) and counts as open again.`);
      expect((await listNotifications(org.ctx.OWNER)).items).toEqual([]);
    });

    it("adds the expired reminder when an expiring acceptance passes its date, without repeating the first", async () => {
      const org = await createOrg("reminders-later");
      const model = await createModel(org);
      await createAcceptance(org, model.id, { status: "ACCEPTED", reviewDate: "2030-06-20" });
      expect(await refreshAcceptanceReminders(org.ctx.OWNER, today)).toBe(2);
      expect(await refreshAcceptanceReminders(org.ctx.OWNER, new Date("2030-06-20T23:59:00.000Z"))).toBe(0);
      expect(await refreshAcceptanceReminders(org.ctx.OWNER, new Date("2030-06-21T00:00:00.000Z"))).toBe(2);
      expect(await refreshAcceptanceReminders(org.ctx.OWNER, new Date("2030-07-30T00:00:00.000Z"))).toBe(0);
      const kinds = (await notificationsOf(org.id, org.users.SECURITY_LEAD.id)).map((r) => r.kind);
      expect(kinds).toEqual(["acceptance-expired", "acceptance-expiring"]);
    });

    it("reminds one person once when they proposed and decided, and skips people who left", async () => {
      const org = await createOrg("reminders-people");
      const model = await createModel(org);
      await createAcceptance(org, model.id, {
        status: "ACCEPTED",
        reviewDate: "2030-06-10",
        proposedById: org.users.SECURITY_LEAD.id,
        decidedById: org.users.SECURITY_LEAD.id,
      });
      const leaver = await createUser("leaver");
      const membership = await operatorAddMember(operator, { slug: org.slug, email: leaver.email, role: "CONTRIBUTOR" });
      await createAcceptance(org, model.id, { status: "ACCEPTED", reviewDate: "2030-06-11", proposedById: leaver.id });
      await db().membership.delete({ where: { id: membership.id } });

      expect(await refreshAcceptanceReminders(org.ctx.OWNER, today)).toBe(2);
      expect((await notificationsOf(org.id, org.users.SECURITY_LEAD.id)).map((r) => r.kind)).toEqual(["acceptance-expired", "acceptance-expired"]);
      expect(await db().notification.count({ where: { userId: leaver.id } })).toBe(0);
    });

    it("creates each reminder once when several page loads refresh at the same time", async () => {
      const org = await createOrg("reminders-race");
      const model = await createModel(org);
      for (const reviewDate of ["2030-06-01", "2030-06-16", "2030-06-25"]) await createAcceptance(org, model.id, { status: "ACCEPTED", reviewDate });
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => refreshAcceptanceReminders(Object.values(org.ctx)[i % 6]!, today)));
      expect(results.reduce((a, b) => a + b, 0)).toBe(6);
      expect(await db().notification.count({ where: { organizationId: org.id } })).toBe(6);
    });

    it("does nothing in an organization without accepted risks near their date", async () => {
      const org = await createOrg("reminders-none");
      await createModel(org); // its residual risk is only proposed
      expect(await refreshAcceptanceReminders(org.ctx.VIEWER, today)).toBe(0);
      expect(await db().notification.count({ where: { organizationId: org.id } })).toBe(0);
    });
  });

  describe("acting on what a notification asks for marks it read", () => {
    async function draft(org: TestOrg, label: string) {
      const model = await db().$transaction((tx) =>
        insertThreatModelDocument(tx, { organizationId: org.id, createdById: org.users.CONTRIBUTOR.id }, richDocument(`${label} ${org.slug}`, "DRAFT")),
      );
      return model.id;
    }
    const lockVersionOf = async (id: string) => (await db().threatModel.findUniqueOrThrow({ where: { id }, select: { lockVersion: true } })).lockVersion;
    const reviewLink = (org: TestOrg, id: string) => `/${org.slug}/models/${id}/review`;
    async function unread(org: TestOrg, userId: string, kind: string) {
      const rows = await db().notification.findMany({ where: { organizationId: org.id, userId, kind, readAt: null }, select: { link: true } });
      return rows.map((r) => r.link).sort();
    }

    it("a lead's decision marks their review requests for that model read, and nobody else's", async () => {
      const org = await createOrg("acted-on");
      const other = await createOrg("acted-on-b");
      const first = await draft(org, "First");
      const second = await draft(org, "Second");
      const theirs = await draft(other, "Theirs");
      for (const id of [first, second]) await submitForReview(org.ctx.CONTRIBUTOR, ZSubmitForReview.parse({ modelId: id }));
      await submitForReview(other.ctx.CONTRIBUTOR, ZSubmitForReview.parse({ modelId: theirs }));
      const both = [reviewLink(org, first), reviewLink(org, second)].sort();
      expect(await unread(org, org.users.TECH_LEAD.id, "review-requested")).toEqual(both);
      expect((await listNotifications(org.ctx.TECH_LEAD)).unread).toBe(2);

      await decideReview(org.ctx.TECH_LEAD, ZDecideReview.parse({ modelId: first, lockVersion: await lockVersionOf(first), decision: "APPROVED" }));
      expect(await unread(org, org.users.TECH_LEAD.id, "review-requested")).toEqual([reviewLink(org, second)]);
      expect((await listNotifications(org.ctx.TECH_LEAD)).unread).toBe(1);
      // The other lead has not acted yet; another organization is untouched.
      expect(await unread(org, org.users.SECURITY_LEAD.id, "review-requested")).toEqual(both);
      expect(await unread(other, other.users.TECH_LEAD.id, "review-requested")).toEqual([reviewLink(other, theirs)]);

      // Requesting changes answers the request as well.
      await decideReview(
        org.ctx.SECURITY_LEAD,
        ZDecideReview.parse({ modelId: second, lockVersion: await lockVersionOf(second), decision: "CHANGES_REQUESTED", comment: "Name the token lifetime" }),
      );
      expect(await unread(org, org.users.SECURITY_LEAD.id, "review-requested")).toEqual([reviewLink(org, first)]);

      // The author answers "changes requested" by submitting again.
      expect(await unread(org, org.users.CONTRIBUTOR.id, "changes-requested")).toEqual([reviewLink(org, second)]);
      await submitForReview(org.ctx.CONTRIBUTOR, ZSubmitForReview.parse({ modelId: second }));
      expect(await unread(org, org.users.CONTRIBUTOR.id, "changes-requested")).toEqual([]);
      // The fresh round asks the leads again, unread.
      expect(await unread(org, org.users.TECH_LEAD.id, "review-requested")).toEqual([reviewLink(org, second), reviewLink(org, second)]);
    });

    it("renewing an accepted risk marks the renewing lead's reminder about it read", async () => {
      const org = await createOrg("acted-on-risk");
      const modelId = await draft(org, "Risky");
      const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
      const later = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
      const acceptance = await createAcceptance(org, modelId, { status: "ACCEPTED", reviewDate: soon });
      await refreshAcceptanceReminders(org.ctx.SECURITY_LEAD);
      expect(await unread(org, org.users.SECURITY_LEAD.id, "acceptance-expiring")).toHaveLength(1);
      expect(await unread(org, org.users.CONTRIBUTOR.id, "acceptance-expiring")).toHaveLength(1);

      await decideAcceptance(org.ctx.SECURITY_LEAD, ZDecideAcceptance.parse({ acceptanceId: acceptance.id, decision: "ACCEPTED", reviewDate: later }));
      expect(await unread(org, org.users.SECURITY_LEAD.id, "acceptance-expiring")).toEqual([]);
      expect(await unread(org, org.users.CONTRIBUTOR.id, "acceptance-expiring")).toHaveLength(1);
    });
  });
});
