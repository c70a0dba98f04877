import { describe, expect, it } from "vitest";
import type { Diagram } from "./diagram";
import { diagramGeometry } from "./geometry";
import { escapeMermaidLabel, exportMermaidFlowchart, parseMermaidFlowchart, unescapeMermaidLabel } from "./mermaid";
import { newBoundaryBox, newBoundaryLine, newEntity, newFlow, newProcess, newStore } from "./new-items";

function checkout(): Diagram {
  return {
    id: "d1",
    name: "Checkout",
    elements: [
      newEntity({ id: "shopper", name: "Shopper", actor: "human", position: { x: 0, y: 0, width: 100, height: 50 } }),
      newProcess({ id: "api", name: "Checkout API", position: { x: 300, y: 0, width: 100, height: 50 } }),
      newStore({ id: "orders", name: "Orders", position: { x: 520, y: 20, width: 60, height: 40 } }),
      newEntity({ id: "psp", name: "Payment provider", position: { x: 0, y: 300 } }),
    ],
    flows: [
      newFlow({ id: "f1", from: "shopper", to: "api", label: "order", protocol: "HTTPS" }),
      newFlow({ id: "f2", from: "api", to: "orders", label: "order row" }),
      newFlow({ id: "f3", from: "api", to: "psp", label: "", protocol: "gRPC" }),
      newFlow({ id: "f4", from: "psp", to: "api" }),
    ],
    boundaries: [
      newBoundaryBox({ id: "dc", name: "Data centre", x: 250, y: -50, width: 400, height: 200 }),
      newBoundaryBox({ id: "dbzone", name: "Database zone", x: 500, y: 0, width: 120, height: 100 }),
      newBoundaryLine({
        id: "edge",
        name: "Internet edge",
        points: [
          { x: 200, y: -100 },
          { x: 200, y: 400 },
        ],
      }),
    ],
  };
}

