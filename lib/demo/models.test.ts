import { describe, expect, it } from "vitest";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import { suggestPriority } from "@/lib/domain/priority";
import { STRIDE_CATEGORIES } from "@/lib/domain/threat-model";
import { AUTH_SERVICE_MODEL, DEMO_SMALL_MODELS } from "./models";

const ALL_MODELS: ThreatModelDocument[] = [AUTH_SERVICE_MODEL, ...DEMO_SMALL_MODELS];

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === "object") for (const v of Object.values(value)) strings(v, out);
  return out;
}

describe("AUTH_SERVICE_MODEL", () => {
  it("has one threat per STRIDE category", () => {
    expect(AUTH_SERVICE_MODEL.threats).toHaveLength(6);
    expect(AUTH_SERVICE_MODEL.threats.map((t) => t.category).sort()).toEqual([...STRIDE_CATEGORIES].sort());
  });

  it("has the example's mitigations, scenarios, controls and assessments", () => {
    expect(AUTH_SERVICE_MODEL.mitigations).toHaveLength(33);
    expect(AUTH_SERVICE_MODEL.attackScenarios).toHaveLength(3);
    expect(AUTH_SERVICE_MODEL.securityControls).toHaveLength(10);
    expect(AUTH_SERVICE_MODEL.strideAssessments).toHaveLength(6);
    expect(AUTH_SERVICE_MODEL.strideAssessments.map((s) => s.category).sort()).toEqual([...STRIDE_CATEGORIES].sort());
  });

  it("shares mitigations that the example lists under several categories", () => {
    const usedBy = (key: string) => AUTH_SERVICE_MODEL.threats.filter((t) => t.mitigationKeys.includes(key)).map((t) => t.category);
    expect(usedBy("jwt-signature-verification")).toEqual(["SPOOFING", "TAMPERING"]);
    expect(usedBy("immutable-audit-logs")).toEqual(["TAMPERING", "REPUDIATION"]);
    const titles = AUTH_SERVICE_MODEL.mitigations.map((m) => m.title);
    expect(new Set(titles).size).toBe(titles.length);
  });
});

describe("demo models", () => {
  it("contain no mojibake", () => {
    for (const model of ALL_MODELS) {
      for (const s of strings(model)) expect(s, model.title).not.toMatch(/[âðÃÂ]/);
    }
  });

  it("reference only mitigations that exist", () => {
    for (const model of ALL_MODELS) {
      const keys = new Set(model.mitigations.map((m) => m.key));
      const referenced = [...model.threats, ...model.attackScenarios].flatMap((x) => x.mitigationKeys);
      for (const key of referenced) expect(keys.has(key), `${model.title}: ${key}`).toBe(true);
    }
  });

  it("have unique mitigation keys per model", () => {
    for (const model of ALL_MODELS) {
      const keys = model.mitigations.map((m) => m.key);
      expect(new Set(keys).size, model.title).toBe(keys.length);
    }
  });

  it("derive each priority from likelihood and impact unless overridden with a reason", () => {
    for (const model of ALL_MODELS) {
      for (const t of model.threats) {
        if (t.priorityOverrideReason) continue;
        expect(t.priority, `${model.title}: ${t.title}`).toBe(suggestPriority(t.likelihood, t.impact));
      }
    }
    const overridden = ALL_MODELS.flatMap((m) => m.threats).filter((t) => t.priorityOverrideReason);
    expect(overridden.length).toBeGreaterThan(0);
    for (const t of overridden) expect(t.priority).not.toBe(suggestPriority(t.likelihood, t.impact));
  });

  it("name an existing threat in every residual risk proposal", () => {
    for (const model of ALL_MODELS) {
      const titles = new Set(model.threats.map((t) => t.title));
      for (const r of model.residualRisks) expect(titles.has(r.threatTitle), r.threatTitle).toBe(true);
    }
  });
});
