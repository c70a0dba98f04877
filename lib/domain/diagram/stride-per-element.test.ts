import { describe, expect, it } from "vitest";
import type { StrideCategory } from "../threat-model";
import type { DataFlow, Diagram, DiagramElement, TrustBoundary } from "./diagram";
import { newBoundaryBox, newBoundaryLine, newEntity, newFlow, newProcess, newStore } from "./new-items";
import { STRIDE_PER_ELEMENT, suggestionsFor, type Suggestion } from "./stride-per-element";

const diagramOf = (elements: DiagramElement[], flows: DataFlow[] = [], boundaries: TrustBoundary[] = []): Diagram => ({
  id: "d",
  name: "D",
  elements,
  flows,
  boundaries,
});

/** The categories suggested for one item, in order. */
const categoriesOf = (suggestions: Suggestion[], id: string) => suggestions.filter((s) => s.elementId === id).map((s) => s.category);
const suggestion = (suggestions: Suggestion[], id: string, category: StrideCategory) => suggestions.find((s) => s.elementId === id && s.category === category);

// A browser outside a data centre box, an API and a database inside it; placed so the flows from
// the browser cross the box and the flow from the API to the database does not.
const browser = () => newEntity({ id: "browser", name: "Browser", position: { x: 0, y: 0, width: 100, height: 50 } });
const api = () => newProcess({ id: "api", name: "API", position: { x: 300, y: 0, width: 100, height: 50 } });
const db = () => newStore({ id: "db", name: "Orders DB", position: { x: 500, y: 0, width: 100, height: 50 }, encryptedAtRest: true });
const dataCentre = () => newBoundaryBox({ id: "dc", name: "Data centre", x: 250, y: -50, width: 400, height: 150 });

