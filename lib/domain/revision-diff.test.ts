import { describe, expect, it } from "vitest";
import { newEntity, newFlow, newProcess, newStore } from "./diagram/new-items";
import { emptyDocument, type ThreatModelDocument } from "./model-document";
import { DIFF_SECTIONS, diffDocuments, type RevisionDiff } from "./revision-diff";
import { condenseWordDiff, wordDiff, type WordSegment } from "./word-diff";

function authService(): ThreatModelDocument {
  return {
    ...emptyDocument("Authentication service"),
    featureName: "Sign-in",
    version: "1.0.0",
    status: "APPROVED",
    ownerTeam: "Identity",
    category: "Authentication",
    nextReviewDate: "2026-09-01",
    overview: "Issues and verifies session tokens.",
    scopeIn: "Login API; token refresh",
    scopeOut: "Password reset",
    architecture: "Stateless service behind the gateway.",
    dataFlow: "Browser → gateway → auth service → user store",
    trustBoundaries: [{ name: "Internet to gateway", description: "Public traffic", crossing: "HTTPS" }],
    assets: [{ name: "Signing keys", classification: "RESTRICTED", compromiseImpact: "Any user can be impersonated" }],
    threats: [
      {
        category: "SPOOFING",
        title: "Stolen JWT allows user impersonation",
        description: "A token taken from the browser is replayed.",
        attackVectors: ["XSS", "Malware"],
        likelihood: "MEDIUM",
        impact: "HIGH",
        priority: "HIGH",
        residualRisk: "LOW",
        residualRiskJustification: "Tokens live 15 minutes.",
        dueDate: "2026-07-01",
        mitigationKeys: ["m1"],
      },
      {
        category: "TAMPERING",
        title: "Token claims modified",
        description: "Claims changed without re-signing.",
        attackVectors: [],
        likelihood: "LOW",
        impact: "HIGH",
        priority: "MEDIUM",
        mitigationKeys: ["m2"],
      },
    ],
    strideAssessments: [{ category: "SPOOFING", residualRisk: "LOW", justification: "Short-lived tokens." }],
    mitigations: [
      { key: "m1", title: "Short-lived tokens", description: "15 minute expiry", status: "PLANNED", taskRef: "SEC-1", implementedIn: "", dueDate: null },
      { key: "m2", title: "Verify signatures", description: "Reject unsigned", status: "IMPLEMENTED", taskRef: "SEC-2", implementedIn: "v1.0", dueDate: null },
      { key: "m3", title: "Token binding", description: "Bind to device", status: "NOT_STARTED", taskRef: "", implementedIn: "", dueDate: null },
    ],
    attackScenarios: [{ title: "Session replay", description: "Replay a stolen token", likelihood: "MEDIUM", impact: "HIGH", mitigationKeys: ["m1", "m3"] }],
    securityControls: [{ name: "WAF", status: "IMPLEMENTED", effectiveness: "MEDIUM" }],
    securityInvariants: [{ article: 1, topic: "Tokens", condition: "Always", requirement: "Tokens are signed." }],
    residualRisks: [{ threatTitle: "Stolen JWT allows user impersonation", reason: "Accepted for launch", riskOwner: "CISO", reviewDate: "2026-09-01" }],
  };
}

/** A deep copy to change freely. */
function edited(change: (doc: ThreatModelDocument) => void): ThreatModelDocument {
  const doc = structuredClone(authService());
  change(doc);
  return doc;
}

function section(diff: RevisionDiff, id: string) {
  const found = diff.sections.find((s) => s.section === id);
  if (!found) throw new Error(`no section ${id} in ${diff.sections.map((s) => s.section).join(", ")}`);
  return found;
}

/** The rows of one section's diff between the example and a copy edited by `change`. */
function rowsAfter(id: string, change: (doc: ThreatModelDocument) => void) {
  return section(diffDocuments(authService(), edited(change)), id).rows;
}

