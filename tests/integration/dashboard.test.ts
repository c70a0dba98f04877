// The residual-risk dashboard and its drill-down lists, on a hand-built organization whose
// expected figures are written down next to the data they come from. A second organization holds
// risk of every kind and must never count.
import { beforeAll, describe, expect, it } from "vitest";
import type { DashboardClock } from "@/lib/data/dashboard/clock";
import { getDashboard } from "@/lib/data/dashboard/get-dashboard";
import { exportRisks } from "@/lib/data/risk-register/export-risks";
import type { RiskModelRow, RiskPage, RiskThreatRow } from "@/lib/data/risk-register/list-query";
import { listRisks } from "@/lib/data/risk-register/list-risks";
import { decideReview } from "@/lib/data/review/decide-review";
import { submitForReview } from "@/lib/data/review/submit-for-review";
import { startNewRevision } from "@/lib/data/revisions/start-new-revision";
import { insertThreatModelDocument } from "@/lib/data/threat-models/insert-threat-model-document";
import { listThreatModels } from "@/lib/data/threat-models/list-threat-models";
import { db } from "@/lib/db/client";
import { emptyDocument, type ThreatModelDocument } from "@/lib/domain/model-document";
import { standingText } from "@/lib/domain/model-standing";
import { parseDashboardSearchParams, parseRiskSearchParams, riskSearchParams, type TRiskList } from "@/lib/validation/dashboard";
import { ZDecideReview, ZStartRevision, ZSubmitForReview } from "@/lib/validation/review";
import { createOrg, documentThreat, type TestOrg } from "./helpers";

const DAY = 86_400_000;
/** YYYY-MM-DD, `days` from today (UTC, as calendar dates are stored). */
const ymd = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

const threat = documentThreat;
type Mitigation = ThreatModelDocument["mitigations"][number];
const mitigation = (key: string, title: string, status: Mitigation["status"], dueDate: string | null, ownerId: string | null = null): Mitigation => ({
  key,
  title,
  description: "",
  status,
  taskRef: "",
  implementedIn: "",
  dueDate,
  ownerId,
});

async function insertModel(org: TestOrg, ownerId: string | null, doc: Partial<ThreatModelDocument> & { title: string }) {
  const full: ThreatModelDocument = { ...emptyDocument(doc.title), ...doc };
  return db().$transaction((tx) => insertThreatModelDocument(tx, { organizationId: org.id, createdById: org.users.OWNER.id, ownerId }, full));
}

/** Decides an acceptance on a threat (by its title) as the security lead, at a given time. */
async function decide(org: TestOrg, threatTitle: string, status: "ACCEPTED" | "REJECTED", decidedAt: Date) {
  const { count } = await db().residualRiskAcceptance.updateMany({
    where: { organizationId: org.id, threatTitle },
    data: { status, decidedById: org.users.SECURITY_LEAD.id, decidedAt },
  });
  expect(count).toBe(1);
}

const q = (raw: Record<string, string>): TRiskList => parseRiskSearchParams(raw);
const titlesOf = (page: RiskPage) => page.rows.map((r) => ("title" in r ? r.title : r.threatTitle));

