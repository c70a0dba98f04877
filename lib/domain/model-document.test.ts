import { describe, expect, it } from "vitest";
import { AUTH_SERVICE_MODEL, DEMO_SMALL_MODELS } from "@/lib/demo/models";
import { emptyDocument, ROW_SECTIONS, ZThreatModelDocument } from "./model-document";
import { templateStartDocument } from "./template-start-document";

describe("ZThreatModelDocument", () => {
  it("accepts every document ThreatDesk itself writes: the demo's, a blank one, the template's start", () => {
    for (const doc of [AUTH_SERVICE_MODEL, ...DEMO_SMALL_MODELS, emptyDocument("Blank"), templateStartDocument("Checkout", "One-click", "Payments")]) {
      expect(ZThreatModelDocument.safeParse(doc).error?.issues ?? []).toEqual([]);
    }
  });

  it("refuses a field that is not part of a document", () => {
    expect(ZThreatModelDocument.safeParse({ ...emptyDocument("Blank"), severity: "High" }).success).toBe(false);
  });

  it("starts empty with every section present", () => {
    const doc = emptyDocument("Blank");
    for (const section of ROW_SECTIONS) expect(doc[section]).toEqual([]);
    // Diagrams and dismissals are absent from documents written before they existed, and from an empty one.
    const optional = ["diagrams", "suggestionDismissals"];
    expect(Object.keys(doc).sort()).toEqual(
      Object.keys(ZThreatModelDocument.shape)
        .filter((k) => !optional.includes(k))
        .sort(),
    );
  });
});