describe("diffDocuments: nothing changed", () => {
  it("finds no change between identical documents", () => {
    expect(diffDocuments(authService(), authService())).toEqual({ sections: [], changed: false, counts: { added: 0, removed: 0, changed: 0 } });
  });

  it("ignores the model's status and next review date, which are workflow", () => {
    const after = edited((d) => {
      d.status = "DRAFT";
      d.nextReviewDate = null;
    });
    expect(diffDocuments(authService(), after).changed).toBe(false);
  });

  it("ignores mitigation keys, which are local to each document, and the order of links", () => {
    const after = edited((d) => {
      const rename = (key: string) => `key-${key}`;
      for (const m of d.mitigations) m.key = rename(m.key);
      for (const t of d.threats) t.mitigationKeys = t.mitigationKeys.map(rename);
      d.attackScenarios[0]!.mitigationKeys = ["key-m3", "key-m1"];
    });
    expect(diffDocuments(authService(), after)).toMatchObject({ changed: false, sections: [] });
  });
});

describe("diffDocuments: threats", () => {
  it("reports an added threat with its content", () => {
    const after = edited((d) =>
      d.threats.push({
        category: "REPUDIATION",
        title: "Admin denies disabling MFA",
        description: "No audit trail",
        attackVectors: ["Insider"],
        likelihood: "LOW",
        impact: "MEDIUM",
        priority: "LOW",
        mitigationKeys: ["m3"],
      }),
    );
    const diff = diffDocuments(authService(), after);
    expect(diff.counts).toEqual({ added: 1, removed: 0, changed: 0 });
    const rows = section(diff, "threats").rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "added", label: "Repudiation: Admin denies disabling MFA" });
    expect(rows[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: "likelihood", label: "Likelihood", before: "", after: "Low" },
        { field: "impact", label: "Impact", before: "", after: "Medium" },
        { field: "mitigations", label: "Mitigations", before: "", after: "Token binding" },
      ]),
    );
  });

  it("reports a removed threat", () => {
    const after = edited((d) => d.threats.splice(1, 1));
    const diff = diffDocuments(authService(), after);
    expect(diff.counts).toEqual({ added: 0, removed: 1, changed: 0 });
    expect(section(diff, "threats").rows).toEqual([
      expect.objectContaining({ kind: "removed", label: "Tampering: Token claims modified", key: "tampering: token claims modified" }),
    ]);
    expect(section(diff, "threats").rows[0]!.changes).toContainEqual({ field: "priority", label: "Priority", before: "Medium", after: "" });
  });

  it("reports a changed threat field by field, with enum values in words and arrays joined", () => {
    const after = edited((d) => {
      d.threats[0]!.likelihood = "HIGH";
      d.threats[0]!.priority = "CRITICAL";
      d.threats[0]!.attackVectors = ["XSS", "Malware", "Shared computer"];
      d.threats[0]!.dueDate = null;
    });
    const diff = diffDocuments(authService(), after);
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 1 });
    expect(section(diff, "threats").rows).toEqual([
      {
        key: "spoofing: stolen jwt allows user impersonation",
        label: "Spoofing: Stolen JWT allows user impersonation",
        kind: "changed",
        changes: [
          { field: "attackVectors", label: "Attack vectors", before: "XSS; Malware", after: "XSS; Malware; Shared computer" },
          { field: "likelihood", label: "Likelihood", before: "Medium", after: "High" },
          { field: "priority", label: "Priority", before: "High", after: "Critical" },
          { field: "dueDate", label: "Due date", before: "2026-07-01", after: "" },
        ],
      },
    ]);
  });

  it("treats a threat moved to another STRIDE category as removed from one and added to the other", () => {
    const rows = rowsAfter("threats", (d) => (d.threats[1]!.category = "ELEVATION_OF_PRIVILEGE"));
    expect(rows.map((r) => [r.kind, r.label])).toEqual([
      ["added", "Elevation of Privilege: Token claims modified"],
      ["removed", "Tampering: Token claims modified"],
    ]);
  });

  it("matches a title that only changed in case or spacing, and shows the new spelling", () => {
    const rows = rowsAfter("threats", (d) => (d.threats[1]!.title = "Token  claims Modified"));
    expect(rows).toEqual([
      expect.objectContaining({
        kind: "changed",
        changes: [{ field: "title", label: "Threat", before: "Token claims modified", after: "Token  claims Modified" }],
      }),
    ]);
  });

  it("pairs threats with the same category and title by position", () => {
    const twin = (description: string) => ({ ...authService().threats[1]!, description });
    const before = edited((d) => (d.threats = [twin("first"), twin("second")]));
    const after = edited((d) => (d.threats = [twin("first"), twin("second, reworded"), twin("third")]));
    const rows = section(diffDocuments(before, after), "threats").rows;
    expect(rows.map((r) => [r.kind, r.key])).toEqual([
      ["changed", "tampering: token claims modified#2"],
      ["added", "tampering: token claims modified#3"],
    ]);
    expect(rows[0]!.changes).toEqual([{ field: "description", label: "Description", before: "second", after: "second, reworded" }]);
  });

  it("shows a re-linked mitigation by the mitigations' titles", () => {
    const rows = rowsAfter("threats", (d) => (d.threats[0]!.mitigationKeys = ["m3", "m2"]));
    expect(rows).toEqual([
      expect.objectContaining({
        label: "Spoofing: Stolen JWT allows user impersonation",
        changes: [{ field: "mitigations", label: "Mitigations", before: "Short-lived tokens", after: "Token binding; Verify signatures" }],
      }),
    ]);
  });

  it("shows a renamed mitigation on the threats and scenarios that link it", () => {
    const after = edited((d) => (d.mitigations[0]!.title = "Five-minute tokens"));
    const diff = diffDocuments(authService(), after);
    expect(section(diff, "threats").rows[0]!.changes).toEqual([
      { field: "mitigations", label: "Mitigations", before: "Short-lived tokens", after: "Five-minute tokens" },
    ]);
    expect(section(diff, "attack-scenarios").rows[0]!.changes).toEqual([
      { field: "mitigations", label: "Mitigations", before: "Short-lived tokens; Token binding", after: "Five-minute tokens; Token binding" },
    ]);
    expect(section(diff, "mitigations").rows.map((r) => [r.kind, r.label])).toEqual([
      ["added", "Five-minute tokens"],
      ["removed", "Short-lived tokens"],
    ]);
  });
});

