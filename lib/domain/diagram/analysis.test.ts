import { describe, expect, it } from "vitest";
import { BUILT_IN_LIBRARY, type LibraryEntry } from "../threat-library";
import {
  acceptedThreat,
  answerOf,
  defaultThreatTitle,
  describeTarget,
  dismissalReasonProblem,
  findTarget,
  libraryMatches,
  MAX_DISMISSAL_REASON,
} from "./analysis";
import type { Diagram } from "./diagram";
import { newEntity, newFlow, newProcess, newStore } from "./new-items";
import { suggestionsFor } from "./stride-per-element";

const diagram: Diagram = {
  id: "d1",
  name: "Sign-in",
  elements: [
    newEntity({ id: "browser", name: "Browser", actor: "human" }),
    newProcess({ id: "api", name: "Login API" }),
    newStore({ id: "sessions", name: "Sessions" }),
    newStore({ id: "nameless", name: "  " }),
  ],
  flows: [newFlow({ id: "f1", from: "browser", to: "api", label: "session cookie" }), newFlow({ id: "f2", from: "api", to: "sessions" })],
  boundaries: [],
};
const other: Diagram = { id: "d2", name: "Admin", elements: [newProcess({ id: "console", name: "Console" })], flows: [], boundaries: [] };

const entry = (fields: Partial<LibraryEntry> & Pick<LibraryEntry, "id" | "category" | "title">): LibraryEntry => ({
  description: "",
  likelihood: "MEDIUM",
  impact: "MEDIUM",
  mitigation: "",
  builtIn: false,
  ...fields,
});

describe("describeTarget", () => {
  it("names an element by its kind and name, in any of the model's diagrams", () => {
    expect(describeTarget([diagram, other], "sessions")).toBe("Data store “Sessions”");
    expect(describeTarget([diagram, other], "console")).toBe("Process “Console”");
  });

  it("names a flow without a name by what it carries and its ends", () => {
    expect(describeTarget([diagram], "f1")).toBe("Data flow “session cookie from Browser to Login API”");
    expect(describeTarget([diagram], "f2")).toBe("Data flow “from Login API to Sessions”");
  });

  it("says so for an unnamed element and for an id on no diagram", () => {
    expect(describeTarget([diagram], "nameless")).toBe("Data store “unnamed”");
    expect(describeTarget([diagram], "gone")).toBe("An item no longer on any diagram");
  });
});

describe("answerOf", () => {
  const suggestion = { elementId: "sessions", category: "TAMPERING" } as const;

  it("is covered by a threat of the category attached to the element, and lists those threats", () => {
    const threats = [
      { key: "t1", category: "TAMPERING", elementIds: ["sessions"] },
      { key: "t2", category: "TAMPERING", elementIds: ["api"] },
      { key: "t3", category: "REPUDIATION", elementIds: ["sessions"] },
    ] as const;
    expect(answerOf(suggestion, threats, [])).toEqual({ state: "covered", threats: [threats[0]], dismissal: undefined });
  });

  it("is dismissed by a dismissal with a reason, not by one without", () => {
    const dismissal = { key: "x1", elementId: "sessions", category: "TAMPERING", reason: "Append-only volume." } as const;
    expect(answerOf(suggestion, [], [dismissal])).toEqual({ state: "dismissed", dismissal });
    expect(answerOf(suggestion, [], [{ ...dismissal, reason: "  " }])).toEqual({ state: "gap" });
    expect(answerOf(suggestion, [], [{ ...dismissal, category: "SPOOFING" }])).toEqual({ state: "gap" });
  });

  it("counts a threat over a dismissal but keeps the dismissal to undo", () => {
    const dismissal = { key: "x1", elementId: "sessions", category: "TAMPERING", reason: "Append-only volume." } as const;
    const threat = { key: "t1", category: "TAMPERING", elementIds: ["sessions"] } as const;
    expect(answerOf(suggestion, [threat], [dismissal])).toEqual({ state: "covered", threats: [threat], dismissal });
  });
});

