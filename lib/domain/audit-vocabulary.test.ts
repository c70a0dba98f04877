import { describe, expect, it } from "vitest";
import type { AuditInput } from "@/lib/data/audit";
import {
  AUDIT_ACTIONS,
  AUDIT_ACTION_LABELS,
  AUDIT_TARGET_TYPES,
  auditActionLabel,
  auditTargetLabel,
  isAuditAction,
  type AuditAction,
  type AuditTargetType,
} from "./audit-vocabulary";

describe("audit vocabulary", () => {
  it("gives every action and target type a label of its own", () => {
    expect(AUDIT_ACTIONS).toContain("threat-model.edited");
    expect(AUDIT_TARGET_TYPES).toContain("threat-model");
    for (const action of AUDIT_ACTIONS) expect(auditActionLabel(action)).not.toBe(action);
    expect(new Set(Object.values(AUDIT_ACTION_LABELS)).size).toBe(AUDIT_ACTIONS.length);
    expect(auditTargetLabel("invite")).toBe("Invitation");
    expect(auditTargetLabel("threat-library-entry")).toBe("Threat library entry");
  });

  it("shows a stored name that is not in the list as it was recorded", () => {
    expect(isAuditAction("review.approved")).toBe(true);
    expect(isAuditAction("model.delete")).toBe(false);
    expect(isAuditAction("constructor")).toBe(false);
    expect(auditActionLabel("model.delete")).toBe("model.delete");
    expect(auditTargetLabel("risk_entry")).toBe("Risk entry");
  });

  it("is what writers of audit events are checked against", () => {
    const action: AuditInput["action"] = "member.added" satisfies AuditAction;
    const targetType: AuditInput["targetType"] = "membership" satisfies AuditTargetType;
    // @ts-expect-error an action outside the vocabulary does not type-check
    const unknownAction: AuditInput["action"] = "model.delete";
    // @ts-expect-error nor does a target type outside it
    const unknownTarget: AuditInput["targetType"] = "spreadsheet";
    expect([action, targetType, unknownAction, unknownTarget]).toHaveLength(4);
  });
});