describe("diffDocuments: other sections", () => {
  it("reports a mitigation's status change in words", () => {
    const after = edited((d) => {
      d.mitigations[0]!.status = "IN_PROGRESS";
      d.mitigations[0]!.dueDate = "2026-07-15";
    });
    const diff = diffDocuments(authService(), after);
    expect(diff.sections.map((s) => s.section)).toEqual(["mitigations"]);
    expect(section(diff, "mitigations").rows).toEqual([
      {
        key: "short-lived tokens",
        label: "Short-lived tokens",
        kind: "changed",
        tracking: true,
        changes: [
          { field: "status", label: "Status", before: "Planned", after: "In progress", tracking: true },
          { field: "dueDate", label: "Due date", before: "", after: "2026-07-15", tracking: true },
        ],
      },
    ]);
  });

  it("shows a mitigation owner by name when told how", () => {
    const after = edited((d) => (d.mitigations[1]!.ownerId = "user-42"));
    const names = diffDocuments(authService(), after, { displayUser: (id) => (id === "user-42" ? "Ada Lovelace" : "?") });
    expect(section(names, "mitigations").rows[0]!.changes).toEqual([{ field: "owner", label: "Owner", before: "", after: "Ada Lovelace", tracking: true }]);
    const ids = diffDocuments(authService(), after);
    expect(section(ids, "mitigations").rows[0]!.changes).toEqual([{ field: "owner", label: "Owner", before: "", after: "user-42", tracking: true }]);
  });

  it("marks a mitigation's tracking changes as tracking, apart from changes to the analysis", () => {
    const trackingOnly = diffDocuments(
      authService(),
      edited((d) => (d.mitigations[0]!.taskRef = "SEC-9")),
    );
    expect(section(trackingOnly, "mitigations").rows[0]).toMatchObject({ kind: "changed", tracking: true, changes: [{ field: "taskRef", tracking: true }] });

    const both = diffDocuments(
      authService(),
      edited((d) => {
        d.mitigations[0]!.status = "IMPLEMENTED";
        d.mitigations[0]!.description = "Tokens live 5 minutes";
      }),
    );
    const row = section(both, "mitigations").rows[0]!;
    expect(row.tracking).toBeUndefined();
    expect(row.changes.map((c) => [c.field, c.tracking ?? false])).toEqual([
      ["description", false],
      ["status", true],
    ]);

    const threat = diffDocuments(
      authService(),
      edited((d) => (d.threats[0]!.description = "Changed")),
    );
    expect(section(threat, "threats").rows[0]!.tracking).toBeUndefined();
    expect(section(threat, "threats").rows[0]!.changes[0]!.tracking).toBeUndefined();
  });

  it("reports a scope change as a front-matter field", () => {
    const after = edited((d) => (d.scopeIn = "Login API; token refresh; MFA enrolment"));
    const diff = diffDocuments(authService(), after);
    expect(diff).toEqual({
      changed: true,
      counts: { added: 0, removed: 0, changed: 1 },
      sections: [
        {
          section: "front-matter",
          title: "Front matter & overview",
          fields: [{ field: "scopeIn", label: "Scope (in)", before: "Login API; token refresh", after: "Login API; token refresh; MFA enrolment" }],
          rows: [],
        },
      ],
    });
  });

  it("compares boundaries, assets, STRIDE assessments, controls, invariants and residual risks by their names", () => {
    const after = edited((d) => {
      d.trustBoundaries[0]!.crossing = "mTLS";
      d.assets[0]!.classification = "CONFIDENTIAL";
      d.strideAssessments[0]!.residualRisk = "VERY_LOW";
      d.strideAssessments.push({ category: "TAMPERING", residualRisk: "MEDIUM", justification: "Signed tokens" });
      d.securityControls[0]!.effectiveness = "HIGH";
      d.securityInvariants[0]!.requirement = "Tokens are signed with ES256.";
      d.residualRisks[0]!.reviewDate = "2026-12-01";
    });
    const diff = diffDocuments(authService(), after);
    const summary = diff.sections.map((s) => [s.section, s.rows.map((r) => [r.kind, r.label, r.changes.map((c) => `${c.label}: ${c.before} → ${c.after}`)])]);
    expect(summary).toEqual([
      ["trust-boundaries", [["changed", "Internet to gateway", ["Crossing: HTTPS → mTLS"]]]],
      ["assets", [["changed", "Signing keys", ["Classification: Restricted → Confidential"]]]],
      [
        "stride-assessments",
        [
          ["changed", "Spoofing", ["Residual risk: Low → Very low"]],
          ["added", "Tampering", ["Residual risk:  → Medium", "Justification:  → Signed tokens"]],
        ],
      ],
      ["security-controls", [["changed", "WAF", ["Effectiveness: Medium → High"]]]],
      ["security-invariants", [["changed", "Article 1: Tokens", ["Requirement: Tokens are signed. → Tokens are signed with ES256."]]]],
      ["residual-risks", [["changed", "Stolen JWT allows user impersonation", ["Review date: 2026-09-01 → 2026-12-01"]]]],
    ]);
    expect(diff.counts).toEqual({ added: 1, removed: 0, changed: 6 });
  });

  it("reads older snapshots that lack a section as if it were empty", () => {
    const old = edited((d) => delete (d as Partial<ThreatModelDocument>).securityInvariants);
    const diff = diffDocuments(old, authService());
    expect(diff.sections.map((s) => s.section)).toEqual(["security-invariants"]);
    expect(diff.counts).toEqual({ added: 1, removed: 0, changed: 0 });
  });
});

