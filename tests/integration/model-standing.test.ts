// The standing rules of lib/domain/model-standing.ts exist twice, as TypeScript and as SQL
// (lib/data/sql/model-standing.ts): both are evaluated here on the same rows, every status with
// and without an earlier approval, and threats created before and after it.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { countsAsApprovedSql, countsAsOpenRiskSql, hasDraftInProgressSql, standingStatusSql, threatNotYetReviewedSql } from "@/lib/data/sql/model-standing";
import { countsAsApproved, countsAsOpenRisk, hasDraftInProgress, isThreatNotYetReviewed, standingStatus, standingText } from "@/lib/domain/model-standing";
import { THREAT_MODEL_STATUSES, type ThreatModelStatus } from "@/lib/domain/threat-model";
import { createOrg, type TestOrg } from "./helpers";

const approvedAt = new Date("2026-06-01T12:00:00.000Z");
const before = new Date("2026-05-20T09:00:00.000Z");
const after = new Date("2026-06-10T09:00:00.000Z");

describe("a model's standing, in TypeScript and in SQL", () => {
  let org: TestOrg;

  beforeAll(async () => {
    org = await createOrg("standing");
    // Every status, never approved and approved before (1.0.0, now at 1.1.0), each with a threat
    // from before and one from after the approval.
    for (const status of THREAT_MODEL_STATUSES) {
      for (const approved of [false, true]) {
        const model = await db().threatModel.create({
          data: {
            organizationId: org.id,
            createdById: org.users.OWNER.id,
            title: `${status} ${approved ? "approved before" : "never approved"}`,
            status,
            version: approved ? "1.1.0" : "0.1.0",
            approvedVersion: approved ? "1.0.0" : null,
            approvedAt: approved ? approvedAt : null,
          },
        });
        for (const [title, createdAt] of [
          ["older", before],
          ["newer", after],
        ] as const) {
          await db().threat.create({
            data: {
              organizationId: org.id,
              threatModelId: model.id,
              category: "SPOOFING",
              title,
              likelihood: "LOW",
              impact: "LOW",
              priority: "LOW",
              createdAt,
            },
          });
        }
      }
    }
  });

  it("agrees on every model and threat", async () => {
    const rows = await db().$queryRaw<
      {
        status: ThreatModelStatus;
        version: string;
        approvedVersion: string | null;
        approvedAt: Date | null;
        createdAt: Date;
        open_risk: boolean;
        drafting: boolean;
        approved: boolean;
        standing: ThreatModelStatus;
        not_reviewed: boolean;
      }[]
    >`
      SELECT m.status, m.version, m."approvedVersion", m."approvedAt", t."createdAt",
             ${countsAsOpenRiskSql("m")} AS open_risk,
             ${hasDraftInProgressSql("m")} AS drafting,
             ${countsAsApprovedSql("m")} AS approved,
             ${standingStatusSql("m")} AS standing,
             ${threatNotYetReviewedSql("t", "m")} AS not_reviewed
      FROM "ThreatModel" m JOIN "Threat" t ON t."threatModelId" = m.id
      WHERE m."organizationId" = ${org.id}`;
    expect(rows).toHaveLength(THREAT_MODEL_STATUSES.length * 2 * 2);
    for (const row of rows) {
      const model = { status: row.status, approvedVersion: row.approvedVersion };
      expect({
        ...row,
        open_risk: countsAsOpenRisk(model),
        drafting: hasDraftInProgress(model),
        approved: countsAsApproved(model),
        standing: standingStatus(model),
        not_reviewed: isThreatNotYetReviewed(row, row),
      }).toEqual(row);
    }
  });

  it("reads as the rules say", async () => {
    const models = await db().threatModel.findMany({
      where: { organizationId: org.id },
      select: { title: true, status: true, version: true, approvedVersion: true },
    });
    const text = Object.fromEntries(models.map((m) => [m.title, standingText(m)]));
    expect(text).toMatchObject({
      "DRAFT approved before": "Approved 1.0.0 · 1.1.0 in draft",
      "IN_REVIEW approved before": "Approved 1.0.0 · 1.1.0 in review",
      "CHANGES_REQUESTED approved before": "Approved 1.0.0 · 1.1.0 with changes requested",
      "APPROVED approved before": "Approved",
      "ARCHIVED approved before": "Archived",
      "DRAFT never approved": "Draft",
    });
    // A draft after an approval keeps counting as approved; an archived one counts for nothing.
    const standing = await db().$queryRaw<{ title: string; standing: string; open_risk: boolean }[]>`
      SELECT m.title, ${standingStatusSql("m")}::text AS standing, ${countsAsOpenRiskSql("m")} AS open_risk
      FROM "ThreatModel" m WHERE m."organizationId" = ${org.id} AND m.title IN ('DRAFT approved before', 'DRAFT never approved', 'ARCHIVED approved before')
      ORDER BY m.title`;
    expect(standing).toEqual([
      { title: "ARCHIVED approved before", standing: "ARCHIVED", open_risk: false },
      { title: "DRAFT approved before", standing: "APPROVED", open_risk: true },
      { title: "DRAFT never approved", standing: "DRAFT", open_risk: true },
    ]);
  });
});
