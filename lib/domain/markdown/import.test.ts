import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUTH_SERVICE_MODEL } from "@/lib/demo/models";
import type { ThreatModelDocument } from "../model-document";
import { STRIDE_CATEGORIES } from "../threat-model";
import { exportMarkdown } from "./export";
import { importMarkdown } from "./import";
import { comparableDocument, withoutLayout } from "@/tests/helpers/comparable-document";
import { spoofingTable } from "@/tests/helpers/markdown";
import { readSeed, SEED_EXAMPLE, SEED_TEMPLATE, TEMPLATE_THREATS_PER_CATEGORY } from "@/tests/helpers/seeds";

function perCategory(doc: ThreatModelDocument) {
  return Object.fromEntries(STRIDE_CATEGORIES.map((c) => [c, doc.threats.filter((t) => t.category === c).length]));
}
function perStatus(doc: ThreatModelDocument) {
  const counts: Record<string, number> = {};
  for (const m of doc.mitigations) counts[m.status] = (counts[m.status] ?? 0) + 1;
  return counts;
}
function titlesOf(doc: ThreatModelDocument, keys: string[]) {
  return keys.map((key) => doc.mitigations.find((m) => m.key === key)?.title);
}
const MOJIBAKE = /Ã|â€|âœ|ðŸ/;

describe("importMarkdown: the filled-in example (list form, double-encoded)", () => {
  const result = importMarkdown(readSeed(SEED_EXAMPLE));
  const doc = result.document;

  it("repairs the encoding and leaves no damaged text", () => {
    expect(result.repairedEncoding).toBe(true);
    expect(JSON.stringify(doc)).not.toMatch(MOJIBAKE);
    expect(JSON.stringify(result.warnings)).not.toMatch(MOJIBAKE);
  });

  it("reads the front matter, the purpose and the review footer", () => {
    expect(doc.title).toBe("Threat Model");
    expect(doc.version).toBe("1.0.0");
    expect(doc.ownerTeam).toBe("Security Team");
    expect(doc.category).toBe("Security & Compliance");
    expect(doc.nextReviewDate).toBe("2026-04-12");
    expect(doc.overview).toBe("Identify security threats using STRIDE methodology and document mitigations.");
    // "Active" is no review state of ours: a draft, and the user is told.
    expect(doc.status).toBe("DRAFT");
    expect(result.warnings).toContainEqual({ line: 1, message: expect.stringContaining("“Active”") });
  });

  it("finds the sections the example has", () => {
    expect(result.sections).toEqual(["stride", "attack-scenarios", "security-controls"]);
  });

  it("counts what the example holds", () => {
    expect(perCategory(doc)).toEqual({
      SPOOFING: 1,
      TAMPERING: 1,
      REPUDIATION: 1,
      INFORMATION_DISCLOSURE: 1,
      DENIAL_OF_SERVICE: 1,
      ELEVATION_OF_PRIVILEGE: 1,
    });
    // 28 distinct under the six categories (two repeated there), 7 more only named by scenarios.
    expect(doc.mitigations).toHaveLength(35);
    expect(perStatus(doc)).toEqual({ IMPLEMENTED: 31, PLANNED: 2, IN_PROGRESS: 2 });
    expect(doc.attackScenarios).toHaveLength(3);
    expect(doc.securityControls).toHaveLength(10);
    expect(doc.strideAssessments).toHaveLength(6);
    expect(doc.assets).toHaveLength(0);
    expect(doc.trustBoundaries).toHaveLength(0);
    expect(doc.securityInvariants).toHaveLength(0);
    expect(doc.residualRisks).toHaveLength(0);
  });

  it("reads each category's threat, vectors, mitigations and residual risk as the demo entered them", () => {
    for (const expected of AUTH_SERVICE_MODEL.threats) {
      const threat = doc.threats.find((t) => t.category === expected.category)!;
      expect(threat.title).toBe(expected.title);
      expect(threat.attackVectors).toEqual(expected.attackVectors);
      expect(threat.residualRisk).toBe(expected.residualRisk);
      expect(threat.residualRiskJustification).toBe(expected.residualRiskJustification);
      const demoTitles = expected.mitigationKeys.map((key) => AUTH_SERVICE_MODEL.mitigations.find((m) => m.key === key)!.title);
      expect(titlesOf(doc, threat.mitigationKeys)).toEqual(demoTitles);
    }
    expect(doc.strideAssessments).toEqual(AUTH_SERVICE_MODEL.strideAssessments);
    // The example gives no likelihood or impact per category: Medium, and a warning per threat.
    expect(doc.threats.every((t) => t.likelihood === "MEDIUM" && t.impact === "MEDIUM" && t.priority === "MEDIUM")).toBe(true);
    expect(result.warnings.filter((w) => w.message.includes("gives no likelihood or impact"))).toHaveLength(6);
  });

  it("maps status markers and words, and deduplicates mitigations by title", () => {
    const byTitle = (title: string) => doc.mitigations.filter((m) => m.title === title);
    expect(byTitle("Device trust")).toMatchObject([{ status: "PLANNED" }]); // 🔄 … (planned)
    expect(byTitle("DDoS protection (CDN)")).toMatchObject([{ status: "PLANNED" }]); // (CDN, planned)
    expect(byTitle("ABAC policies")).toMatchObject([{ status: "IN_PROGRESS" }]);
    expect(byTitle("Risk-based authentication")).toMatchObject([{ status: "IN_PROGRESS" }]);
    expect(byTitle("JWT signature verification (RS256)")).toHaveLength(1);
    expect(byTitle("Immutable audit logs")).toHaveLength(1);
    const jwt = byTitle("JWT signature verification (RS256)")[0]!.key;
    expect(doc.threats.filter((t) => t.mitigationKeys.includes(jwt)).map((t) => t.category)).toEqual(["SPOOFING", "TAMPERING"]);
    expect(new Set(doc.mitigations.map((m) => m.key)).size).toBe(doc.mitigations.length);
  });

  it("reads the attack scenarios, linking their mitigations to the listed ones", () => {
    expect(doc.attackScenarios.map(({ title, description, likelihood, impact }) => ({ title, description, likelihood, impact }))).toEqual(
      AUTH_SERVICE_MODEL.attackScenarios.map(({ title, description, likelihood, impact }) => ({ title, description, likelihood, impact })),
    );
    expect(titlesOf(doc, doc.attackScenarios[0]!.mitigationKeys)).toEqual([
      "Rate limiting (5 req/min per IP)",
      "Account lockout (5 failed attempts)",
      "MFA enforcement",
      "Risk-based authentication",
    ]);
    expect(titlesOf(doc, doc.attackScenarios[1]!.mitigationKeys)).toEqual([
      "Session fingerprinting (IP, User-Agent)",
      "HTTPS only",
      "Short-lived access tokens (15 min)",
      "Refresh token rotation",
    ]);
  });

  it("reads the security controls exactly as the demo entered them", () => {
    expect(doc.securityControls).toEqual(AUTH_SERVICE_MODEL.securityControls);
  });

  it("gives every warning a line", () => {
    expect(result.warnings.length).toBeGreaterThan(0);
    for (const warning of result.warnings) expect(warning.line).toEqual(expect.any(Number));
  });
});