describe("diffDocuments: section order", () => {
  it("lists the template's sections in order", () => {
    expect(DIFF_SECTIONS.map((s) => s.title)).toEqual([
      "Front matter & overview",
      "Architecture",
      "Data-flow diagrams",
      "Dismissed suggestions",
      "Trust boundaries",
      "Assets",
      "STRIDE threats",
      "STRIDE residual risk",
      "Mitigations",
      "Attack scenarios",
      "Security controls",
      "Security invariants",
      "Residual risks",
    ]);
  });

  it("lists changed sections in the template's order, whatever was changed first, and only those", () => {
    const after = edited((d) => {
      d.residualRisks = [];
      d.mitigations[2]!.taskRef = "SEC-3";
      d.dataFlow = "Browser → auth service";
      d.version = "1.1.0";
      d.threats[1]!.description = "Claims edited in transit.";
    });
    const diff = diffDocuments(authService(), after);
    expect(diff.sections.map((s) => s.title)).toEqual(["Front matter & overview", "Architecture", "STRIDE threats", "Mitigations", "Residual risks"]);
    expect(section(diff, "front-matter").fields).toEqual([{ field: "version", label: "Version", before: "1.0.0", after: "1.1.0" }]);
    expect(section(diff, "architecture").fields).toEqual([
      { field: "dataFlow", label: "Data flow", before: "Browser → gateway → auth service → user store", after: "Browser → auth service" },
    ]);
    expect(diff.counts).toEqual({ added: 0, removed: 1, changed: 4 });
  });

  it("lists a section's rows in the new revision's order, removed ones last", () => {
    const after = edited((d) => {
      d.mitigations = [
        { key: "n", title: "Rate limiting", description: "", status: "PLANNED", taskRef: "", implementedIn: "", dueDate: null },
        d.mitigations[2]!,
        { ...d.mitigations[1]!, status: "IN_PROGRESS" },
      ];
      d.threats[0]!.mitigationKeys = [];
      d.attackScenarios[0]!.mitigationKeys = ["m3"];
    });
    const rows = section(diffDocuments(authService(), after), "mitigations").rows;
    expect(rows.map((r) => [r.kind, r.label])).toEqual([
      ["added", "Rate limiting"],
      ["changed", "Verify signatures"],
      ["removed", "Short-lived tokens"],
    ]);
  });
});

