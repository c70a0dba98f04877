import { describe, expect, it } from "vitest";
import { THREAT_MODEL_STATUSES } from "./threat-model";
import { checkTransition } from "./review";
import {
  ANALYSIS_EDITABLE_STATUSES,
  analysisLockedReason,
  editScope,
  isTrackingField,
  mayEditAnalysis,
  mayEditField,
  trackingEditKeepsApproval,
} from "./tracking";

describe("what may be edited in which status", () => {
  it("draft, in review and changes requested edit everything; approved only tracking; archived nothing", () => {
    expect(THREAT_MODEL_STATUSES.map((s) => [s, editScope(s)])).toEqual([
      ["DRAFT", "everything"],
      ["IN_REVIEW", "everything"],
      ["CHANGES_REQUESTED", "everything"],
      ["APPROVED", "tracking"],
      ["ARCHIVED", "nothing"],
    ]);
    expect(ANALYSIS_EDITABLE_STATUSES).toEqual(["DRAFT", "IN_REVIEW", "CHANGES_REQUESTED"]);
    expect(THREAT_MODEL_STATUSES.filter(mayEditAnalysis)).toEqual(ANALYSIS_EDITABLE_STATUSES);
  });

  it("a mitigation's status, ticket, implemented in, owner and due date are tracking; its title and notes are analysis", () => {
    for (const field of ["status", "taskRef", "implementedIn", "ownerId", "dueDate"]) {
      expect(isTrackingField("mitigations", field)).toBe(true);
      expect(mayEditField("APPROVED", "mitigations", field)).toBe(true);
      expect(mayEditField("ARCHIVED", "mitigations", field)).toBe(false);
    }
    for (const field of ["title", "description", "position"]) {
      expect(isTrackingField("mitigations", field)).toBe(false);
      expect(mayEditField("APPROVED", "mitigations", field)).toBe(false);
      expect(mayEditField("DRAFT", "mitigations", field)).toBe(true);
    }
  });

  it("nothing outside mitigations is tracking, not even a security control's status", () => {
    expect(isTrackingField("controls", "status")).toBe(false);
    expect(isTrackingField("threats", "dueDate")).toBe(false);
    expect(isTrackingField("fields", "nextReviewDate")).toBe(false);
    expect(mayEditField("APPROVED", "controls", "status")).toBe(false);
    expect(mayEditField("IN_REVIEW", "controls", "status")).toBe(true);
  });

  it("says why the analysis is locked, and a tracking edit keeps only an approval", () => {
    expect(analysisLockedReason("DRAFT")).toBeNull();
    expect(analysisLockedReason("APPROVED")).toMatch(/approved.*analysis is locked.*Mitigation tracking/);
    expect(analysisLockedReason("ARCHIVED")).toMatch(/archived/);
    expect(THREAT_MODEL_STATUSES.filter(trackingEditKeepsApproval)).toEqual(["APPROVED"]);
  });
});

describe("may edit: one rule, one message", () => {
  it("the review workflow's edit transition and the editor's lock agree on every status, in the same words", () => {
    for (const status of THREAT_MODEL_STATUSES) {
      const verdict = checkTransition("edit", status, { role: "CONTRIBUTOR", isAuthor: true });
      expect(verdict.allowed, status).toBe(mayEditAnalysis(status));
      expect(verdict.allowed ? null : verdict.reason, status).toBe(analysisLockedReason(status));
    }
  });
});