describe("the residual-risk dashboard", () => {
  let a: TestOrg;
  let b: TestOrg;
  let m1: string;
  let m2: string;
  let m3: string;
  let clock: DashboardClock;

  beforeAll(async () => {
    [a, b] = await Promise.all([createOrg("dash"), createOrg("dash-other")]);

    // M1 Payments API (approved, Payments, owned by the security lead, review 10 days overdue):
    //   Card data leak      I  High×Critical  CRITICAL  only a PLANNED mitigation (m1)        → open
    //   Webhook spoofing    S  High×High      CRITICAL  IMPLEMENTED mitigation (m2)           → covered
    //   Replay of payments  T  Medium×High    HIGH      accepted until in 30 days            → covered
    //   Audit gaps          R  Medium×Medium  MEDIUM    accepted, review date 5 days ago     → open (expired)
    //   m1 Tokenize cards: PLANNED, due 3 days ago, tech lead → overdue
    //   m2 Signed webhooks: IMPLEMENTED, due 20 days ago → not overdue (implemented)
    m1 = (
      await insertModel(a, a.users.SECURITY_LEAD.id, {
        title: "Payments API",
        status: "APPROVED",
        category: "Payments",
        nextReviewDate: ymd(-10),
        threats: [
          threat("Card data leak", "INFORMATION_DISCLOSURE", "HIGH", "CRITICAL", "CRITICAL", ["m1"]),
          threat("Webhook spoofing", "SPOOFING", "HIGH", "HIGH", "CRITICAL", ["m2"]),
          threat("Replay of payments", "TAMPERING", "MEDIUM", "HIGH", "HIGH"),
          threat("Audit gaps", "REPUDIATION", "MEDIUM", "MEDIUM", "MEDIUM"),
        ],
        mitigations: [
          mitigation("m1", "Tokenize cards", "PLANNED", ymd(-3), a.users.TECH_LEAD.id),
          mitigation("m2", "Signed webhooks", "IMPLEMENTED", ymd(-20)),
        ],
        strideAssessments: [
          { category: "SPOOFING", residualRisk: "LOW", justification: "" },
          { category: "TAMPERING", residualRisk: "MEDIUM", justification: "" },
        ],
        residualRisks: [
          { threatTitle: "Replay of payments", reason: "Idempotency keys planned", riskOwner: "Head of Payments", reviewDate: ymd(30) },
          { threatTitle: "Audit gaps", reason: "Logged elsewhere", riskOwner: "CISO", reviewDate: ymd(-5) },
        ],
      })
    ).id;
    // M2 Identity service (in review, Identity, owned by the contributor, review in 20 days):
    //   Brute force         S  High×Medium     HIGH      acceptance only PROPOSED            → open
    //   Privilege escalation E Medium×Critical CRITICAL  IN_PROGRESS mitigation (m3)         → open
    //   Log flooding        D  Low×Low         LOW       nothing                             → open
    //   m3 Role checks: IN_PROGRESS, due in 5 days → not overdue
    //   m4 Lockout: NOT_STARTED, due yesterday, no owner, linked to nothing → overdue
    m2 = (
      await insertModel(a, a.users.CONTRIBUTOR.id, {
        title: "Identity service",
        status: "IN_REVIEW",
        category: "Identity",
        nextReviewDate: ymd(20),
        threats: [
          threat("Brute force", "SPOOFING", "HIGH", "MEDIUM", "HIGH"),
          threat("Privilege escalation", "ELEVATION_OF_PRIVILEGE", "MEDIUM", "CRITICAL", "CRITICAL", ["m3"]),
          threat("Log flooding", "DENIAL_OF_SERVICE", "LOW", "LOW", "LOW"),
        ],
        mitigations: [mitigation("m3", "Role checks", "IN_PROGRESS", ymd(5)), mitigation("m4", "Lockout", "NOT_STARTED", ymd(-1))],
        strideAssessments: [{ category: "SPOOFING", residualRisk: "HIGH", justification: "" }],
        residualRisks: [{ threatTitle: "Brute force", reason: "Rate limits later", riskOwner: "IAM lead", reviewDate: ymd(10) }],
      })
    ).id;
    // M3 Legacy portal (archived, Payments, no owner, review date long past but archived). None
    // of it counts unless the status filter asks for archived models:
    //   XSS                 T  Low×Medium      LOW       nothing                             → open
    //   Clickjacking        T  Low×Low         LOW       accepted until in 40 days           → covered
    //   m5 Old WAF rule: NOT_STARTED, due 4 days ago → overdue
    //   Tampering rated High
    m3 = (
      await insertModel(a, null, {
        title: "Legacy portal",
        status: "ARCHIVED",
        category: "Payments",
        nextReviewDate: ymd(-100),
        threats: [threat("XSS", "TAMPERING", "LOW", "MEDIUM", "LOW"), threat("Clickjacking", "TAMPERING", "LOW", "LOW", "LOW")],
        mitigations: [mitigation("m5", "Old WAF rule", "NOT_STARTED", ymd(-4))],
        strideAssessments: [{ category: "TAMPERING", residualRisk: "HIGH", justification: "" }],
        residualRisks: [{ threatTitle: "Clickjacking", reason: "Framed nowhere", riskOwner: "Portal lead", reviewDate: ymd(40) }],
      })
    ).id;

    // Some history: every threat created 30 days ago except Log flooding (2 days ago); Signed
    // webhooks implemented 10 days ago; Replay accepted 20 days ago.
    await db().$executeRaw`UPDATE "Threat" SET "createdAt" = ${daysAgo(30)} WHERE "organizationId" = ${a.id}`;
    await db().$executeRaw`UPDATE "Threat" SET "createdAt" = ${daysAgo(2)} WHERE "organizationId" = ${a.id} AND title = 'Log flooding'`;
    await db().$executeRaw`UPDATE "Mitigation" SET "updatedAt" = ${daysAgo(10)} WHERE "organizationId" = ${a.id} AND title = 'Signed webhooks'`;
    await decide(a, "Replay of payments", "ACCEPTED", daysAgo(20));
    await decide(a, "Audit gaps", "ACCEPTED", daysAgo(60));
    await decide(a, "Clickjacking", "ACCEPTED", daysAgo(15));

    // The other organization: risk of every kind, none of which may show in A's figures.
    await insertModel(b, b.users.OWNER.id, {
      title: "Other org model",
      status: "APPROVED",
      category: "Payments",
      nextReviewDate: ymd(-30),
      threats: [
        threat("Other critical", "SPOOFING", "HIGH", "CRITICAL", "CRITICAL", ["x1"]),
        threat("Other accepted", "TAMPERING", "HIGH", "HIGH", "CRITICAL"),
      ],
      mitigations: [mitigation("x1", "Other overdue", "PLANNED", ymd(-7))],
      strideAssessments: [{ category: "SPOOFING", residualRisk: "CRITICAL", justification: "" }],
      residualRisks: [{ threatTitle: "Other accepted", reason: "r", riskOwner: "Other owner", reviewDate: ymd(-1) }],
    });
    await decide(b, "Other accepted", "ACCEPTED", daysAgo(3));
    const now = new Date();
    clock = { today: now.toISOString().slice(0, 10), now };
  });

  it("counts open threats by priority, per heat-map cell and per STRIDE category", async () => {
    const d = await getDashboard(a.ctx.VIEWER, {}, clock);
    // Open: Card data leak, Privilege escalation (Critical); Brute force (High); Audit gaps
    // (Medium, acceptance expired); Log flooding (Low). XSS is open but its model is archived.
    expect(d.openByPriority).toEqual({ CRITICAL: 2, HIGH: 1, MEDIUM: 1, LOW: 1 });
    expect(d.openTotal).toBe(5);
    expect(d.heatMap).toEqual({
      LOW: { LOW: 1, MEDIUM: 0, HIGH: 0, CRITICAL: 0 },
      MEDIUM: { LOW: 0, MEDIUM: 1, HIGH: 0, CRITICAL: 1 },
      HIGH: { LOW: 0, MEDIUM: 1, HIGH: 0, CRITICAL: 1 },
    });
    expect(d.byCategory).toEqual({
      SPOOFING: { CRITICAL: 0, HIGH: 1, MEDIUM: 0, LOW: 0 },
      TAMPERING: { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0 },
      REPUDIATION: { CRITICAL: 0, HIGH: 0, MEDIUM: 1, LOW: 0 },
      INFORMATION_DISCLOSURE: { CRITICAL: 1, HIGH: 0, MEDIUM: 0, LOW: 0 },
      DENIAL_OF_SERVICE: { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 1 },
      ELEVATION_OF_PRIVILEGE: { CRITICAL: 1, HIGH: 0, MEDIUM: 0, LOW: 0 },
    });
    expect(d.ratings.SPOOFING).toEqual({ VERY_LOW: 0, LOW: 1, MEDIUM: 0, HIGH: 1, CRITICAL: 0 });
    expect(d.ratings.TAMPERING).toEqual({ VERY_LOW: 0, LOW: 0, MEDIUM: 1, HIGH: 0, CRITICAL: 0 });
    expect(d.ratings.REPUDIATION).toEqual({ VERY_LOW: 0, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0 });
  });

  it("lists accepted risks soonest review first with the expired one marked, and overdue mitigations with owners", async () => {
    const d = await getDashboard(a.ctx.VIEWER, {}, clock);
    expect(d.acceptances.total).toBe(2);
    expect(d.acceptances.expired).toBe(1);
    expect(d.acceptances.items.map((i) => [i.threatTitle, i.riskOwner, i.reviewDate, i.expired, i.modelTitle])).toEqual([
      ["Audit gaps", "CISO", ymd(-5), true, "Payments API"],
      ["Replay of payments", "Head of Payments", ymd(30), false, "Payments API"],
    ]);
    // Signed webhooks is past its date but implemented; Role checks is not due yet.
    expect(d.overdueMitigations.total).toBe(2);
    expect(d.overdueMitigations.items.map((i) => [i.title, i.dueDate, i.status, i.ownerName, i.modelTitle])).toEqual([
      ["Tokenize cards", ymd(-3), "PLANNED", a.users.TECH_LEAD.name, "Payments API"],
      ["Lockout", ymd(-1), "NOT_STARTED", null, "Identity service"],
    ]);
  });

  it("counts models by status, reviews past due (archived ones aside) and ranks the riskiest models", async () => {
    const d = await getDashboard(a.ctx.VIEWER, {}, clock);
    // The panel still counts the archived model, to link to it; the models in scope leave it out.
    expect(d.modelsByStatus).toEqual({ DRAFT: 0, IN_REVIEW: 1, CHANGES_REQUESTED: 0, APPROVED: 1, ARCHIVED: 1 });
    expect(d.modelTotal).toBe(2);
    expect(d.draftsInProgress).toBe(0);
    expect(d.overdueReviews.total).toBe(1);
    expect(d.overdueReviews.items).toEqual([{ id: m1, title: "Payments API", nextReviewDate: ymd(-10), ownerName: a.users.SECURITY_LEAD.name }]);
    // Identity service: 1 Critical + 1 High; Payments API: 1 Critical; Legacy portal has neither.
    expect(d.topModels).toEqual([
      { id: m2, title: "Identity service", ownerName: a.users.CONTRIBUTOR.name, critical: 1, high: 1 },
      { id: m1, title: "Payments API", ownerName: a.users.SECURITY_LEAD.name, critical: 1, high: 0 },
    ]);
  });

  it("narrows every figure by model category, owner, status and STRIDE category", async () => {
    const payments = await getDashboard(a.ctx.VIEWER, { category: "Payments" }, clock);
    expect(payments.openByPriority).toEqual({ CRITICAL: 1, HIGH: 0, MEDIUM: 1, LOW: 0 });
    expect(payments.modelsByStatus).toMatchObject({ APPROVED: 1, ARCHIVED: 1, IN_REVIEW: 0 });
    expect(payments.acceptances.total).toBe(2);
    expect(payments.overdueMitigations.items.map((i) => i.title)).toEqual(["Tokenize cards"]);

    const contributor = await getDashboard(a.ctx.VIEWER, { owner: a.users.CONTRIBUTOR.id }, clock);
    expect(contributor.openByPriority).toEqual({ CRITICAL: 1, HIGH: 1, MEDIUM: 0, LOW: 1 });
    expect(contributor.acceptances.total).toBe(0);
    expect(contributor.overdueMitigations.items.map((i) => i.title)).toEqual(["Lockout"]);
    expect(contributor.modelTotal).toBe(1);
    expect(contributor.overdueReviews.total).toBe(0);

    const inReview = await getDashboard(a.ctx.VIEWER, { status: "IN_REVIEW" }, clock);
    expect(inReview.openByPriority).toEqual(contributor.openByPriority);
    expect(inReview.topModels.map((m) => m.title)).toEqual(["Identity service"]);

    // Spoofing: Webhook spoofing (covered) and Brute force (open); the models having such threats.
    const spoofing = await getDashboard(a.ctx.VIEWER, { stride: "SPOOFING" }, clock);
    expect(spoofing.openByPriority).toEqual({ CRITICAL: 0, HIGH: 1, MEDIUM: 0, LOW: 0 });
    expect(spoofing.modelsByStatus).toMatchObject({ APPROVED: 1, IN_REVIEW: 1, ARCHIVED: 0 });
    expect(spoofing.acceptances.total).toBe(0);
    expect(spoofing.overdueMitigations.total).toBe(0);
    expect(spoofing.ratings.SPOOFING).toEqual({ VERY_LOW: 0, LOW: 1, MEDIUM: 0, HIGH: 1, CRITICAL: 0 });
    expect(spoofing.ratings.TAMPERING.MEDIUM).toBe(0);

    const none = await getDashboard(a.ctx.VIEWER, { category: "Payments", status: "IN_REVIEW" }, clock);
    expect(none.openTotal).toBe(0);
    expect(none.modelTotal).toBe(0);
  });

  it("pages and sorts the open-threat drill-down, and narrows it to a heat-map cell, a priority or a model", async () => {
    const all = await listRisks(a.ctx.VIEWER, q({ view: "threats", pageSize: "100" }), clock);
    expect(all.total).toBe(5);
    // Priority first (Critical…Low), then by title.
    expect(titlesOf(all)).toEqual(["Card data leak", "Privilege escalation", "Brute force", "Audit gaps", "Log flooding"]);

    const pages = await Promise.all([1, 2, 3].map((page) => listRisks(a.ctx.VIEWER, q({ view: "threats", pageSize: "2", page: String(page) }), clock)));
    expect(pages.map(titlesOf)).toEqual([["Card data leak", "Privilege escalation"], ["Brute force", "Audit gaps"], ["Log flooding"]]);
    expect(pages.every((p) => p.total === 5)).toBe(true);
    const past = await listRisks(a.ctx.VIEWER, q({ view: "threats", pageSize: "2", page: "9" }), clock);
    expect(past.rows).toEqual([]);
    expect(past.total).toBe(5);

    const byTitle = await listRisks(a.ctx.VIEWER, q({ view: "threats", sort: "title", dir: "desc" }), clock);
    expect(titlesOf(byTitle)).toEqual(["Privilege escalation", "Log flooding", "Card data leak", "Brute force", "Audit gaps"]);

    const cell = await listRisks(a.ctx.VIEWER, q({ view: "threats", likelihood: "HIGH", impact: "CRITICAL" }), clock);
    expect(titlesOf(cell)).toEqual(["Card data leak"]);
    const low = await listRisks(a.ctx.VIEWER, q({ view: "threats", priority: "LOW", sort: "title", dir: "desc" }), clock);
    expect(titlesOf(low)).toEqual(["Log flooding"]);
    const ofModel = await listRisks(a.ctx.VIEWER, q({ view: "threats", model: m1 }), clock);
    expect(titlesOf(ofModel)).toEqual(["Card data leak", "Audit gaps"]);
    const spoofing = await listRisks(a.ctx.VIEWER, q({ view: "threats", stride: "SPOOFING" }), clock);
    expect(titlesOf(spoofing)).toEqual(["Brute force"]);
  });

  it("lists accepted risks, mitigations and models behind their numbers", async () => {
    const acceptances = await listRisks(a.ctx.VIEWER, q({ view: "acceptances" }), clock);
    expect(acceptances.rows.map((r) => ("expired" in r ? [r.threatTitle ?? "", r.expired] : []))).toEqual([
      ["Audit gaps", true],
      ["Replay of payments", false],
    ]);
    const expired = await listRisks(a.ctx.VIEWER, q({ view: "acceptances", expired: "1" }), clock);
    expect(titlesOf(expired)).toEqual(["Audit gaps"]);

    const overdue = await listRisks(a.ctx.VIEWER, q({ view: "mitigations", overdue: "1" }), clock);
    expect(titlesOf(overdue)).toEqual(["Tokenize cards", "Lockout"]);
    const mitigations = await listRisks(a.ctx.VIEWER, q({ view: "mitigations", sort: "title" }), clock);
    expect(titlesOf(mitigations)).toEqual(["Lockout", "Role checks", "Signed webhooks", "Tokenize cards"]);

    const models = await listRisks(a.ctx.VIEWER, q({ view: "models" }), clock);
    expect(models.rows.map((r) => ("critical" in r ? [r.title, r.critical, r.high] : []))).toEqual([
      ["Identity service", 1, 1],
      ["Payments API", 1, 0],
    ]);
    const reviews = await listRisks(a.ctx.VIEWER, q({ view: "models", overdue: "1" }), clock);
    expect(titlesOf(reviews)).toEqual(["Payments API"]);
    const rated = await listRisks(a.ctx.VIEWER, q({ view: "models", stride: "SPOOFING", rating: "HIGH" }), clock);
    expect(titlesOf(rated)).toEqual(["Identity service"]);
    const archived = await listRisks(a.ctx.VIEWER, q({ view: "models", status: "ARCHIVED" }), clock);
    expect(titlesOf(archived)).toEqual(["Legacy portal"]);
    expect(m3).toBeTruthy();
  });

  it("leaves archived models' threats, mitigations, acceptances and ratings out unless the status filter asks for archived models", async () => {
    const d = await getDashboard(a.ctx.VIEWER, {}, clock);
    expect(d.openTotal).toBe(5);
    expect(d.topModels.map((m) => m.title)).not.toContain("Legacy portal");
    expect(d.acceptances.items.map((i) => i.threatTitle)).toEqual(["Audit gaps", "Replay of payments"]);
    expect(d.overdueMitigations.items.map((i) => i.title)).toEqual(["Tokenize cards", "Lockout"]);
    expect(d.ratings.TAMPERING).toEqual({ VERY_LOW: 0, LOW: 0, MEDIUM: 1, HIGH: 0, CRITICAL: 0 });
    expect(d.overdueReviews.total).toBe(1);
    // The risk register leaves them out too.
    for (const view of ["threats", "acceptances", "mitigations", "models"] as const) {
      const page = await listRisks(a.ctx.VIEWER, q({ view, pageSize: "100" }), clock);
      expect(JSON.stringify(page.rows)).not.toMatch(/Legacy portal|XSS|Clickjacking|Old WAF rule/);
    }

    // Asked for, the archived model's risk is all there, and nothing else.
    const archived = await getDashboard(a.ctx.VIEWER, { status: "ARCHIVED" }, clock);
    expect(archived.openByPriority).toEqual({ CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 1 });
    expect(archived.heatMap.LOW.MEDIUM).toBe(1);
    expect(archived.acceptances.items.map((i) => [i.threatTitle, i.modelTitle])).toEqual([["Clickjacking", "Legacy portal"]]);
    expect(archived.overdueMitigations.items.map((i) => [i.title, i.modelTitle])).toEqual([["Old WAF rule", "Legacy portal"]]);
    expect(archived.ratings.TAMPERING).toEqual({ VERY_LOW: 0, LOW: 0, MEDIUM: 0, HIGH: 1, CRITICAL: 0 });
    expect(archived.modelTotal).toBe(1);
    expect(archived.modelsByStatus).toMatchObject({ ARCHIVED: 1, APPROVED: 0, IN_REVIEW: 0 });
    // An archived model is never past its review date: nobody reviews it.
    expect(archived.overdueReviews.total).toBe(0);
    expect(titlesOf(await listRisks(a.ctx.VIEWER, q({ view: "threats", status: "ARCHIVED" }), clock))).toEqual(["XSS"]);
    expect(titlesOf(await listRisks(a.ctx.VIEWER, q({ view: "acceptances", status: "ARCHIVED" }), clock))).toEqual(["Clickjacking"]);
    expect(titlesOf(await listRisks(a.ctx.VIEWER, q({ view: "mitigations", status: "ARCHIVED", overdue: "1" }), clock))).toEqual(["Old WAF rule"]);
  });

  it("exports a whole list in its order", async () => {
    const chunks = [];
    for await (const chunk of exportRisks(a.ctx.VIEWER, q({ view: "threats", page: "3", pageSize: "2" }), clock)) chunks.push(chunk);
    // Paging does not apply to an export: every row, from the first.
    expect(chunks.flatMap((c) => c.rows.map((r) => ("title" in r ? r.title : "")))).toEqual([
      "Card data leak",
      "Privilege escalation",
      "Brute force",
      "Audit gaps",
      "Log flooding",
    ]);
  });

  it("keeps each organization to its own figures", async () => {
    const other = await getDashboard(b.ctx.OWNER, {}, clock);
    // Both of B's threats: one with only a Planned mitigation, one whose acceptance expired yesterday.
    expect(other.openByPriority).toEqual({ CRITICAL: 2, HIGH: 0, MEDIUM: 0, LOW: 0 });
    expect(other.acceptances.items.map((i) => [i.threatTitle, i.expired])).toEqual([["Other accepted", true]]);
    expect(other.overdueMitigations.items.map((i) => i.title)).toEqual(["Other overdue"]);
    expect(other.modelTotal).toBe(1);
    expect(other.ratings.SPOOFING.CRITICAL).toBe(1);

    // A's ids and owners mean nothing inside B.
    const foreign = await listRisks(b.ctx.OWNER, q({ view: "threats", model: m1 }), clock);
    expect(foreign.total).toBe(0);
    const foreignOwner = await getDashboard(b.ctx.OWNER, { owner: a.users.CONTRIBUTOR.id }, clock);
    expect(foreignOwner.openTotal + foreignOwner.modelTotal + foreignOwner.acceptances.total + foreignOwner.overdueMitigations.total).toBe(0);
    for (const view of ["threats", "acceptances", "mitigations", "models"] as const) {
      const page = await listRisks(b.ctx.OWNER, q({ view }), clock);
      expect(JSON.stringify(page.rows)).not.toMatch(/Payments API|Identity service|Legacy portal/);
    }
  });
});