describe("wordDiff: what changed inside a text", () => {
  const before = (segments: WordSegment[]) =>
    segments
      .filter((s) => s.kind !== "added")
      .map((s) => s.text)
      .join("");
  const after = (segments: WordSegment[]) =>
    segments
      .filter((s) => s.kind !== "removed")
      .map((s) => s.text)
      .join("");

  it("marks only the changed words of a long paragraph", () => {
    const was =
      "Partners call our API with OAuth client credentials. Tokens live 15 minutes and are refreshed by the partner's backend; secrets rotate every 180 days and are stored in the partner's vault. Every call is logged with the partner id, and a rate limit of 100 requests per second applies per partner.";
    const is = was.replace("15 minutes", "5 minutes").replace("180 days", "90 days").replace("100 requests", "50 requests");
    const segments = wordDiff(was, is);
    expect(segments.filter((s) => s.kind === "removed").map((s) => s.text)).toEqual(["15", "180", "100"]);
    expect(segments.filter((s) => s.kind === "added").map((s) => s.text)).toEqual(["5", "90", "50"]);
    expect(before(segments)).toBe(was);
    expect(after(segments)).toBe(is);
  });

  const same = (text: string): WordSegment => ({ kind: "same", text });
  const removed = (text: string): WordSegment => ({ kind: "removed", text });
  const added = (text: string): WordSegment => ({ kind: "added", text });

  it.each<[string, string, string, WordSegment[]]>([
    [
      "keeps punctuation apart from the word it follows",
      "Secrets rotate daily.",
      "Secrets rotate hourly.",
      [same("Secrets rotate "), removed("daily"), added("hourly"), same(".")],
    ],
    [
      "joins neighbouring changed words into one change",
      "the quick brown fox",
      "a slow red fox",
      [removed("the quick brown"), added("a slow red"), same(" fox")],
    ],
    [
      "reads an insertion as such",
      "Tokens live 15 minutes.",
      "Tokens live 15 minutes and are revocable.",
      [same("Tokens live 15 minutes"), added(" and are revocable"), same(".")],
    ],
    [
      "reads a deletion as such",
      "Logged with the partner id and IP.",
      "Logged with the partner id.",
      [same("Logged with the partner id"), removed(" and IP"), same(".")],
    ],
    ["handles equal texts", "Same text", "Same text", [same("Same text")]],
    ["handles an empty text before", "", "New text", [added("New text")]],
    ["handles an empty text after", "Old text", "", [removed("Old text")]],
    ["handles two empty texts", "", "", []],
    ["handles entirely different texts", "High", "Critical", [removed("High"), added("Critical")]],
  ])("%s", (_rule, was, is, segments) => {
    expect(wordDiff(was, is)).toEqual(segments);
  });

  it("keeps lines apart: a change in one paragraph does not swallow the line break", () => {
    const segments = wordDiff("First line\nSecond line", "First row\nSecond line");
    expect(segments).toEqual([
      { kind: "same", text: "First " },
      { kind: "removed", text: "line" },
      { kind: "added", text: "row" },
      { kind: "same", text: "\nSecond line" },
    ]);
  });

  it("stays correct and quick on two long texts that share nothing", () => {
    const words = (prefix: string) => Array.from({ length: 3000 }, (_, i) => `${prefix}${i}`).join(" ");
    const started = performance.now();
    const segments = wordDiff(words("a"), words("b"));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(before(segments)).toBe(words("a"));
    expect(after(segments)).toBe(words("b"));
  });
});