/** What Mermaid can carry: kinds and names, flow ends and labels, boxes and what they enclose. */
function carried(diagram: Diagram) {
  const { enclosing } = diagramGeometry(diagram);
  const boxName = new Map(diagram.boundaries.map((b) => [b.id, b.name]));
  return {
    elements: diagram.elements
      .map((e) => ({ id: e.id, kind: e.kind, name: e.name, in: (enclosing.get(e.id) ?? []).map((b) => boxName.get(b.id)).sort() }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    flows: diagram.flows.map((f) => ({ from: f.from, to: f.to, label: f.label, protocol: f.protocol })),
    boxes: diagram.boundaries
      .filter((b) => b.kind === "box")
      .map((b) => b.name)
      .sort(),
  };
}

function roundTrip(diagram: Diagram) {
  const parsed = parseMermaidFlowchart(exportMermaidFlowchart(diagram));
  if (!parsed.ok) throw new Error(parsed.refusals.join("\n"));
  return parsed.diagram;
}

describe("exportMermaidFlowchart", () => {
  it("writes shapes per kind, boxes as nested subgraphs, flows with data and protocol", () => {
    expect(exportMermaidFlowchart(checkout())).toBe(
      [
        "---",
        'title: "Checkout"',
        "---",
        "flowchart LR",
        '  shopper[/"Shopper"/]',
        '  psp[/"Payment provider"/]',
        '  subgraph dc ["Data centre"]',
        '    api(("Checkout API"))',
        '    subgraph dbzone ["Database zone"]',
        '      orders[("Orders")]',
        "    end",
        "  end",
        '  shopper -->|"order / HTTPS"| api',
        '  api -->|"order row"| orders',
        '  api -->|" / gRPC"| psp',
        "  psp --> api",
        '  %% The trust boundary line "Internet edge" has no Mermaid form and is left out.',
        "",
      ].join("\n"),
    );
  });

  it("replaces ids Mermaid would misread, keeping flows joined", () => {
    const diagram: Diagram = {
      id: "d",
      name: "Ids",
      elements: [newProcess({ id: "end", name: "End" }), newProcess({ id: "a b", name: "Spaced" }), newProcess({ id: "n1", name: "Taken" })],
      flows: [newFlow({ id: "f", from: "end", to: "a b" })],
      boundaries: [],
    };
    const text = exportMermaidFlowchart(diagram);
    expect(text).toContain('  n2(("End"))\n  n3(("Spaced"))\n  n1(("Taken"))');
    expect(text).toContain("  n2 --> n3");
  });

  it("names a flow by its name when it has no data label", () => {
    const d = checkout();
    d.flows[3]!.name = "Callback";
    expect(exportMermaidFlowchart(d)).toContain('  psp -->|"Callback"| api');
  });
});

describe("Mermaid round trip", () => {
  it("gives back the elements, flows and boxes", () => {
    const original = checkout();
    const back = roundTrip(original);
    expect(carried(back)).toEqual(carried({ ...original, boundaries: original.boundaries.filter((b) => b.kind === "box") }));
    expect(back.name).toBe("Checkout");
    expect(back.boundaries.map((b) => b.id)).toEqual(["dc", "dbzone"]);
  });

  it("keeps hostile names and labels exactly", () => {
    const hostile = [
      'He said "hi" | [x] (y) {z} <b>bold</b> & #quot; #35; ; %% end',
      "two\nlines\r\nand a tab\t.",
      "/slashes\\ and / the separator / ",
      "`code` --> arrows ==> -.-> ---",
      "end",
      "subgraph x [y]",
      "  spaced  ",
      "emoji 🛡️ and ünïcödé",
      "",
    ];
    const diagram: Diagram = {
      id: "d",
      name: 'Model "quoted"\n---\ntitle: injected',
      elements: hostile.map((name, i) => [newEntity, newProcess, newStore][i % 3]!({ id: `e${i}`, name })),
      flows: hostile.map((label, i) =>
        newFlow({ id: `f${i}`, from: `e${i}`, to: `e${(i + 1) % hostile.length}`, label: label || "x", protocol: hostile[(i + 2) % hostile.length]! }),
      ),
      boundaries: [newBoundaryBox({ id: "b", name: hostile[0]!, x: -10, y: -10, width: 1, height: 1 })],
    };
    const back = roundTrip(diagram);
    expect(back.name).toBe(diagram.name);
    expect(back.elements.map((e) => [e.id, e.kind, e.name])).toEqual(diagram.elements.map((e) => [e.id, e.kind, e.name]));
    expect(back.flows.map((f) => [f.from, f.to, f.label, f.protocol])).toEqual(diagram.flows.map((f) => [f.from, f.to, f.label, f.protocol]));
    expect(back.boundaries.map((b) => b.name)).toEqual([hostile[0]]);
  });

  it("lays a parsed diagram out so that its boxes enclose exactly their subgraph's members", () => {
    const back = roundTrip(checkout());
    expect(back.elements.every((e) => e.position && Number.isFinite(e.position.x))).toBe(true);
    const { crossings } = diagramGeometry(back);
    expect(Object.fromEntries([...crossings].map(([id, b]) => [back.flows.find((f) => f.id === id)!.label || id, b.map((x) => x.id)]))).toMatchObject({
      order: ["dc"],
      "order row": ["dbzone"],
    });
  });

  it("an empty diagram round-trips", () => {
    expect(roundTrip({ id: "d", name: "Empty", elements: [], flows: [], boundaries: [] })).toMatchObject({
      name: "Empty",
      elements: [],
      flows: [],
      boundaries: [],
    });
  });
});

describe("escapeMermaidLabel", () => {
  it("leaves no quote, bracket, pipe, newline or entity start in the text, and reads back", () => {
    const text = 'a"b[c]d(e)f{g}h|i\nj#k<l>m&n`o/p\\q';
    const escaped = escapeMermaidLabel(text);
    expect(escaped.replaceAll("<br>", "")).not.toMatch(/["[\](){}|\n<>&`/\\]|#(?!\d+;|quot;)/);
    expect(escaped).toContain("#quot;");
    expect(unescapeMermaidLabel(escaped)).toBe(text);
  });

  it("reads Mermaid's own entity codes and line breaks in hand-written text", () => {
    expect(unescapeMermaidLabel("A#amp;B<br/>C#lt;D#gt;#9829;#unknown;")).toBe("A&B\nC<D>♥#unknown;");
  });
});

describe("parseMermaidFlowchart on hand-written text", () => {
  it("reads common shapes, inline declarations, semicolons, text on links and two-way arrows", () => {
    const parsed = parseMermaidFlowchart(
      [
        "```mermaid",
        "graph TD;",
        "  %% a comment",
        "  A[Client] -- login form --> B(Auth service);",
        "  B --> C[(Users)]; B ==> D([Worker])",
        "  D <--> E{{Queue}}",
        "  F[/Partner/] -.-> G((Gateway)):::edge",
        "  subgraph Cloud",
        "    direction LR",
        "    H[[Billing]]",
        "  end",
        "  classDef edge fill:#f96",
        "  G --- H",
        "```",
      ].join("\n"),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.diagram.elements.map((e) => [e.id, e.kind, e.name])).toEqual([
      ["A", "entity", "Client"],
      ["B", "process", "Auth service"],
      ["C", "store", "Users"],
      ["D", "process", "Worker"],
      ["E", "process", "Queue"],
      ["F", "entity", "Partner"],
      ["G", "process", "Gateway"],
      ["H", "process", "Billing"],
    ]);
    expect(parsed.diagram.flows.map((f) => `${f.from}>${f.to}:${f.label}`)).toEqual(["A>B:login form", "B>C:", "B>D:", "D>E:", "E>D:", "F>G:", "G>H:"]);
    expect(parsed.diagram.boundaries.map((b) => [b.id, b.name])).toEqual([["Cloud", "Cloud"]]);
    expect(parsed.diagram.name).toBe("Imported diagram");
    expect(new Set([...parsed.diagram.flows, ...parsed.diagram.elements].map((x) => x.id)).size).toBe(15);
  });

  it("reads a node never given a shape as an external entity named by its id, and takes names from options", () => {
    const parsed = parseMermaidFlowchart("flowchart LR\n  a --> b", { id: "x", name: "Given" });
    expect(parsed).toMatchObject({ ok: true, diagram: { id: "x", name: "Given", elements: [{ id: "a", kind: "entity", name: "a" }, { id: "b" }] } });
  });

  it("splits data from protocol at the last ' / ' of a hand-written label", () => {
    const parsed = parseMermaidFlowchart("flowchart LR\n  a -->|read / write / HTTPS| b\n  a -->|HTTP/2| b");
    expect(parsed.ok && parsed.diagram.flows.map((f) => [f.label, f.protocol])).toEqual([
      ["read / write", "HTTPS"],
      ["HTTP/2", ""],
    ]);
  });
});

describe("parseMermaidFlowchart refusals", () => {
  it.each([
    ["", 'There is no Mermaid flowchart in the text: one starts with "flowchart LR" (or TD, or graph).'],
    [
      "sequenceDiagram\n  A->>B: hi",
      'Line 1: this is a Mermaid "sequenceDiagram" block, not a flowchart; only flowcharts (flowchart LR) can become a diagram.',
    ],
    ["flowchart sideways\nA-->B", 'Line 1: a Mermaid flowchart starts with "flowchart LR" (or TD, or graph); found "flowchart sideways".'],
    ["---\ntitle: x\nflowchart LR", "The front matter that starts on line 1 has no closing ---."],
    ["flowchart LR\n  subgraph Zone\n    a[A]", 'The subgraph "Zone" is not closed with "end".'],
    ["flowchart LR\n  a[A]\n  end", 'Line 3: "end" without a subgraph to close.'],
    ["flowchart LR\n  a -->", 'Line 2: could not read "a -->".'],
    ['flowchart LR\n  a["unclosed]', 'Line 2: could not read "a["unclosed]".'],
    ["flowchart LR\n  a[A] ~~> b", 'Line 2: could not read "a[A] ~~> b".'],
    ["flowchart LR\n  subgraph Zone\n  end\n  a --> Zone", 'The subgraph "Zone" has the id "Zone" of a node; flows join elements, not trust boundaries.'],
  ])("%j", (text, refusal) => {
    expect(parseMermaidFlowchart(text)).toEqual({ ok: false, refusals: [refusal] });
  });

  it("lists every unreadable line, up to twenty", () => {
    const text = `flowchart LR\n${Array.from({ length: 30 }, () => "  ??").join("\n")}`;
    const parsed = parseMermaidFlowchart(text);
    expect(parsed.ok === false && parsed.refusals.length).toBe(20);
    expect(parsed.ok === false && parsed.refusals[0]).toBe('Line 2: could not read "??".');
  });

  it("refuses a flowchart past the diagram limits with the diagram's own wording", () => {
    const text = `flowchart LR\n${Array.from({ length: 501 }, (_, i) => `  n${i}((P))`).join("\n")}`;
    expect(parseMermaidFlowchart(text)).toEqual({
      ok: false,
      refusals: ["The diagram has 501 elements; at most 500 fit in one diagram. Split it into several."],
    });
  });

  it("refuses text over 2 MB before reading it", () => {
    expect(parseMermaidFlowchart(`flowchart LR\n%% ${"x".repeat(2 * 1024 * 1024)}`)).toEqual({ ok: false, refusals: ["The text is larger than 2 MB."] });
  });

  it("never throws on arbitrary text", () => {
    // A fixed pseudo-random sequence, so a failure is reproducible.
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['"', "[", "]", "(", ")", "{", "}", "|", "-", ">", "<", "=", ".", "/", "\\", "#", ";", "\n", " ", "a", "b", "end", "subgraph ", "%%", "`"];
    for (let i = 0; i < 300; i++) {
      const body = Array.from({ length: 40 }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      expect(() => parseMermaidFlowchart(`flowchart LR\n${body}`)).not.toThrow();
    }
  });
});