describe("an approved model whose next revision is in progress", () => {
  let org: TestOrg;
  let modelId: string;

  beforeAll(async () => {
    org = await createOrg("dash-revision");
    // Approved as 1.0.0: Session fixation is covered by an implemented mitigation, Verbose errors
    // is open. Then revision 1.1.0 is started and Token replay added to its draft.
    modelId = (
      await insertModel(org, org.users.TECH_LEAD.id, {
        title: "Sessions",
        version: "1.0.0",
        status: "DRAFT",
        threats: [
          threat("Session fixation", "SPOOFING", "HIGH", "HIGH", "CRITICAL", ["s1"]),
          threat("Verbose errors", "INFORMATION_DISCLOSURE", "LOW", "MEDIUM", "LOW"),
        ],
        mitigations: [mitigation("s1", "Rotate session ids", "IMPLEMENTED", null)],
      })
    ).id;
    await submitForReview(org.ctx.CONTRIBUTOR, ZSubmitForReview.parse({ modelId }));
    const { lockVersion } = await db().threatModel.findUniqueOrThrow({ where: { id: modelId } });
    for (const lead of [org.ctx.TECH_LEAD, org.ctx.SECURITY_LEAD])
      await decideReview(lead, ZDecideReview.parse({ modelId, lockVersion, decision: "APPROVED" }));
    expect(await startNewRevision(org.ctx.CONTRIBUTOR, ZStartRevision.parse({ modelId }))).toEqual({ version: "1.1.0" });
    // A threat the draft adds, as the editor writes it: a new row, created now.
    await db().threat.create({
      data: {
        organizationId: org.id,
        threatModelId: modelId,
        category: "TAMPERING",
        title: "Token replay",
        likelihood: "MEDIUM",
        impact: "HIGH",
        priority: "HIGH",
        position: 2,
      },
    });
  });

  it("keeps the last approved version through the new revision", async () => {
    expect(await db().threatModel.findUniqueOrThrow({ where: { id: modelId }, select: { status: true, version: true, approvedVersion: true } })).toEqual({
      status: "DRAFT",
      version: "1.1.0",
      approvedVersion: "1.0.0",
    });
  });

  it("counts the model as approved, with one draft in progress, and the draft's new threat as open risk", async () => {
    const d = await getDashboard(org.ctx.VIEWER, {});
    expect(d.modelsByStatus).toEqual({ DRAFT: 0, IN_REVIEW: 0, CHANGES_REQUESTED: 0, APPROVED: 1, ARCHIVED: 0 });
    expect(d.draftsInProgress).toBe(1);
    expect(d.modelTotal).toBe(1);
    expect(d.openByPriority).toEqual({ CRITICAL: 0, HIGH: 1, MEDIUM: 0, LOW: 1 });

    // The status filter agrees with the count: the model is under Approved, not Draft.
    expect((await getDashboard(org.ctx.VIEWER, { status: "APPROVED" })).openTotal).toBe(2);
    const drafts = await getDashboard(org.ctx.VIEWER, { status: "DRAFT" });
    expect([drafts.modelTotal, drafts.openTotal, drafts.draftsInProgress]).toEqual([0, 0, 0]);
  });

  it("marks the threat added in the draft as not yet reviewed in the risk register", async () => {
    const threats = await listRisks(org.ctx.VIEWER, q({ view: "threats" }));
    expect((threats.rows as RiskThreatRow[]).map((r) => [r.title, r.notYetReviewed])).toEqual([
      ["Token replay", true],
      ["Verbose errors", false],
    ]);
  });

  it("lists the model as approved with its draft, in the risk register and the models list", async () => {
    const revising = await listRisks(org.ctx.VIEWER, q({ view: "models", revising: "1" }));
    expect((revising.rows as RiskModelRow[]).map((r) => [r.title, standingText(r)])).toEqual([["Sessions", "Approved 1.0.0 · 1.1.0 in draft"]]);
    const approved = await listRisks(org.ctx.VIEWER, q({ view: "models", status: "APPROVED" }));
    expect(titlesOf(approved)).toEqual(["Sessions"]);
    expect((await listRisks(org.ctx.VIEWER, q({ view: "models", status: "DRAFT" }))).total).toBe(0);

    const list = await listThreatModels(org.ctx.VIEWER, { page: 1, pageSize: 25, status: "APPROVED" });
    expect(list.items.map((m) => standingText(m))).toEqual(["Approved 1.0.0 · 1.1.0 in draft"]);
    expect((await listThreatModels(org.ctx.VIEWER, { page: 1, pageSize: 25, status: "DRAFT" })).total).toBe(0);
  });
});