describe("condenseWordDiff: long unchanged stretches shortened around the changes", () => {
  it("keeps some words of context on each side of a change and marks what it leaves out", () => {
    const lead = Array.from({ length: 60 }, (_, i) => `lead${i}`).join(" ");
    const tail = Array.from({ length: 60 }, (_, i) => `tail${i}`).join(" ");
    const condensed = condenseWordDiff(wordDiff(`${lead} old ${tail}`, `${lead} new ${tail}`), 5);
    expect(condensed.map((s) => s.kind)).toEqual(["gap", "same", "removed", "added", "same", "gap"]);
    expect(condensed[1]).toEqual({ kind: "same", text: "lead55 lead56 lead57 lead58 lead59 " });
    expect(condensed[4]).toEqual({ kind: "same", text: " tail0 tail1 tail2 tail3 tail4" });
  });

  it("leaves short unchanged stretches whole", () => {
    const segments = wordDiff("Tokens live 15 minutes.", "Tokens live 5 minutes.");
    expect(condenseWordDiff(segments, 5)).toEqual(segments);
  });

  it("shortens a long stretch between two changes in its middle", () => {
    const middle = Array.from({ length: 40 }, (_, i) => `m${i}`).join(" ");
    const condensed = condenseWordDiff(wordDiff(`a ${middle} b`, `x ${middle} y`), 3);
    expect(condensed.map((s) => s.kind)).toEqual(["removed", "added", "same", "gap", "same", "removed", "added"]);
    expect(condensed[2]).toEqual({ kind: "same", text: " m0 m1 m2" });
    expect(condensed[4]).toEqual({ kind: "same", text: "m37 m38 m39 " });
  });
});