describe("importMarkdown: the team template (table form, placeholders)", () => {
  const result = importMarkdown(readSeed(SEED_TEMPLATE));
  const doc = result.document;

  it("finds every template section", () => {
    expect(result.repairedEncoding).toBe(false);
    expect(result.sections).toEqual([
      "feature-overview",
      "architecture",
      "trust-boundaries",
      "assets",
      "stride",
      "risk-summary",
      "mitigations",
      "security-invariants",
      "residual-risks",
      "review-approval",
    ]);
  });

  it("imports no placeholder as data", () => {
    const json = JSON.stringify(doc);
    for (const placeholder of [
      "[threat]",
      "[N]",
      "[Other assets]",
      "[mitigation]",
      "[Name from PRD.md]",
      "[name]",
      "[date]",
      "NNN",
      "[role]",
      "[Topic]",
      "[Your Service]",
    ]) {
      expect(json).not.toContain(placeholder);
    }
    expect(doc.featureName).toBe("");
    expect(doc.systemDiagramRef).toBe("");
    expect(doc.scopeIn).toBe("");
    expect(doc.architecture).toBe("");
    expect(doc.attackScenarios).toHaveLength(0);
    expect(doc.securityControls).toHaveLength(0);
    expect(doc.securityInvariants).toHaveLength(0);
    expect(doc.residualRisks).toHaveLength(0);
    expect(doc.title).toBe("Threat Model");
    expect(result.warnings).toContainEqual({ line: 1, message: expect.stringContaining("still the template's placeholder") });
    expect(result.warnings).toContainEqual({ line: 18, message: "The template's example diagram was not imported." });
    // Placeholder approvals and "[N]" counts are not approvals or counts: nothing to warn about.
    expect(result.warnings.some((w) => /approval|risk summary/i.test(w.message))).toBe(false);
  });

  it("imports the template's example rows", () => {
    expect(doc.trustBoundaries).toHaveLength(4);
    expect(doc.trustBoundaries[0]).toEqual({ name: "Internet → API", description: "Public internet to your API", crossing: "HTTP requests, user input" });
    expect(doc.assets.map((a) => a.classification)).toEqual(["RESTRICTED", "CONFIDENTIAL", "RESTRICTED", "RESTRICTED"]);
    expect(perCategory(doc)).toEqual(TEMPLATE_THREATS_PER_CATEGORY);
    // Three tracked rows plus one mitigation cell per threat, none started.
    expect(doc.mitigations).toHaveLength(19);
    expect(perStatus(doc)).toEqual({ NOT_STARTED: 19 });
    expect(doc.mitigations.slice(0, 3).map((m) => [m.title, m.taskRef, m.implementedIn])).toEqual([
      ["JWT short expiry (15min)", "", ""],
      ["IDOR ownership check", "", ""],
      ["Rate limiting on login", "", ""],
    ]);
  });

  it("keeps a priority written differently from the matrix, saying so", () => {
    const stolen = doc.threats.find((t) => t.title === "Stolen JWT allows user impersonation")!;
    expect(stolen).toMatchObject({ likelihood: "HIGH", impact: "HIGH", priority: "CRITICAL", priorityOverrideReason: null });
    const confusion = doc.threats.find((t) => t.title === "JWT algorithm confusion attack")!;
    expect(confusion).toMatchObject({ likelihood: "LOW", impact: "HIGH", priority: "HIGH", priorityOverrideReason: "Imported as written" });
    expect(doc.threats.filter((t) => t.priorityOverrideReason)).toHaveLength(1);
  });
});

