import { describe, expect, it } from "vitest";
import { can } from "@/lib/auth/permissions";
import { InvalidInputError } from "@/lib/errors";
import {
  CAPACITY_LABELS,
  REVIEW_ACTIONS,
  approvalBlockers,
  approvalState,
  availableActions,
  checkTransition,
  nextReviewDate,
  nextVersion,
  parseVersion,
  reviewCapacityOf,
  signOffState,
  signOffStillNeeded,
  type ApprovalRecord,
  type GateThreat,
  type ReviewAction,
} from "./review";
import { ROLES, type Role } from "./roles";
import { THREAT_MODEL_STATUSES, type ThreatModelStatus } from "./threat-model";

// The whole workflow as a table, written out by hand. One string per role; one character per
// status in the order Draft, In review, Changes requested, Approved, Archived. The character is
// the status the action leads to (D, R, C, A, X) or "." when it is refused.
const COLUMNS: ThreatModelStatus[] = ["DRAFT", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED", "ARCHIVED"];
const NEXT: Record<string, ThreatModelStatus> = { D: "DRAFT", R: "IN_REVIEW", C: "CHANGES_REQUESTED", A: "APPROVED", X: "ARCHIVED" };

type Table = Record<Role, string>;
const EXPECTED: Record<ReviewAction, { author: Table; notAuthor: Table }> = {
  submit: {
    notAuthor: { OWNER: "R.R..", ADMIN: "R.R..", SECURITY_LEAD: "R.R..", TECH_LEAD: "R.R..", CONTRIBUTOR: "R.R..", VIEWER: "....." },
    author: { OWNER: "R.R..", ADMIN: "R.R..", SECURITY_LEAD: "R.R..", TECH_LEAD: "R.R..", CONTRIBUTOR: "R.R..", VIEWER: "....." },
  },
  approve: {
    notAuthor: { OWNER: ".....", ADMIN: ".....", SECURITY_LEAD: ".R...", TECH_LEAD: ".R...", CONTRIBUTOR: ".....", VIEWER: "....." },
    author: { OWNER: ".....", ADMIN: ".....", SECURITY_LEAD: ".....", TECH_LEAD: ".....", CONTRIBUTOR: ".....", VIEWER: "....." },
  },
  "request-changes": {
    notAuthor: { OWNER: ".....", ADMIN: ".....", SECURITY_LEAD: ".C...", TECH_LEAD: ".C...", CONTRIBUTOR: ".....", VIEWER: "....." },
    author: { OWNER: ".....", ADMIN: ".....", SECURITY_LEAD: ".....", TECH_LEAD: ".....", CONTRIBUTOR: ".....", VIEWER: "....." },
  },
  "start-revision": {
    notAuthor: { OWNER: "...D.", ADMIN: "...D.", SECURITY_LEAD: "...D.", TECH_LEAD: "...D.", CONTRIBUTOR: "...D.", VIEWER: "....." },
    author: { OWNER: "...D.", ADMIN: "...D.", SECURITY_LEAD: "...D.", TECH_LEAD: "...D.", CONTRIBUTOR: "...D.", VIEWER: "....." },
  },
  archive: {
    notAuthor: { OWNER: "XXXX.", ADMIN: "XXXX.", SECURITY_LEAD: "XXXX.", TECH_LEAD: ".....", CONTRIBUTOR: ".....", VIEWER: "....." },
    author: { OWNER: "XXXX.", ADMIN: "XXXX.", SECURITY_LEAD: "XXXX.", TECH_LEAD: ".....", CONTRIBUTOR: ".....", VIEWER: "....." },
  },
  restore: {
    notAuthor: { OWNER: "....D", ADMIN: "....D", SECURITY_LEAD: "....D", TECH_LEAD: ".....", CONTRIBUTOR: ".....", VIEWER: "....." },
    author: { OWNER: "....D", ADMIN: "....D", SECURITY_LEAD: "....D", TECH_LEAD: ".....", CONTRIBUTOR: ".....", VIEWER: "....." },
  },
  edit: {
    notAuthor: { OWNER: "DRD..", ADMIN: "DRD..", SECURITY_LEAD: "DRD..", TECH_LEAD: "DRD..", CONTRIBUTOR: "DRD..", VIEWER: "....." },
    author: { OWNER: "DRD..", ADMIN: "DRD..", SECURITY_LEAD: "DRD..", TECH_LEAD: "DRD..", CONTRIBUTOR: "DRD..", VIEWER: "....." },
  },
};

const CASES = REVIEW_ACTIONS.flatMap((action) =>
  ROLES.flatMap((role) =>
    COLUMNS.flatMap((status, column) =>
      [false, true].map((isAuthor) => ({
        action,
        role,
        status,
        isAuthor,
        expected: EXPECTED[action][isAuthor ? "author" : "notAuthor"][role][column],
      })),
    ),
  ),
);

describe("checkTransition: every action × role × status", () => {
  it("covers all seven actions, six roles, five statuses, author or not", () => {
    expect(REVIEW_ACTIONS).toHaveLength(7);
    expect(new Set(REVIEW_ACTIONS).size).toBe(7);
    expect(COLUMNS).toEqual([...THREAT_MODEL_STATUSES]);
    expect(CASES).toHaveLength(7 * 6 * 5 * 2);
    for (const c of CASES) expect(c.expected, `${c.action} ${c.role} ${c.status}`).toMatch(/^[.DRCAX]$/);
  });

  it.each(CASES)("$action by $role (author: $isAuthor) on $status → $expected", ({ action, role, status, isAuthor, expected }) => {
    const verdict = checkTransition(action, status, { role, isAuthor });
    if (expected === ".") {
      expect(verdict.allowed).toBe(false);
      if (!verdict.allowed) expect(verdict.reason).toMatch(/^[A-Z].*\.$/);
    } else {
      expect(verdict).toEqual({ allowed: true, next: NEXT[expected!] });
    }
  });
});

describe("checkTransition agrees with the permission matrix", () => {
  const permissionOf: Record<ReviewAction, (role: Role) => boolean> = {
    submit: (r) => can(r, "model.submit"),
    approve: (r) => can(r, "model.approve-security") || can(r, "model.approve-tech"),
    "request-changes": (r) => can(r, "model.approve-security") || can(r, "model.approve-tech"),
    "start-revision": (r) => can(r, "model.edit"),
    archive: (r) => can(r, "model.archive"),
    restore: (r) => can(r, "model.archive"),
    edit: (r) => can(r, "model.edit"),
  };

  it.each(REVIEW_ACTIONS)("%s: a role can do it in some status exactly when the matrix lets it", (action) => {
    for (const role of ROLES) {
      const somewhere = THREAT_MODEL_STATUSES.some((s) => checkTransition(action, s, { role, isAuthor: false }).allowed);
      expect(somewhere, role).toBe(permissionOf[action](role));
    }
  });

  it("a viewer can do nothing at all", () => {
    for (const status of THREAT_MODEL_STATUSES) expect(availableActions(status, { role: "VIEWER", isAuthor: false })).toEqual([]);
  });
});

describe("checkTransition: the reasons it gives", () => {
  const reason = (action: ReviewAction, status: ThreatModelStatus, role: Role, isAuthor = false) => {
    const verdict = checkTransition(action, status, { role, isAuthor });
    return verdict.allowed ? null : verdict.reason;
  };

  it("names the wrong role before the wrong status", () => {
    expect(reason("approve", "DRAFT", "CONTRIBUTOR")).toBe("Only a security lead or a tech lead can approve.");
    expect(reason("approve", "IN_REVIEW", "OWNER")).toBe("Only a security lead or a tech lead can approve.");
    expect(reason("request-changes", "IN_REVIEW", "ADMIN")).toBe("Only a security lead or a tech lead can request changes.");
    expect(reason("submit", "DRAFT", "VIEWER")).toBe("A viewer cannot submit threat models for review.");
    expect(reason("edit", "APPROVED", "VIEWER")).toBe("A viewer cannot edit threat models.");
    expect(reason("start-revision", "APPROVED", "VIEWER")).toBe("A viewer cannot start a new revision.");
    expect(reason("archive", "DRAFT", "TECH_LEAD")).toBe("Only an owner, an admin or a security lead can archive a threat model.");
    expect(reason("restore", "ARCHIVED", "CONTRIBUTOR")).toBe("Only an owner, an admin or a security lead can restore a threat model.");
  });

  it("names the status the model is in", () => {
    expect(reason("approve", "DRAFT", "SECURITY_LEAD")).toBe("Only a model in review can be approved; this one is Draft.");
    expect(reason("approve", "CHANGES_REQUESTED", "TECH_LEAD")).toBe("Only a model in review can be approved; this one is Changes requested.");
    expect(reason("request-changes", "APPROVED", "TECH_LEAD")).toBe("Changes can only be requested on a model in review; this one is Approved.");
    expect(reason("start-revision", "IN_REVIEW", "CONTRIBUTOR")).toBe("Only an approved model can start a new revision; this one is In review.");
    expect(reason("restore", "APPROVED", "OWNER")).toBe("Only an archived model can be restored; this one is Approved.");
    expect(reason("archive", "ARCHIVED", "ADMIN")).toBe("This threat model is already archived.");
    expect(reason("submit", "IN_REVIEW", "CONTRIBUTOR")).toBe("This threat model is already in review.");
    expect(reason("submit", "APPROVED", "CONTRIBUTOR")).toMatch(/already approved: start a new revision/);
    expect(reason("submit", "ARCHIVED", "CONTRIBUTOR")).toMatch(/restore this one first/);
  });

  it("says approved models are locked and archived ones read-only", () => {
    expect(reason("edit", "APPROVED", "CONTRIBUTOR")).toMatch(/^This threat model is approved: its analysis is locked until a new revision is started\./);
    expect(reason("edit", "ARCHIVED", "OWNER")).toBe("This threat model is archived: restore it to make changes.");
  });

  it("refuses a lead's decision on their own model, only once the status is right", () => {
    expect(reason("approve", "IN_REVIEW", "SECURITY_LEAD", true)).toBe("You cannot approve a threat model you wrote.");
    expect(reason("approve", "IN_REVIEW", "TECH_LEAD", true)).toBe("You cannot approve a threat model you wrote.");
    expect(reason("request-changes", "IN_REVIEW", "TECH_LEAD", true)).toBe("You cannot request changes on a threat model you wrote.");
    expect(reason("approve", "DRAFT", "SECURITY_LEAD", true)).toBe("Only a model in review can be approved; this one is Draft.");
  });
});

describe("checkTransition: restore", () => {
  const lead = { role: "SECURITY_LEAD" as const, isAuthor: false };

  it.each(["DRAFT", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED"] as const)("returns to %s when that is where it was archived from", (restoreTo) => {
    expect(checkTransition("restore", "ARCHIVED", lead, { restoreTo })).toEqual({ allowed: true, next: restoreTo });
  });

  it("returns to Draft when the earlier status is unknown, or nonsensically Archived", () => {
    expect(checkTransition("restore", "ARCHIVED", lead)).toEqual({ allowed: true, next: "DRAFT" });
    expect(checkTransition("restore", "ARCHIVED", lead, {})).toEqual({ allowed: true, next: "DRAFT" });
    expect(checkTransition("restore", "ARCHIVED", lead, { restoreTo: "ARCHIVED" })).toEqual({ allowed: true, next: "DRAFT" });
  });
});

describe("availableActions", () => {
  it("offers a non-author security lead the decisions on a model in review", () => {
    expect(availableActions("IN_REVIEW", { role: "SECURITY_LEAD", isAuthor: false })).toEqual(["approve", "request-changes", "archive", "edit"]);
  });

  it("offers the author only editing and archiving while in review", () => {
    expect(availableActions("IN_REVIEW", { role: "SECURITY_LEAD", isAuthor: true })).toEqual(["archive", "edit"]);
  });

  it("offers a contributor a new revision of an approved model", () => {
    expect(availableActions("APPROVED", { role: "CONTRIBUTOR", isAuthor: true })).toEqual(["start-revision"]);
  });
});

describe("review capacities", () => {
  it("maps the two lead roles and nobody else", () => {
    const expected: Record<Role, string | null> = {
      OWNER: null,
      ADMIN: null,
      SECURITY_LEAD: "SECURITY",
      TECH_LEAD: "TECH_LEAD",
      CONTRIBUTOR: null,
      VIEWER: null,
    };
    for (const role of ROLES) expect(reviewCapacityOf(role), role).toBe(expected[role]);
    expect(CAPACITY_LABELS).toEqual({ SECURITY: "Security", TECH_LEAD: "Tech lead" });
  });
});

describe("approvalState", () => {
  const record = (capacity: ApprovalRecord["capacity"], over: Partial<ApprovalRecord> = {}): ApprovalRecord => ({
    reviewerId: `u-${capacity}`,
    capacity,
    decision: "APPROVED",
    withdrawn: false,
    ...over,
  });

  it("is incomplete with no approvals", () => {
    expect(approvalState([])).toEqual({ approvedBy: [], missing: ["SECURITY", "TECH_LEAD"], complete: false });
  });

  it("is incomplete with only one capacity, even approved twice", () => {
    expect(approvalState([record("TECH_LEAD"), record("TECH_LEAD", { reviewerId: "other" })])).toEqual({
      approvedBy: ["TECH_LEAD"],
      missing: ["SECURITY"],
      complete: false,
    });
  });

  it("is complete when both capacities approved, in capacity order whatever the input order", () => {
    expect(approvalState([record("TECH_LEAD"), record("SECURITY")])).toEqual({
      approvedBy: ["SECURITY", "TECH_LEAD"],
      missing: [],
      complete: true,
    });
  });

  it("ignores withdrawn approvals", () => {
    expect(approvalState([record("SECURITY", { withdrawn: true }), record("TECH_LEAD")])).toEqual({
      approvedBy: ["TECH_LEAD"],
      missing: ["SECURITY"],
      complete: false,
    });
  });

  it("does not count a request for changes as an approval", () => {
    expect(approvalState([record("SECURITY", { decision: "CHANGES_REQUESTED" }), record("TECH_LEAD")]).complete).toBe(false);
  });
});

describe("signOffState and signOffStillNeeded", () => {
  const record = (capacity: ApprovalRecord["capacity"]): ApprovalRecord => ({ reviewerId: `u-${capacity}`, capacity, decision: "APPROVED", withdrawn: false });
  const blocker = { threatId: "t1", title: "Forged webhook", category: "SPOOFING" as const, reason: "Critical threat" };

  it("is complete only when both capacities approved and no blocker remains", () => {
    expect(signOffState([record("SECURITY"), record("TECH_LEAD")], [])).toEqual({
      approvedBy: ["SECURITY", "TECH_LEAD"],
      missing: [],
      blockers: 0,
      complete: true,
    });
    expect(signOffState([record("SECURITY"), record("TECH_LEAD")], [blocker]).complete).toBe(false);
    expect(signOffState([record("TECH_LEAD")], []).complete).toBe(false);
  });

  it("says what is still needed, whichever is missing", () => {
    expect(signOffStillNeeded(signOffState([], [blocker, blocker]))).toBe(
      "Still needed for approval: an approval as Security and one as Tech lead, and 2 blockers resolved.",
    );
    expect(signOffStillNeeded(signOffState([record("TECH_LEAD")], [blocker]))).toBe(
      "Still needed for approval: an approval as Security and 1 blocker resolved.",
    );
    expect(signOffStillNeeded(signOffState([record("SECURITY")], []))).toBe("Still needed for approval: an approval as Tech lead.");
    expect(signOffStillNeeded(signOffState([record("SECURITY"), record("TECH_LEAD")], [blocker]))).toBe(
      "Both leads have approved this revision. Still needed for its approval: 1 blocker resolved.",
    );
    expect(signOffStillNeeded(signOffState([record("SECURITY"), record("TECH_LEAD")], []))).toBeNull();
  });
});

describe("approvalBlockers", () => {
  const today = "2026-06-15";
  const threat = (over: Partial<GateThreat> = {}): GateThreat => ({
    id: "t1",
    title: "Stolen JWT allows user impersonation",
    category: "SPOOFING",
    priority: "CRITICAL",
    mitigationStatuses: [],
    acceptances: [],
    ...over,
  });

  it("blocks a Critical threat with nothing done, naming it", () => {
    expect(approvalBlockers([threat()], today)).toEqual([
      {
        threatId: "t1",
        title: "Stolen JWT allows user impersonation",
        category: "SPOOFING",
        reason: "Critical threat: it has no mitigation, and no residual risk is accepted.",
      },
    ]);
  });

  it("is cleared by one implemented mitigation", () => {
    expect(approvalBlockers([threat({ mitigationStatuses: ["PLANNED", "IMPLEMENTED"] })], today)).toEqual([]);
  });

  it("is not cleared by planned or in-progress mitigations", () => {
    const blockers = approvalBlockers([threat({ mitigationStatuses: ["PLANNED", "IN_PROGRESS", "NOT_STARTED"] })], today);
    expect(blockers).toHaveLength(1);
    expect(blockers[0]!.reason).toBe(
      "Critical threat: no mitigation is implemented yet (Planned, In progress, Not started), and no residual risk is accepted.",
    );
  });

  it("is cleared by an accepted residual risk that has not expired, including on its review date", () => {
    expect(approvalBlockers([threat({ acceptances: [{ status: "ACCEPTED", reviewDate: "2026-09-01" }] })], today)).toEqual([]);
    expect(approvalBlockers([threat({ acceptances: [{ status: "ACCEPTED", reviewDate: today }] })], today)).toEqual([]);
  });

  it("is not cleared by an expired acceptance", () => {
    const blockers = approvalBlockers([threat({ acceptances: [{ status: "ACCEPTED", reviewDate: "2026-06-14" }] })], today);
    expect(blockers.map((b) => b.reason)).toEqual([
      "Critical threat: it has no mitigation, and its accepted residual risk has expired (review date 2026-06-14).",
    ]);
  });

  it("is not cleared by a proposed or rejected acceptance", () => {
    const proposed = approvalBlockers([threat({ acceptances: [{ status: "PROPOSED", reviewDate: "2026-09-01" }] })], today);
    expect(proposed.map((b) => b.reason)).toEqual([
      "Critical threat: it has no mitigation, and its residual risk is proposed but not yet accepted by a security lead.",
    ]);
    const rejected = approvalBlockers([threat({ acceptances: [{ status: "REJECTED", reviewDate: "2026-09-01" }] })], today);
    expect(rejected.map((b) => b.reason)).toEqual(["Critical threat: it has no mitigation, and its residual risk was rejected."]);
  });

  it("is cleared by a valid acceptance next to an expired one", () => {
    const acceptances = [
      { status: "ACCEPTED" as const, reviewDate: "2026-01-01" },
      { status: "ACCEPTED" as const, reviewDate: "2026-12-01" },
    ];
    expect(approvalBlockers([threat({ acceptances })], today)).toEqual([]);
  });

  it.each(["HIGH", "MEDIUM", "LOW"] as const)("never blocks on a %s threat, however open", (priority) => {
    expect(approvalBlockers([threat({ priority, acceptances: [{ status: "ACCEPTED", reviewDate: "2020-01-01" }] })], today)).toEqual([]);
  });

  it("lists every blocking threat in the order given and skips the cleared ones", () => {
    const threats = [
      threat({ id: "a", title: "A" }),
      threat({ id: "b", title: "B", mitigationStatuses: ["IMPLEMENTED"] }),
      threat({ id: "c", title: "C", category: "TAMPERING", mitigationStatuses: ["PLANNED"] }),
      threat({ id: "d", title: "D", priority: "HIGH" }),
    ];
    expect(approvalBlockers(threats, today).map((b) => [b.threatId, b.category])).toEqual([
      ["a", "SPOOFING"],
      ["c", "TAMPERING"],
    ]);
  });
});

describe("nextVersion", () => {
  it.each([
    ["1.0.0", "minor", "1.1.0"],
    ["1.4.2", "minor", "1.5.0"],
    ["1.4.2", "major", "2.0.0"],
    ["0.1.0", "minor", "0.2.0"],
    ["0.1.0", "major", "1.0.0"],
    ["1.9.0", "minor", "1.10.0"],
    ["9.99.1", "major", "10.0.0"],
    // Read leniently: a missing part is 0, a leading "v", white space and a suffix are dropped.
    ["0.1", "minor", "0.2.0"],
    ["0.1", "major", "1.0.0"],
    ["2", "minor", "2.1.0"],
    ["v1.2.3", "minor", "1.3.0"],
    [" 1.2.3 ", "major", "2.0.0"],
    ["1.2.3-draft", "minor", "1.3.0"],
  ] as const)("%j, %s step → %s", (version, step, next) => {
    expect(nextVersion(version, step)).toBe(next);
  });

  it.each(["", "draft", "1.2.3.4", "1..2", "one.two", "-1.0.0"])("refuses %j with a message the user can act on", (version) => {
    expect(parseVersion(version)).toBeNull();
    expect(() => nextVersion(version, "minor")).toThrow(InvalidInputError);
    expect(() => nextVersion(version, "minor")).toThrow(/is not like 1\.0\.0/);
  });
});

describe("review dates", () => {
  it.each([
    ["2026-11-30T10:00:00.000Z", 3, "2027-02-28"],
    ["2027-11-30T10:00:00.000Z", 3, "2028-02-29"],
    ["2026-01-15T00:00:00.000Z", 3, "2026-04-15"],
    ["2026-08-31T12:00:00.000Z", 1, "2026-09-30"],
    ["2026-10-15T08:00:00.000Z", 12, "2027-10-15"],
  ] as const)("approved at %s, every %d months: next review %s", (approvedAt, months, expected) => {
    expect(nextReviewDate(new Date(approvedAt), months)).toBe(expected);
  });

  it("counts from the approval's UTC day, whatever the time of day", () => {
    expect(nextReviewDate(new Date("2026-03-31T23:59:59.999Z"), 3)).toBe("2026-06-30");
    expect(nextReviewDate(new Date("2026-04-01T00:00:00.000Z"), 3)).toBe("2026-07-01");
  });

  it("refuses an interval that is not a whole number of months", () => {
    expect(() => nextReviewDate(new Date("2026-01-01T00:00:00Z"), 0)).toThrow(RangeError);
    expect(() => nextReviewDate(new Date("2026-01-01T00:00:00Z"), 1.5)).toThrow(RangeError);
  });
});