describe("the diff of data-flow diagrams", () => {
  function drawn(): ThreatModelDocument {
    const doc = emptyDocument("Drawn");
    doc.diagrams = [
      {
        id: "d1",
        name: "Overview",
        elements: [
          newEntity({ id: "user", name: "User", actor: "human", position: { x: 0, y: 0 } }),
          newProcess({ id: "Web", name: "Web app", position: { x: 100, y: 0 } }),
          newStore({ id: "db", name: "Database", position: { x: 200, y: 0 } }),
        ],
        flows: [newFlow({ id: "f1", from: "user", to: "Web", label: "credentials", protocol: "HTTPS", encrypted: true })],
        boundaries: [],
      },
    ];
    doc.threats = [
      {
        category: "SPOOFING",
        title: "Stolen password",
        description: "",
        attackVectors: [],
        likelihood: "MEDIUM",
        impact: "HIGH",
        priority: "HIGH",
        mitigationKeys: [],
        elementIds: ["user"],
      },
    ];
    doc.suggestionDismissals = [{ elementId: "db", category: "REPUDIATION", reason: "Writes are logged by the web app." }];
    return doc;
  }

  it("lists items added, removed and changed by id, with their diagram, and leaves moves out", () => {
    const before = drawn();
    const after = drawn();
    const d = after.diagrams![0]!;
    d.elements = d.elements.filter((e) => e.id !== "db").map((e) => (e.id === "Web" ? { ...e, name: "Web application", position: { x: 500, y: 500 } } : e));
    d.elements.push(newStore({ id: "cache", name: "Cache", isLog: false }));
    d.elements = d.elements.map((e) => (e.id === "user" ? { ...e, position: { x: 9, y: 9 } } : e));
    d.flows = d.flows.map((f) => ({ ...f, encrypted: false }));
    const rows = diffDocuments(before, after).sections.find((s) => s.section === "diagrams")!.rows;
    expect(rows.map((r) => [r.kind, r.itemId, r.label])).toEqual([
      ["changed", "Web", "Overview: process “Web application”"],
      ["added", "cache", "Overview: data store “Cache”"],
      ["changed", "f1", "Overview: data flow “credentials”"],
      ["removed", "db", "Overview: data store “Database”"],
    ]);
    expect(rows[0]!.changes.map((c) => [c.label, c.before, c.after])).toEqual([["Name", "Web app", "Web application"]]);
    expect(rows[2]!.changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ["From → to", "User → Web app", "User → Web application"],
      ["Encrypted", "yes", "no"],
    ]);
  });

  it("shows a threat moved to another item and a dismissal's reason changing or going", () => {
    const after = drawn();
    after.threats[0]!.elementIds = ["Web"];
    after.suggestionDismissals = [{ elementId: "db", category: "REPUDIATION", reason: "The database keeps its own audit log." }];
    const diff = diffDocuments(drawn(), after);
    expect(diff.sections.find((s) => s.section === "threats")!.rows[0]!.changes).toEqual([
      { field: "elementIds", label: "On diagram items", before: "User", after: "Web app" },
    ]);
    const dismissals = diff.sections.find((s) => s.section === "suggestion-dismissals")!.rows;
    expect(dismissals.map((r) => [r.kind, r.label, r.changes[0]?.after])).toEqual([
      ["changed", "Repudiation on “Database”", "The database keeps its own audit log."],
    ]);

    const none = drawn();
    none.suggestionDismissals = [];
    expect(
      diffDocuments(drawn(), none)
        .sections.find((s) => s.section === "suggestion-dismissals")!
        .rows.map((r) => r.kind),
    ).toEqual(["removed"]);
  });

  it("finds nothing to show between two documents with the same diagrams, or between two without any", () => {
    expect(diffDocuments(drawn(), drawn()).changed).toBe(false);
    expect(diffDocuments(emptyDocument("A"), { ...emptyDocument("A"), diagrams: [], suggestionDismissals: [] }).changed).toBe(false);
  });
});