describe("importMarkdown: other shapes", () => {
  it("reads statuses in all their spellings", () => {
    const md = [
      "## Mitigations Implemented",
      "",
      "| Mitigation | Status | Task ID | Implemented in |",
      "|---|---|---|---|",
      "| A | ✅ Implemented | T-1 | v1.2 |",
      "| B | 🔄 In Progress | | |",
      "| C | 📋 Planned | | |",
      "| D | NOT_STARTED | | — |",
      "| E | IN_PROGRESS | | |",
      "| F | done | | |",
    ].join("\n");
    const { document } = importMarkdown(md);
    expect(document.mitigations.map((m) => [m.title, m.status])).toEqual([
      ["A", "IMPLEMENTED"],
      ["B", "IN_PROGRESS"],
      ["C", "PLANNED"],
      ["D", "NOT_STARTED"],
      ["E", "IN_PROGRESS"],
      ["F", "IMPLEMENTED"],
    ]);
    expect(document.mitigations[0]).toMatchObject({ taskRef: "T-1", implementedIn: "v1.2" });
  });

  it("reads security invariants as written (full stop included), residual risks, and warns about approvals and a wrong risk summary", () => {
    const md = [
      "---",
      "title: Payments",
      "status: in review",
      "---",
      "",
      ...spoofingTable(["| Forged webhook | H | H | | Verify signature |"]),
      "",
      "## 6. Risk Summary",
      "",
      "| Priority | Count | Must fix before? |",
      "|---|---|---|",
      "| Critical | 2 | Feature ships |",
      "| High | 0 | |",
      "",
      "## 8. Security Invariants",
      "",
      "```",
      "Article 7 — Webhook authenticity",
      "WHEN a webhook arrives",
      "THE SYSTEM SHALL verify its signature before reading the body.",
      "",
      "Article 8 — Replays",
      "WHEN an event id was processed before",
      "THE SYSTEM SHALL ignore it.",
      "```",
      "",
      "## 9. Residual Risks",
      "",
      "| Threat | Why accepted | Risk owner | Review date |",
      "|---|---|---|---|",
      "| Forged webhook | Provider outage fallback | Payments lead | 2026-09-01 |",
      "",
      "## 10. Review & Approval",
      "",
      "| Role | Name | Status | Date |",
      "|---|---|---|---|",
      "| Security | Dana | APPROVED | 2026-01-10 |",
      "| Tech Lead | [name] | [APPROVED / PENDING] | [date] |",
      "",
      "**Next Review**: 2026-07-01",
    ].join("\n");
    const { document, warnings } = importMarkdown(md);
    expect(document.status).toBe("IN_REVIEW");
    expect(document.nextReviewDate).toBe("2026-07-01");
    expect(document.threats).toMatchObject([{ title: "Forged webhook", priority: "CRITICAL", priorityOverrideReason: null }]);
    expect(document.securityInvariants).toEqual([
      { article: 7, topic: "Webhook authenticity", condition: "a webhook arrives", requirement: "verify its signature before reading the body." },
      { article: 8, topic: "Replays", condition: "an event id was processed before", requirement: "ignore it." },
    ]);
    expect(document.residualRisks).toEqual([
      { threatTitle: "Forged webhook", reason: "Provider outage fallback", riskOwner: "Payments lead", reviewDate: "2026-09-01" },
    ]);
    expect(warnings).toContainEqual({ line: 18, message: expect.stringContaining("counts 2 critical-priority threats, but the file lists 1") });
    expect(warnings).toContainEqual({ line: 43, message: expect.stringContaining("One approval in the file was not imported") });
    expect(warnings.some((w) => w.message.includes("high-priority"))).toBe(false);
  });

  it("reads an earlier export, numbered before its sections took the template's numbers (Attack scenarios 6th), as the same model", () => {
    const earlier = fs.readFileSync(path.resolve(import.meta.dirname, "../../../tests/fixtures/markdown/auth-service-earlier-numbering.md"), "utf8");
    expect(earlier).toContain("\n## 6. Attack Scenarios\n");
    expect(earlier).toContain("\n## 8. Risk Summary\n");
    const before = importMarkdown(earlier);
    const now = importMarkdown(exportMarkdown(AUTH_SERVICE_MODEL));
    expect(before.warnings.filter((w) => !/approv|sign-off/i.test(w.message))).toEqual([]);
    // The earlier export was written before the model had a diagram.
    const undrawn = (doc: ThreatModelDocument) => withoutLayout(comparableDocument({ ...doc, diagrams: [] }));
    expect(undrawn(before.document)).toEqual(undrawn(now.document));
    expect(undrawn(before.document)).toEqual(undrawn(AUTH_SERVICE_MODEL));
    expect(new Set(before.sections)).toEqual(new Set(now.sections));
  });

  it("reads unnumbered headings and sections written one level deeper", () => {
    const md = [
      "# Threat Model: Uploads",
      "",
      "### STRIDE",
      "",
      "#### Tampering",
      "",
      "**Threat**: Upload replaced",
      "",
      "**Likelihood**: Low",
      "**Impact**: Critical",
    ].join("\n");
    const { document } = importMarkdown(md);
    expect(document.title).toBe("Threat Model: Uploads");
    expect(document.threats).toMatchObject([
      { category: "TAMPERING", title: "Upload replaced", likelihood: "LOW", impact: "CRITICAL", priority: "HIGH", priorityOverrideReason: null },
    ]);
  });

  it("warns about unknown sections and skips them, with their line", () => {
    const { warnings, document } = importMarkdown(
      "## 1. Feature Overview\n\n**Feature being modeled:** Search\n\n## 2. Glossary\n\n| Threat | X |\n|---|---|\n| a | b |\n",
    );
    expect(document.featureName).toBe("Search");
    expect(document.threats).toHaveLength(0);
    expect(warnings).toContainEqual({ line: 5, message: expect.stringContaining("“2. Glossary” is not part of the threat-model template") });
  });

  it("returns an empty document with a warning for text that is no threat model", () => {
    for (const input of ["", "hello", "\u0000\u0001\uFFFF", "---\n: : :\n---\n"]) {
      const result = importMarkdown(input);
      expect(result.document.threats).toEqual([]);
      expect(result.warnings.length).toBeGreaterThan(0);
      for (const warning of result.warnings) expect(warning.line).toEqual(expect.any(Number));
    }
  });
});
