import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { DEMO_ORGANIZATION, DEMO_USERS } from "@/lib/demo/accounts";
import { AUTH_SERVICE_MODEL, DEMO_SMALL_MODELS } from "@/lib/demo/models";
import { DEMO_RISK_HISTORY } from "@/lib/demo/risk-history";
import { addDays, fromDay, today as todayOf } from "@/lib/domain/calendar";
import { reviewCapacityOf } from "@/lib/domain/review";
import { actedAs, recordAuditEvent } from "./audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RevisionSnapshot } from "./revisions/revision-snapshot";
import { findThreatModel } from "./threat-models/find-threat-model";
import { insertThreatModelDocument } from "./threat-models/insert-threat-model-document";
import { toDocument } from "./threat-models/to-document";

/**
 * The demo organization: one user per role, the example authentication-service model (approved
 * by both leads) and smaller models in other states. Does nothing when "acme" exists already.
 */
export async function seedDemo(password: string): Promise<{ created: boolean }> {
  if (await db().organization.findUnique({ where: { slug: DEMO_ORGANIZATION.slug }, select: { id: true } })) return { created: false };
  const passwordHash = await hashPassword(password);

  await db().$transaction(
    async (tx) => {
      const organization = await tx.organization.create({ data: DEMO_ORGANIZATION, select: { id: true } });
      const users: Record<string, string> = {};
      for (const person of DEMO_USERS) {
        const user = await tx.user.upsert({
          where: { email: person.email },
          create: { email: person.email, name: person.name, passwordHash, emailVerifiedAt: new Date(), lastOrganizationId: organization.id },
          update: {},
          select: { id: true },
        });
        users[person.role] = user.id;
        await tx.membership.create({ data: { organizationId: organization.id, userId: user.id, role: person.role } });
      }
      const scope = { organizationId: organization.id };
      const authModel = await insertThreatModelDocument(tx, { ...scope, createdById: users.CONTRIBUTOR!, ownerId: users.SECURITY_LEAD }, AUTH_SERVICE_MODEL);
      const approvedAt = new Date("2026-01-12T10:00:00.000Z");
      const submittedAt = new Date("2026-01-09T15:00:00.000Z");
      await tx.threatModel.update({ where: { id: authModel.id }, data: { approvedAt, approvedVersion: AUTH_SERVICE_MODEL.version, submittedAt } });
      // Its threats were written before it was submitted, so its approval covers every one of them.
      await tx.threat.updateMany({ where: { threatModelId: authModel.id }, data: { createdAt: submittedAt } });
      await tx.approval.createMany({
        data: [
          {
            ...scope,
            threatModelId: authModel.id,
            lockVersion: 1,
            reviewerId: users.SECURITY_LEAD!,
            capacity: "SECURITY",
            decision: "APPROVED",
            createdAt: approvedAt,
          },
          {
            ...scope,
            threatModelId: authModel.id,
            lockVersion: 1,
            reviewerId: users.TECH_LEAD!,
            capacity: "TECH_LEAD",
            decision: "APPROVED",
            createdAt: approvedAt,
          },
        ],
      });
      // The approved revision, as an approval stores it.
      const approved = await findThreatModel(tx, organization.id, authModel.id);
      const snapshot: RevisionSnapshot = {
        format: 1,
        document: toDocument(approved!),
        approvals: [
          {
            reviewerId: users.SECURITY_LEAD!,
            reviewerName: DEMO_USERS.find((u) => reviewCapacityOf(u.role) === "SECURITY")!.name,
            capacity: "SECURITY",
            at: approvedAt.toISOString(),
            comment: "",
          },
          {
            reviewerId: users.TECH_LEAD!,
            reviewerName: DEMO_USERS.find((u) => reviewCapacityOf(u.role) === "TECH_LEAD")!.name,
            capacity: "TECH_LEAD",
            at: approvedAt.toISOString(),
            comment: "",
          },
        ],
      };
      await tx.revision.create({
        data: {
          ...scope,
          threatModelId: authModel.id,
          version: AUTH_SERVICE_MODEL.version,
          lockVersion: 1,
          snapshot: snapshot as unknown as Prisma.InputJsonObject,
          createdById: users.SECURITY_LEAD!,
          createdAt: approvedAt,
        },
      });
      const owners = [users.CONTRIBUTOR, users.TECH_LEAD, users.CONTRIBUTOR];
      for (const [i, doc] of DEMO_SMALL_MODELS.entries()) {
        const model = await insertThreatModelDocument(tx, { ...scope, createdById: users.CONTRIBUTOR!, ownerId: owners[i % owners.length] }, doc);
        if (doc.status === "CHANGES_REQUESTED") {
          await tx.approval.create({
            data: {
              ...scope,
              threatModelId: model.id,
              lockVersion: 1,
              reviewerId: users.SECURITY_LEAD!,
              capacity: "SECURITY",
              decision: "CHANGES_REQUESTED",
              comment:
                "Uploaded files are served from the app's own origin: add a separate download domain or Content-Disposition: attachment before this can be approved.",
            },
          });
        }
        if (doc.status === "IN_REVIEW") await tx.threatModel.update({ where: { id: model.id }, data: { submittedAt: new Date() } });
      }
      // A made-up history for the dashboard's trend, stored as demo data (the dashboard says so);
      // today's snapshot is left to the server, which records it.
      const today = todayOf();
      await tx.riskSnapshot.createMany({
        data: DEMO_RISK_HISTORY.map((h) => ({
          ...scope,
          day: fromDay(addDays(today, -h.daysAgo)),
          openCritical: h.open.CRITICAL,
          openHigh: h.open.HIGH,
          openMedium: h.open.MEDIUM,
          openLow: h.open.LOW,
          demo: true,
        })),
      });
      await recordAuditEvent(
        tx,
        actedAs(organization.id, { id: null, label: "demo seed" }),
        "organization.created",
        { type: "organization", id: organization.id },
        { name: DEMO_ORGANIZATION.name, slug: DEMO_ORGANIZATION.slug, demo: true, models: 1 + DEMO_SMALL_MODELS.length },
      );
    },
    { timeout: 60_000 },
  );
  return { created: true };
}
