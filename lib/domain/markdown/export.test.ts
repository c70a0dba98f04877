import { describe, expect, it } from "vitest";
import { AUTH_SERVICE_MODEL, DEMO_SMALL_MODELS } from "@/lib/demo/models";
import type { ThreatModelDocument } from "../model-document";
import { suggestPriority } from "../priority";
import { TEMPLATE_SECTIONS } from "../team-template";
import { exportMarkdown } from "./export";
import { importMarkdown } from "./import";
import { comparableDocument, withoutLayout } from "@/tests/helpers/comparable-document";
import { readSeed, SEED_EXAMPLE } from "@/tests/helpers/seeds";

function roundTrip(doc: ThreatModelDocument) {
  const markdown = exportMarkdown(doc);
  const result = importMarkdown(markdown);
  return { markdown, result };
}

/** Every section filled, with text that Markdown would otherwise read differently. */
const AWKWARD: ThreatModelDocument = {
  title: "Payments | Webhooks: *the* `v2` API — ünïcödé ✅ 日本",
  featureName: "Stripe | webhook *receiver* [beta]",
  version: "1.0",
  status: "CHANGES_REQUESTED",
  ownerTeam: "Payments & Risk <team>",
  category: "yes",
  nextReviewDate: "2026-11-30",
  systemDiagramRef: "https://example.com/c4#component | see `docs/arch.md`",
  overview: "First paragraph with **bold**, a | pipe and a \\ backslash.\n\nSecond paragraph:\n\n- a list\n- with *items*",
  scopeIn: "   leading spaces, then text\n## not a heading here",
  scopeOut: "```\ncode the user wrote\n```\n\n~~~\nand tildes\n~~~",
  architecture: "```\nUser Browser\n    |\n    v\n[Your Service] ──> DB\n```",
  dataFlow: "1. one\n2. two\n\n---\n\nafter a rule",
  trustBoundaries: [
    { name: "Internet → API", description: "a | b | c", crossing: "line one\nline two" },
    { name: "`code` & <html>", description: "*stars* and _underscores_ and ~~strike~~", crossing: "  two leading spaces" },
  ],
  assets: [
    { name: "[placeholder-looking] secret", classification: "RESTRICTED", compromiseImpact: "— dash first" },
    { name: "PII\\data", classification: "PUBLIC", compromiseImpact: "" },
  ],
  threats: [
    {
      category: "TAMPERING",
      title: "Replay | with pipe",
      description: "Multi\nline\n\ndescription with `ticks` and | pipes",
      attackVectors: ["Captured request | replay", "Retry *storm*"],
      likelihood: "HIGH",
      impact: "CRITICAL",
      priority: suggestPriority("HIGH", "CRITICAL"),
      priorityOverrideReason: null,
      residualRisk: "VERY_LOW",
      residualRiskJustification: "Idempotency — keys | stored",
      dueDate: "2026-03-01",
      mitigationKeys: ["sig", "idem"],
    },
    {
      category: "SPOOFING",
      title: "Forged webhook",
      description: "",
      attackVectors: [],
      likelihood: "LOW",
      impact: "LOW",
      priority: "CRITICAL",
      priorityOverrideReason: "Regulator | said so",
      residualRisk: null,
      residualRiskJustification: "",
      dueDate: null,
      mitigationKeys: ["sig"],
    },
    {
      category: "TAMPERING",
      title: "#hashtag title ##",
      description: "",
      attackVectors: [],
      likelihood: "MEDIUM",
      impact: "MEDIUM",
      priority: "MEDIUM",
      priorityOverrideReason: null,
      residualRisk: "HIGH",
      residualRiskJustification: "",
      dueDate: null,
      mitigationKeys: [],
    },
  ],
  strideAssessments: [
    { category: "SPOOFING", residualRisk: "LOW", justification: "Signature | checked *always*" },
    { category: "ELEVATION_OF_PRIVILEGE", residualRisk: "CRITICAL", justification: "" },
  ],
  mitigations: [
    {
      key: "sig",
      title: "Verify signature (HMAC, planned)",
      description: "Uses `Stripe-Signature` | header",
      status: "IN_PROGRESS",
      taskRef: "PAY-12",
      implementedIn: "v2.3 | hotfix",
      dueDate: "2026-02-01",
    },
    { key: "idem", title: "Idempotency store", description: "", status: "IMPLEMENTED", taskRef: "", implementedIn: "", dueDate: null },
    {
      key: "unused",
      title: "Not referenced <br> anywhere",
      description: "line\nbreak",
      status: "NOT_STARTED",
      taskRef: "T-[NNN]",
      implementedIn: "—",
      dueDate: null,
    },
    { key: "plan", title: "Quarterly key rotation", description: "", status: "PLANNED", taskRef: "", implementedIn: "", dueDate: null },
  ],
  attackScenarios: [
    {
      title: "1.2 Numbered-looking | scenario",
      description: "Attacker *replays*\nan event",
      likelihood: "MEDIUM",
      impact: "CRITICAL",
      mitigationKeys: ["idem", "plan", "unused"],
    },
    { title: "Quiet one", description: "", likelihood: "LOW", impact: "LOW", mitigationKeys: [] },
  ],
  securityControls: [
    { name: "HMAC | verification", status: "PLANNED", effectiveness: "HIGH" },
    { name: "Rate limiting", status: "NOT_STARTED", effectiveness: "LOW" },
  ],
  securityInvariants: [
    {
      article: 12,
      topic: "Webhook authenticity — `strict`",
      condition: "a webhook arrives\nfrom anywhere",
      requirement: "reject it unless its signature verifies. Really",
    },
  ],
  residualRisks: [{ threatTitle: "Forged webhook", reason: "Provider | outage\nfallback", riskOwner: "Head of Payments", reviewDate: "2026-06-30" }],
};