describe("libraryMatches and acceptedThreat", () => {
  const api = findTarget([diagram], "api")!;
  const sessions = findTarget([diagram], "sessions")!;
  const suggestionFor = (id: string, category: string) => suggestionsFor(diagram).find((s) => s.elementId === id && s.category === category)!;

  it("offers only the suggestion's category, those sharing words with the item first, then the library's order", () => {
    const library = [
      entry({ id: "a", category: "TAMPERING", title: "Zebra tampering" }),
      entry({ id: "b", category: "TAMPERING", title: "Attacker rewrites rows in Sessions" }),
      entry({ id: "c", category: "TAMPERING", title: "Another tampering" }),
      entry({ id: "d", category: "SPOOFING", title: "Sessions impersonated" }),
    ];
    const matches = libraryMatches(suggestionFor("sessions", "TAMPERING"), sessions, library);
    expect(matches.map((m) => m.entry.id)).toEqual(["b", "c", "a"]);
    expect(matches[0]?.sharedWords).toBe(1);
  });

  it("takes the best library match's title when it shares a word with the item", () => {
    const library = [entry({ id: "b", category: "TAMPERING", title: "Attacker rewrites rows in Sessions", description: "Direct database writes." })];
    expect(acceptedThreat(suggestionFor("sessions", "TAMPERING"), sessions, "Sessions", library)).toEqual({
      category: "TAMPERING",
      title: "Attacker rewrites rows in Sessions",
      description: "Direct database writes.",
    });
  });

  it("falls back to “<Category> of <item>” with the reasons when no library threat shares a word", () => {
    const suggestion = suggestionFor("api", "DENIAL_OF_SERVICE");
    const library = [entry({ id: "z", category: "DENIAL_OF_SERVICE", title: "Disk quota exhausted" })];
    expect(acceptedThreat(suggestion, api, "Login API", library)).toEqual({
      category: "DENIAL_OF_SERVICE",
      title: "Denial of Service of Login API",
      description: suggestion.reasons.join(" "),
    });
    expect(acceptedThreat(suggestion, api, "Login API", [])).toMatchObject({ title: "Denial of Service of Login API" });
  });

  it("does not match on words every reason of the table uses", () => {
    const suggestion = suggestionFor("f2", "TAMPERING");
    const flow = findTarget([diagram], "f2")!;
    const library = [entry({ id: "z", category: "TAMPERING", title: "Data tampering in the system" })];
    expect(libraryMatches(suggestion, flow, library)[0]?.sharedWords).toBe(0);
  });

  it("matches a built-in threat to the element it names", () => {
    const login = { ...api, name: "Login endpoint" };
    const suggestion = { category: "DENIAL_OF_SERVICE" as const, reasons: ["Login endpoint can be flooded or crashed."] };
    expect(acceptedThreat(suggestion, login, "Login endpoint", BUILT_IN_LIBRARY).title).toBe("Brute force on login endpoint");
  });
});

describe("defaultThreatTitle and dismissalReasonProblem", () => {
  it("titles a threat by its category's name and the item's", () => {
    expect(defaultThreatTitle("INFORMATION_DISCLOSURE", "Sessions")).toBe("Information Disclosure of Sessions");
  });

  it("refuses an empty or overlong reason with a sentence, accepts one in bounds", () => {
    expect(dismissalReasonProblem("   ", "TAMPERING", "Sessions")).toBe(
      "Say why Tampering does not apply to Sessions: a dismissal without a reason is not recorded.",
    );
    expect(dismissalReasonProblem("x".repeat(MAX_DISMISSAL_REASON + 1), "TAMPERING", "Sessions")).toMatch(/at most 20,000 characters/);
    expect(dismissalReasonProblem("The volume is append-only.", "TAMPERING", "Sessions")).toBeNull();
  });
});
