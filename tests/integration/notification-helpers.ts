// Factories for the notification and comment integration tests, beside the shared ones in helpers.ts.
import { db } from "@/lib/db/client";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import { richDocument, type TestOrg } from "./helpers";

/** A rich model (two threats, one proposed residual risk) with the creator and owner a test names. */
export async function createModel(org: TestOrg, options: { label?: string; createdById?: string; ownerId?: string | null } = {}) {
  const title = `${options.label ?? "model"} ${org.slug}`;
  const model = await db().$transaction((tx) =>
    insertThreatModelDocument(
      tx,
      {
        organizationId: org.id,
        createdById: options.createdById ?? org.users.CONTRIBUTOR.id,
        ownerId: options.ownerId === undefined ? org.users.SECURITY_LEAD.id : options.ownerId,
      },
      richDocument(title),
    ),
  );
  const threats = await db().threat.findMany({ where: { threatModelId: model.id }, orderBy: { position: "asc" }, select: { id: true, title: true } });
  return { id: model.id, title, threats };
}

/** A residual-risk acceptance written directly, in whatever state a test needs. */
export async function createAcceptance(
  org: TestOrg,
  modelId: string,
  input: { status: "PROPOSED" | "ACCEPTED" | "REJECTED"; reviewDate: string; proposedById?: string; decidedById?: string | null; threatTitle?: string },
) {
  const decided = input.status !== "PROPOSED";
  return db().residualRiskAcceptance.create({
    data: {
      organizationId: org.id,
      threatModelId: modelId,
      threatTitle: input.threatTitle ?? `Risk reviewed ${input.reviewDate}`,
      reason: "Compensating controls in place",
      riskOwner: "CISO",
      reviewDate: new Date(`${input.reviewDate}T00:00:00.000Z`),
      status: input.status,
      proposedById: input.proposedById ?? org.users.CONTRIBUTOR.id,
      decidedById: input.decidedById === undefined ? (decided ? org.users.SECURITY_LEAD.id : null) : input.decidedById,
      decidedAt: decided ? new Date() : null,
    },
    select: { id: true, threatModelId: true },
  });
}

/** An organization's notifications, comments and audit trail, to compare before and after a refused call. */
export async function snapshotConversation(organizationId: string) {
  const where = { organizationId };
  const [notifications, comments, auditEvents] = await Promise.all([
    db().notification.findMany({ where, orderBy: { id: "asc" } }),
    db().comment.findMany({ where, orderBy: { id: "asc" } }),
    db().auditEvent.findMany({ where, orderBy: { seq: "asc" } }),
  ]);
  return { notifications, comments, auditEvents };
}

/** The notifications a user has in an organization, as (kind, link) pairs, sorted. */
export async function notificationsOf(organizationId: string, userId: string) {
  const rows = await db().notification.findMany({ where: { organizationId, userId }, select: { kind: true, link: true, title: true, readAt: true } });
  return rows.sort((a, b) => `${a.kind}${a.link}`.localeCompare(`${b.kind}${b.link}`));
}