describe("exportMarkdown", () => {
  it("writes the template's layout and wording", () => {
    const markdown = exportMarkdown(AUTH_SERVICE_MODEL);
    expect(
      markdown.startsWith(
        "---\ntitle: Authentication Service Threat Model\nversion: 1.0.0\nstatus: Approved\nowner: Security Team\ncategory: Security & Compliance\n---\n",
      ),
    ).toBe(true);
    for (const heading of ["### Spoofing (S) — Can an attacker impersonate something or someone?", "### 8.1 Credential Stuffing"]) {
      expect(markdown).toContain(`\n${heading}\n`);
    }
    expect(markdown).toContain("| Boundary | Description | What crosses it |");
    expect(markdown).toContain("| Threat | Likelihood | Impact | Priority | Mitigation |");
    expect(markdown).toContain("| Mitigation | Status | Task ID | Implemented in |");
    expect(markdown).toContain("| High | 4 | Within 7 days of discovery |");
    expect(markdown).toContain("| DDoS Protection | 📋 Planned | Medium |");
    expect(markdown).toContain("- 🔄 Risk-based authentication");
    expect(markdown).toContain("**Next Review**: 2026-04-12");
  });

  it("prints who approved in each capacity and when, as the document view does, and reading them back warns instead of importing them", () => {
    const markdown = exportMarkdown(AUTH_SERVICE_MODEL, {
      review: {
        signOffs: [
          { capacity: "TECH_LEAD", name: "Tess", email: "tess@example.com", decision: "APPROVED", at: "2026-01-11T09:30:00.000Z" },
          { capacity: "SECURITY", name: "Sam | Security", email: null, decision: "APPROVED", at: "2026-01-10T16:00:00.000Z" },
        ],
        riskSignOffs: [],
      },
    });
    expect(markdown).toContain(
      "| Role | Name | Status | Date |\n|---|---|---|---|\n| Security | Sam \\| Security | Approved | 10 Jan 2026 |\n| Tech lead | Tess | Approved | 11 Jan 2026 |\n",
    );
    expect(markdown).not.toMatch(/pending/i);
    const { warnings } = importMarkdown(markdown);
    expect(warnings).toEqual([{ line: expect.any(Number), message: expect.stringContaining("2 approvals in the file were not imported") }]);
  });

  it("shows the capacity still to decide as pending", () => {
    const markdown = exportMarkdown(AUTH_SERVICE_MODEL, {
      review: {
        signOffs: [{ capacity: "SECURITY", name: "Sam", email: null, decision: "CHANGES_REQUESTED", at: "2026-01-10T16:00:00.000Z" }],
        riskSignOffs: [],
      },
    });
    expect(markdown).toContain("| Security | Sam | Changes requested | 10 Jan 2026 |\n| Tech lead |   | Pending |   |\n");
  });

  it("prints each residual risk's sign-off (who, when) beside its review date; an import proposes the risk again and says so", () => {
    const doc: ThreatModelDocument = {
      ...AWKWARD,
      residualRisks: [
        { threatTitle: "Forged webhook", reason: "Provider outage", riskOwner: "Head of Payments", reviewDate: "2027-06-30" },
        { threatTitle: "Replay | with pipe", reason: "Idempotent", riskOwner: "CISO", reviewDate: "2026-01-31" },
        { threatTitle: "#hashtag title ##", reason: "Later", riskOwner: "CISO", reviewDate: "2027-01-31" },
      ],
    };
    const markdown = exportMarkdown(doc, {
      today: "2026-12-01",
      review: {
        signOffs: [],
        riskSignOffs: [
          { status: "ACCEPTED", decidedBy: "Sam Lee", decidedByEmail: "sam@example.com", decidedAt: "2026-11-02T10:00:00.000Z" },
          { status: "ACCEPTED", decidedBy: "Sam Lee", decidedByEmail: null, decidedAt: "2025-12-01T10:00:00.000Z" },
          { status: "PROPOSED", decidedBy: null, decidedByEmail: null, decidedAt: null },
        ],
      },
    });
    expect(markdown).toContain("| Threat | Why accepted | Risk owner | Review date | Sign-off |");
    expect(markdown).toContain("| Forged webhook | Provider outage | Head of Payments | 2027-06-30 | Accepted by Sam Lee on 2 Nov 2026 |");
    expect(markdown).toContain("| 2026-01-31 | Expired: open again until renewed (accepted by Sam Lee on 1 Dec 2025) |");
    expect(markdown).toContain("| 2027-01-31 | Awaiting security lead |");
    const { document, warnings } = importMarkdown(markdown);
    expect(document.residualRisks).toEqual(doc.residualRisks);
    expect(warnings).toEqual([{ line: expect.any(Number), message: expect.stringContaining("2 residual-risk sign-offs in the file were not imported") }]);
  });

  it("writes each mitigation's owner by email and its due date, and reads both back per row", () => {
    const emails = AWKWARD.mitigations.map((_, i) => (i === 0 ? "ada@example.com" : i === 2 ? "bob|pipe@example.com" : null));
    const markdown = exportMarkdown(AWKWARD, { mitigationOwnerEmails: emails });
    expect(markdown).toContain("| Mitigation | Status | Task ID | Implemented in | Owner | Due date | Notes |");
    expect(markdown).toMatch(/\| PAY-12 \| v2\.3 \\\| hotfix \| ada@example\.com \| 2026-02-01 \|/);
    const { document, mitigationOwners } = importMarkdown(markdown);
    expect(comparableDocument(document)).toEqual(comparableDocument(AWKWARD));
    expect(mitigationOwners.map((o) => o?.email ?? null)).toEqual(emails);
    const lines = markdown.split("\n");
    expect(lines[mitigationOwners[0]!.line! - 1]).toContain("ada@example.com");
  });

  it("numbers its sections as the template does, in the template's order, with the sections the template lacks after Mitigations", () => {
    const headings = exportMarkdown(AUTH_SERVICE_MODEL)
      .split("\n")
      .filter((line) => line.startsWith("## "));
    expect(headings).toEqual([
      "## 1. Feature Overview",
      "## 2. System Architecture for This Feature",
      "## 3. Trust Boundaries",
      "## 4. Assets to Protect",
      "## 5. STRIDE Threat Analysis",
      "## 6. Risk Summary",
      "## 7. Mitigations Implemented",
      "## 8. Attack Scenarios",
      "## 9. Security Controls Summary",
      "## 10. Security Invariants Added to CONSTITUTION.md",
      "## 11. Residual Risks",
      "## 12. Review & Approval",
    ]);
  });

  it("writes each section's heading from the template registry, in its order", () => {
    const headings = exportMarkdown(AUTH_SERVICE_MODEL)
      .split("\n")
      .filter((line) => line.startsWith("## "));
    expect(headings).toEqual(TEMPLATE_SECTIONS.map((s) => `## ${s.number}. ${s.heading}`));
  });

  it("reads an owner column of a hand-written tracking table", () => {
    const md =
      "## 7. Mitigations Implemented\n\n| Mitigation | Status | Owner | Due date |\n|---|---|---|---|\n| Rate limiting | Planned | <dana@example.com> | 2027-01-15 |\n| MFA | Done | — | |\n";
    const { document, mitigationOwners } = importMarkdown(md);
    expect(document.mitigations).toMatchObject([
      { title: "Rate limiting", status: "PLANNED", dueDate: "2027-01-15" },
      { title: "MFA", status: "IMPLEMENTED", dueDate: null },
    ]);
    expect(mitigationOwners).toEqual([{ email: "dana@example.com", line: 5 }, null]);
  });

  it("writes an invariant's requirement as it was typed, with no full stop added", () => {
    const doc: ThreatModelDocument = {
      ...AWKWARD,
      securityInvariants: [
        { article: 1, topic: "Webhooks", condition: "a webhook arrives", requirement: "reject it unless its signature verifies." },
        { article: 2, topic: "Replays", condition: "an event repeats", requirement: "ignore it" },
      ],
    };
    const markdown = exportMarkdown(doc);
    expect(markdown).toContain("THE SYSTEM SHALL reject it unless its signature verifies.\n");
    expect(markdown).not.toContain("verifies..");
    expect(markdown).toContain("THE SYSTEM SHALL ignore it\n");
    expect(importMarkdown(markdown).document.securityInvariants).toEqual(doc.securityInvariants);
  });

  it("exports a mitigation's notes under “Notes”, as the editor names them", () => {
    const markdown = exportMarkdown(AWKWARD);
    const tracking = markdown.slice(markdown.indexOf("## 7. Mitigations Implemented"), markdown.indexOf("## 8."));
    expect(tracking).toContain("| Notes |");
    expect(tracking).not.toContain("Description");
    expect(tracking).toContain("Uses \\`Stripe-Signature\\` \\| header");
  });

  it("round-trips the demo's authentication-service model", () => {
    const { result } = roundTrip(AUTH_SERVICE_MODEL);
    expect(result.warnings).toEqual([]);
    expect(withoutLayout(comparableDocument(result.document))).toEqual(withoutLayout(comparableDocument(AUTH_SERVICE_MODEL)));
  });

  it("round-trips every demo model", () => {
    for (const document of DEMO_SMALL_MODELS) {
      const { result } = roundTrip(document);
      expect(withoutLayout(comparableDocument(result.document))).toEqual(withoutLayout(comparableDocument(document)));
    }
  });

  it("round-trips a model using every section with awkward text", () => {
    const { markdown, result } = roundTrip(AWKWARD);
    expect(comparableDocument(result.document)).toEqual(comparableDocument(AWKWARD));
    expect(result.warnings).toEqual([]);
    // Text that would be read as Markdown is written so it is not.
    expect(markdown).toContain("Replay \\| with pipe");
    expect(markdown).toContain("```verbatim\n   leading spaces, then text\n## not a heading here\n```");
  });

  it("round-trips what it imported from the example file", () => {
    const imported = importMarkdown(readSeed(SEED_EXAMPLE)).document;
    const { result } = roundTrip(imported);
    expect(comparableDocument(result.document)).toEqual(comparableDocument(imported));
  });

  it("keeps ownerId out of the file", () => {
    const withOwner: ThreatModelDocument = {
      ...AUTH_SERVICE_MODEL,
      mitigations: AUTH_SERVICE_MODEL.mitigations.map((m) => ({ ...m, ownerId: "user_123" })),
    };
    const { markdown, result } = roundTrip(withOwner);
    expect(markdown).not.toContain("user_123");
    expect(result.document.mitigations.every((m) => m.ownerId === undefined)).toBe(true);
  });

  it("round-trips random text in every free-text field", () => {
    const pieces = [
      "|",
      "\n",
      "*",
      "_",
      "`",
      "``",
      "\\",
      "[",
      "]",
      "<br>",
      "&amp;",
      "#",
      "  ",
      "\t",
      "-",
      "—",
      ">",
      "1.",
      "~~",
      "é",
      "✅",
      "→",
      "a",
      "Word",
      " ",
      "!",
      "(",
      ")",
      ":",
    ];
    let seed = Number(process.env.ROUND_TRIP_SEED ?? 7);
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const text = (min = 1) => {
      let out = "";
      const length = min + Math.floor(random() * 12);
      for (let i = 0; i < length; i++) out += pieces[Math.floor(random() * pieces.length)];
      return out;
    };
    // Titles and list items are trimmed on import (they are names); give them a letter at each end.
    const name = () => `N${text().replace(/\s+/g, " ")}Z`;
    for (let round = 0; round < Number(process.env.ROUND_TRIP_ROUNDS ?? 40); round++) {
      const doc: ThreatModelDocument = {
        ...AWKWARD,
        title: name(),
        featureName: text(),
        systemDiagramRef: text(),
        overview: text(),
        scopeIn: text(),
        dataFlow: text(),
        trustBoundaries: [{ name: name(), description: text(), crossing: text() }],
        threats: [{ ...AWKWARD.threats[0]!, title: name(), description: text(), attackVectors: [name(), name()], residualRiskJustification: text() }],
        mitigations: [
          { ...AWKWARD.mitigations[0]!, title: name(), description: text(), taskRef: text(), implementedIn: text() },
          { ...AWKWARD.mitigations[1]!, title: `${name()}2` },
        ],
        attackScenarios: [{ ...AWKWARD.attackScenarios[0]!, title: name(), description: text(), mitigationKeys: ["sig", "idem"] }],
        residualRisks: [{ threatTitle: name(), reason: text(), riskOwner: text(), reviewDate: text() }],
      };
      const { markdown, result } = roundTrip(doc);
      expect(comparableDocument(result.document), markdown).toEqual(comparableDocument(doc));
    }
    // Forty exports and imports of a whole model: seconds on a busy machine.
  }, 30_000);
});