describe("dashboard URL state", () => {
  it("falls back to defaults for bad values and keeps the valid ones", () => {
    expect(parseDashboardSearchParams({ status: "NOPE", stride: "SPOOFING", category: ["Payments", "Other"], owner: "" })).toEqual({
      stride: "SPOOFING",
      category: "Payments",
    });
    const list = parseRiskSearchParams({ view: "mitigations", sort: "priority", page: "-1", pageSize: "1000", overdue: "1", impact: "HUGE" });
    expect(list).toMatchObject({ view: "mitigations", sort: "dueDate", dir: "asc", page: 1, pageSize: 25, overdue: true, expired: false });
    expect(list.impact).toBeUndefined();
    expect(parseRiskSearchParams({ view: "bogus" }).view).toBe("threats");
  });

  it("round-trips a list state through its URL, leaving defaults out", () => {
    const state = parseRiskSearchParams({ view: "threats", priority: "HIGH", stride: "TAMPERING", sort: "title", dir: "desc", page: "2" });
    const sp = riskSearchParams(state);
    expect(sp.toString()).toBe("view=threats&stride=TAMPERING&priority=HIGH&sort=title&dir=desc&page=2");
    expect(parseRiskSearchParams(Object.fromEntries(sp))).toEqual(state);
    expect(riskSearchParams(parseRiskSearchParams({ view: "models" })).toString()).toBe("view=models");
  });
});