describe("the STRIDE-per-element table", () => {
  it("has one row per id", () => {
    const ids = STRIDE_PER_ELEMENT.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("holds Microsoft's chart in its base rows", () => {
    const base = STRIDE_PER_ELEMENT.filter((r) => r.id.includes(".base."));
    const chart = Object.fromEntries(["entity", "process", "store", "flow"].map((kind) => [kind, base.filter((r) => r.kind === kind).map((r) => r.category)]));
    expect(chart).toEqual({
      entity: ["SPOOFING", "REPUDIATION"],
      process: ["SPOOFING", "TAMPERING", "REPUDIATION", "INFORMATION_DISCLOSURE", "DENIAL_OF_SERVICE", "ELEVATION_OF_PRIVILEGE"],
      store: ["TAMPERING", "REPUDIATION", "INFORMATION_DISCLOSURE", "DENIAL_OF_SERVICE"],
      flow: ["TAMPERING", "INFORMATION_DISCLOSURE", "DENIAL_OF_SERVICE"],
    });
  });

  it("gives every row a condition and a one-sentence reason", () => {
    for (const rule of STRIDE_PER_ELEMENT) {
      expect(rule.condition, rule.id).not.toBe("");
      expect(rule.reason, rule.id).toMatch(/^[^.]+\.$/);
    }
  });
});

describe("suggestionsFor: base categories by type", () => {
  it("an external entity: Spoofing and Repudiation", () => {
    const s = suggestionsFor(diagramOf([newEntity({ id: "partner", name: "Partner bank" })]));
    expect(s).toEqual([
      {
        elementId: "partner",
        category: "SPOOFING",
        reasons: ["Anyone can claim to be Partner bank unless the system checks who is calling."],
        ruleIds: ["entity.base.spoofing"],
      },
      {
        elementId: "partner",
        category: "REPUDIATION",
        reasons: ["Partner bank acts from outside the system and can deny what it did unless its actions are recorded with its identity."],
        ruleIds: ["entity.base.repudiation"],
      },
    ]);
  });

  it("a process: all six, one base reason each", () => {
    const s = suggestionsFor(diagramOf([newProcess({ id: "p", name: "Worker" })]));
    expect(s.map((x) => x.category)).toEqual(["SPOOFING", "TAMPERING", "REPUDIATION", "INFORMATION_DISCLOSURE", "DENIAL_OF_SERVICE", "ELEVATION_OF_PRIVILEGE"]);
    expect(s.every((x) => x.reasons.length === 1 && x.ruleIds.length === 1 && x.ruleIds[0]!.startsWith("process.base."))).toBe(true);
    expect(suggestion(s, "p", "DENIAL_OF_SERVICE")?.reasons).toEqual(["Worker can be flooded or crashed, stopping everything that depends on it."]);
  });

  it("a data store: Tampering, Repudiation, Information disclosure, Denial of service", () => {
    const s = suggestionsFor(diagramOf([newStore({ id: "s", name: "Cache", encryptedAtRest: true })]));
    expect(categoriesOf(s, "s")).toEqual(["TAMPERING", "REPUDIATION", "INFORMATION_DISCLOSURE", "DENIAL_OF_SERVICE"]);
    expect(s.every((x) => x.ruleIds.length === 1)).toBe(true);
  });

  it("a data flow: Tampering, Information disclosure, Denial of service, naming its data and ends", () => {
    const s = suggestionsFor(diagramOf([api(), db()], [newFlow({ id: "f", from: "api", to: "db", label: "order row", encrypted: true })]));
    expect(categoriesOf(s, "f")).toEqual(["TAMPERING", "INFORMATION_DISCLOSURE", "DENIAL_OF_SERVICE"]);
    expect(suggestion(s, "f", "TAMPERING")?.reasons).toEqual(["“order row” can be changed on its way from API to Orders DB."]);
    expect(suggestion(s, "f", "DENIAL_OF_SERVICE")?.reasons).toEqual(["The flow of “order row” from API to Orders DB can be cut or flooded."]);
  });

  it("names unnamed items by what they are", () => {
    const s = suggestionsFor(
      diagramOf([newProcess({ id: "p", name: " " })], [newFlow({ id: "f", from: "p", to: "p", crossesPublicNetwork: true, encrypted: true })]),
    );
    expect(suggestion(s, "p", "DENIAL_OF_SERVICE")?.reasons[0]).toBe("This process can be flooded or crashed, stopping everything that depends on it.");
    expect(suggestion(s, "f", "SPOOFING")?.reasons[0]).toBe(
      "The flow from this process to this process travels over a public network without authentication, so anyone there can send the data pretending to be this process.",
    );
  });

  it("trust boundaries get no suggestions of their own", () => {
    const s = suggestionsFor(
      diagramOf(
        [],
        [],
        [
          dataCentre(),
          newBoundaryLine({
            id: "l",
            name: "L",
            points: [
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ],
          }),
        ],
      ),
    );
    expect(s).toEqual([]);
  });
});

describe("suggestionsFor: refinements", () => {
  it("entity.human.spoofing: a person signing in", () => {
    const s = suggestionsFor(diagramOf([newEntity({ id: "u", name: "Customer", actor: "human" })]));
    expect(suggestion(s, "u", "SPOOFING")).toMatchObject({
      ruleIds: ["entity.base.spoofing", "entity.human.spoofing"],
      reasons: [expect.any(String), "Customer signs in as a person: credentials can be phished or guessed."],
    });
    expect(suggestion(suggestionsFor(diagramOf([newEntity({ id: "u", name: "Batch", actor: "system" })])), "u", "SPOOFING")?.ruleIds).toEqual([
      "entity.base.spoofing",
    ]);
  });

  it("process.reachable-across-boundary: Spoofing and Elevation of privilege, naming the boundary and the source", () => {
    const diagram = diagramOf([browser(), api(), db()], [newFlow({ id: "req", from: "browser", to: "api", label: "order" })], [dataCentre()]);
    const s = suggestionsFor(diagram);
    expect(suggestion(s, "api", "SPOOFING")?.reasons[1]).toBe(
      "API is reached from across the Data centre boundary (from Browser), so it must tell genuine callers from impostors.",
    );
    expect(suggestion(s, "api", "ELEVATION_OF_PRIVILEGE")).toMatchObject({
      ruleIds: ["process.base.elevation-of-privilege", "process.reachable-across-boundary.elevation-of-privilege"],
      reasons: [
        expect.any(String),
        "API is reached from across the Data centre boundary (from Browser), so a caller on the less trusted side may get it to act with its service account's rights.",
      ],
    });
  });

  it("process.reachable-across-boundary: not for a process reached only from inside, nor for a flow going out", () => {
    const diagram = diagramOf(
      [browser(), api(), newProcess({ id: "job", name: "Job", position: { x: 300, y: 60 } })],
      [newFlow({ id: "reply", from: "api", to: "browser" }), newFlow({ id: "kick", from: "job", to: "api" })],
      [dataCentre()],
    );
    expect(suggestion(suggestionsFor(diagram), "api", "SPOOFING")?.ruleIds).toEqual(["process.base.spoofing"]);
  });

  it("process.reachable-across-boundary: the model's row name for a linked boundary, and several boundaries and sources", () => {
    const partner = newEntity({ id: "partner", name: "Partner", position: { x: 0, y: 200 } });
    const line = newBoundaryLine({
      id: "edge",
      name: "Edge",
      trustBoundaryId: "tb1",
      points: [
        { x: 150, y: -100 },
        { x: 150, y: 300 },
      ],
    });
    const diagram = diagramOf(
      [browser(), partner, api()],
      [newFlow({ id: "a", from: "browser", to: "api" }), newFlow({ id: "b", from: "partner", to: "api" })],
      [dataCentre(), line],
    );
    const s = suggestionsFor(diagram, { boundaryNames: { tb1: "Internet boundary" } });
    expect(suggestion(s, "api", "SPOOFING")?.reasons[1]).toBe(
      "API is reached from across the Data centre and Internet boundaries (from Browser and Partner), so it must tell genuine callers from impostors.",
    );
  });

  it("an out-of-scope boundary does not count as crossed", () => {
    const boundary = { ...dataCentre(), outOfScope: true, outOfScopeReason: "Drawn for orientation only." };
    const s = suggestionsFor(diagramOf([browser(), api()], [newFlow({ id: "req", from: "browser", to: "api" })], [boundary]));
    expect(suggestion(s, "api", "SPOOFING")?.ruleIds).toEqual(["process.base.spoofing"]);
    expect(suggestion(s, "req", "TAMPERING")?.ruleIds).toEqual(["flow.base.tampering"]);
  });

  it("process.untrusted-input: Tampering and Elevation of privilege", () => {
    const s = suggestionsFor(diagramOf([newProcess({ id: "p", name: "Parser", handlesUntrustedInput: true, privilege: "user" })]));
    expect(suggestion(s, "p", "TAMPERING")).toMatchObject({
      ruleIds: ["process.base.tampering", "process.untrusted-input.tampering"],
      reasons: [expect.any(String), "Parser handles untrusted input, so crafted data can change what it does or what it stores."],
    });
    expect(suggestion(s, "p", "ELEVATION_OF_PRIVILEGE")?.reasons[1]).toBe(
      "Parser handles untrusted input, so an injection can make it run an attacker's commands with a user's rights.",
    );
  });

  it.each([
    ["user", false],
    ["service", false],
    ["admin", true],
    ["system", true],
  ] as const)("process.privileged: privilege %s → %s", (privilege, refined) => {
    const s = suggestionsFor(diagramOf([newProcess({ id: "p", name: "Agent", privilege })]));
    const eop = suggestion(s, "p", "ELEVATION_OF_PRIVILEGE")!;
    expect(eop.ruleIds.includes("process.privileged.elevation-of-privilege")).toBe(refined);
    if (privilege === "system") expect(eop.reasons[1]).toBe("Agent runs with system rights, and whoever takes it over gets them too.");
  });

  it("store.credentials: Information disclosure, with the credentials reason", () => {
    const s = suggestionsFor(diagramOf([newStore({ id: "s", name: "Users", holdsCredentials: true, encryptedAtRest: true })]));
    expect(suggestion(s, "s", "INFORMATION_DISCLOSURE")).toMatchObject({
      ruleIds: ["store.base.information-disclosure", "store.credentials.information-disclosure"],
      reasons: [expect.any(String), "Users holds credentials: whoever reads them can sign in as the accounts they belong to."],
    });
  });

  it("store.unencrypted-at-rest: Information disclosure", () => {
    const s = suggestionsFor(diagramOf([newStore({ id: "s", name: "Files", encryptedAtRest: false })]));
    expect(suggestion(s, "s", "INFORMATION_DISCLOSURE")?.reasons[1]).toBe(
      "Files is not encrypted at rest, so a copied disk, snapshot or backup gives away what it holds.",
    );
  });

  it("store.log: Repudiation and Tampering", () => {
    const s = suggestionsFor(diagramOf([newStore({ id: "s", name: "Audit log", isLog: true, encryptedAtRest: true })]));
    expect(suggestion(s, "s", "REPUDIATION")).toMatchObject({
      ruleIds: ["store.base.repudiation", "store.log.repudiation"],
      reasons: [expect.any(String), "Audit log is the audit record: if it can be altered, actions can be denied."],
    });
    expect(suggestion(s, "s", "TAMPERING")?.ruleIds).toEqual(["store.base.tampering", "store.log.tampering"]);
    expect(suggestion(suggestionsFor(diagramOf([db()])), "db", "REPUDIATION")?.ruleIds).toEqual(["store.base.repudiation"]);
  });

  it("flow.unencrypted-across-boundary: Information disclosure and Tampering, only without encryption", () => {
    const flow = newFlow({ id: "req", from: "browser", to: "api", label: "card number" });
    const s = suggestionsFor(diagramOf([browser(), api()], [flow], [dataCentre()]));
    expect(suggestion(s, "req", "INFORMATION_DISCLOSURE")).toMatchObject({
      ruleIds: ["flow.base.information-disclosure", "flow.unencrypted-across-boundary.information-disclosure"],
      reasons: [
        expect.any(String),
        "The flow from Browser to API crosses the Data centre boundary without encryption, so anyone on the path can read “card number”.",
      ],
    });
    expect(suggestion(s, "req", "TAMPERING")?.ruleIds).toEqual(["flow.base.tampering", "flow.unencrypted-across-boundary.tampering"]);

    const encrypted = suggestionsFor(diagramOf([browser(), api()], [{ ...flow, encrypted: true }], [dataCentre()]));
    expect(suggestion(encrypted, "req", "TAMPERING")?.ruleIds).toEqual(["flow.base.tampering"]);
    const inside = suggestionsFor(diagramOf([api(), db()], [newFlow({ id: "save", from: "api", to: "db" })], [dataCentre()]));
    expect(suggestion(inside, "save", "TAMPERING")?.ruleIds).toEqual(["flow.base.tampering"]);
  });

  it("flow.public-network-unencrypted: Information disclosure", () => {
    const s = suggestionsFor(
      diagramOf([api(), db()], [newFlow({ id: "f", name: "Sync", from: "api", to: "db", crossesPublicNetwork: true, authenticated: true })]),
    );
    expect(suggestion(s, "f", "INFORMATION_DISCLOSURE")?.reasons[1]).toBe(
      "Sync travels over a public network without encryption, so anyone on that network can read the data.",
    );
    expect(categoriesOf(s, "f")).not.toContain("SPOOFING");
  });

  it("flow.public-network-unauthenticated: adds Spoofing to a flow", () => {
    const s = suggestionsFor(
      diagramOf(
        [browser(), api()],
        [newFlow({ id: "f", name: "Webhook", from: "browser", to: "api", label: "event", crossesPublicNetwork: true, encrypted: true })],
      ),
    );
    expect(categoriesOf(s, "f")).toEqual(["SPOOFING", "TAMPERING", "INFORMATION_DISCLOSURE", "DENIAL_OF_SERVICE"]);
    expect(suggestion(s, "f", "SPOOFING")).toEqual({
      elementId: "f",
      category: "SPOOFING",
      reasons: ["Webhook travels over a public network without authentication, so anyone there can send “event” pretending to be Browser."],
      ruleIds: ["flow.public-network-unauthenticated.spoofing"],
    });
  });

  it("every refinement row is reached by one of the cases above", () => {
    const reached = new Set<string>();
    const everything = diagramOf(
      [
        { ...browser(), actor: "human" },
        { ...api(), handlesUntrustedInput: true, privilege: "admin" },
        { ...db(), holdsCredentials: true, isLog: true, encryptedAtRest: false },
      ],
      [newFlow({ id: "f", from: "browser", to: "api", crossesPublicNetwork: true })],
      [dataCentre()],
    );
    for (const s of suggestionsFor(everything)) for (const id of s.ruleIds) reached.add(id);
    expect(STRIDE_PER_ELEMENT.map((r) => r.id).filter((id) => !reached.has(id))).toEqual([]);
  });
});

describe("suggestionsFor: out of scope", () => {
  it("gives out-of-scope elements and flows no suggestions, and leaves the rest alone", () => {
    const reason = { outOfScope: true, outOfScopeReason: "Owned by the payments team's model." };
    const diagram = diagramOf(
      [{ ...browser(), ...reason }, { ...api(), ...reason }, { ...db(), ...reason }, newProcess({ id: "kept", name: "Kept" })],
      [{ ...newFlow({ id: "req", from: "browser", to: "api", crossesPublicNetwork: true }), ...reason }],
      [dataCentre()],
    );
    const s = suggestionsFor(diagram);
    expect([...new Set(s.map((x) => x.elementId))]).toEqual(["kept"]);
  });

  it("an in-scope process reached through a flow from an out-of-scope entity is still reached across the boundary", () => {
    const diagram = diagramOf(
      [{ ...browser(), outOfScope: true, outOfScopeReason: "Third party." }, api()],
      [newFlow({ id: "req", from: "browser", to: "api" })],
      [dataCentre()],
    );
    expect(suggestion(suggestionsFor(diagram), "api", "SPOOFING")?.ruleIds).toContain("process.reachable-across-boundary.spoofing");
  });
});
