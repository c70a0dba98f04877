import { describe, expect, it } from "vitest";
import type { Diagram } from "./diagram";
import { newBoundaryBox, newBoundaryLine, newEntity, newFlow, newProcess, newStore } from "./new-items";
import { diagramSvg, escapeXml, wrapText } from "./svg";

function shop(): Diagram {
  return {
    id: "d",
    name: `Shop <"main"> & 'co'`,
    elements: [
      newEntity({ id: "user", name: "User <script>alert(1)</script>", actor: "human", position: { x: 0, y: 0, width: 140, height: 70 } }),
      newProcess({ id: "api", name: 'API & "gateway"', position: { x: 300, y: 0, width: 140, height: 70 } }),
      newStore({ id: "orders", name: "Orders", position: { x: 600, y: 0, width: 140, height: 60 } }),
      newEntity({ id: "psp", name: "Payment provider", outOfScope: true, outOfScopeReason: "Theirs", position: { x: 300, y: 250, width: 140, height: 70 } }),
    ],
    flows: [
      newFlow({ id: "f1", from: "user", to: "api", label: "order <basket>", protocol: "HTTPS" }),
      newFlow({ id: "f2", from: "api", to: "orders", name: "write" }),
      newFlow({ id: "f3", from: "api", to: "psp", label: "charge" }),
      newFlow({ id: "f4", from: "psp", to: "api", label: "callback" }),
    ],
    boundaries: [
      newBoundaryBox({ id: "dc", name: "Data & centre", x: 260, y: -40, width: 520, height: 150 }),
      newBoundaryLine({
        id: "edge",
        name: "Internet <edge>",
        points: [
          { x: 200, y: -60 },
          { x: 200, y: 400 },
        ],
      }),
    ],
  };
}

/** The texts the picture shows, unescaped. */
function texts(svg: string): string[] {
  return Array.from(svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g), (m) =>
    m[1]!
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&"),
  );
}

function viewBox(svg: string): number[] {
  return /viewBox="([^"]*)"/.exec(svg)![1]!.split(" ").map(Number);
}

describe("diagramSvg", () => {
  it("escapes every text: names with <, & and quotes are shown, never read as markup", () => {
    const svg = diagramSvg(shop());
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&lt;script&gt;alert(1)&lt;/");
    expect(svg).toContain("API &amp; &quot;gateway&quot;");
    expect(svg).toContain('<title id="td-diagram-title">Shop &lt;&quot;main&quot;&gt; &amp; &#39;co&#39;</title>');
    expect(texts(svg)).toEqual(expect.arrayContaining(['API & "gateway"', "order <basket> / HTTPS", "write", "Data & centre", "Internet <edge>"]));
    // Every ampersand starts an entity: the document is well-formed XML text.
    expect(svg.replace(/&(amp|lt|gt|quot|#39);/g, "")).not.toMatch(/[&]/);
    expect(escapeXml("a\u0000b\u001fc\uFFFEd\uD800e")).toBe("abcde");
  });

  it("draws each kind in its shape: entities as rectangles, processes rounded, stores as two lines, boundaries dashed", () => {
    const svg = diagramSvg(shop());
    const group = (id: string) => new RegExp(`<g class="([^"]*)" data-id="${id}">(.*?)</g>`).exec(svg)!;
    expect(group("user")[1]).toBe("element entity");
    expect(group("user")[2]).toMatch(/^<rect x="0" y="0" width="140" height="70" /);
    expect(group("api")[1]).toBe("element process");
    expect(group("api")[2]).toMatch(/^<rect [^>]*rx="28"/);
    expect(group("orders")[1]).toBe("element store");
    expect(group("orders")[2]!.match(/<line /g)).toHaveLength(2);
    expect(group("dc")[2]).toMatch(/^<rect [^>]*stroke-dasharray="8 5"/);
    expect(group("edge")[2]).toMatch(/^<polyline points="200,-60 200,400" [^>]*stroke-dasharray="8 5"/);
    expect(svg.match(/<path class="flow" /g)).toHaveLength(4);
    expect(svg).toContain('marker-end="url(#td-arrow)"');
  });

  it("greys what is out of scope and says so in words", () => {
    const svg = diagramSvg(shop());
    expect(/<g class="element entity out-of-scope" data-id="psp">.*?<\/g>/.exec(svg)![0]).toContain(">(out of scope)</text>");
    const withFlow = shop();
    withFlow.flows[2] = { ...withFlow.flows[2]!, outOfScope: true, outOfScopeReason: "Theirs" };
    expect(texts(diagramSvg(withFlow))).toEqual(expect.arrayContaining(["charge", "(out of scope)"]));
  });

  it("shows badges and a revision's marks as text as well as colour", () => {
    const svg = diagramSvg(shop(), {
      badges: { api: "2 open · High", f1: "1 open" },
      highlight: { added: new Set(["orders"]), removed: new Set(["psp"]), changed: new Set(["f1", "dc"]) },
    });
    expect(texts(svg)).toEqual(expect.arrayContaining(["2 open · High", "+", "−", "~", "~ order <basket> / HTTPS", "1 open"]));
    expect(svg.match(/<g class="mark (added|removed|changed)"><title>(added|removed|changed)<\/title>/g)).toHaveLength(3);
    expect(svg).toContain('<g class="flow-label mark changed" data-id="f1"><title>changed</title>');
  });

  it("fits the view to what it draws, with a margin, in finite numbers, and keeps every label at 12 px or more", () => {
    const [x, y, width, height] = viewBox(diagramSvg(shop()));
    expect([x, y, width, height].every(Number.isFinite)).toBe(true);
    // The boundary line reaches from y -60 to 400, the entity from x 0.
    expect(y).toBeLessThanOrEqual(-60 - 24);
    expect(y! + height!).toBeGreaterThanOrEqual(400 + 24);
    expect(x).toBeLessThanOrEqual(-24);
    const sizes = Array.from(diagramSvg(shop(), { badges: { api: "2" } }).matchAll(/font-size="([\d.]+)"/g), (m) => Number(m[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
  });

  it("lays out elements without a position, and gives the same bytes for the same diagram", () => {
    const diagram: Diagram = {
      id: "d",
      name: "Unplaced",
      elements: [newEntity({ id: "a", name: "A" }), newProcess({ id: "b", name: "B" })],
      flows: [newFlow({ id: "f", from: "a", to: "b", label: "x" })],
      boundaries: [],
    };
    const svg = diagramSvg(diagram);
    expect(viewBox(svg).every(Number.isFinite)).toBe(true);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    expect(diagramSvg(diagram)).toBe(svg);
    expect(diagramSvg(shop(), { badges: { api: "b" } })).toBe(diagramSvg(shop(), { badges: { api: "b" } }));
    expect(diagramSvg({ id: "e", name: "", elements: [], flows: [], boundaries: [] })).toMatch(/^<svg [^>]*viewBox="-24 -24 248 108"/);
  });

  it("is standalone: no external reference, script, style attribute or foreign object", () => {
    const svg = diagramSvg(shop(), { badges: { api: "x" }, highlight: { added: new Set(["api"]) } });
    expect(svg.match(/https?:\/\/[^"]*/g)).toEqual(["http://www.w3.org/2000/svg"]);
    expect(svg).not.toMatch(/href|<script|<style| style=|foreignObject|<image/);
    expect(Array.from(svg.matchAll(/url\(([^)]*)\)/g), (m) => m[1])).toEqual(expect.arrayContaining(["#td-arrow"]));
    expect(Array.from(svg.matchAll(/url\(([^)]*)\)/g), (m) => m[1]).every((ref) => ref!.startsWith("#td-arrow"))).toBe(true);
  });
});

describe("wrapText", () => {
  it("breaks at spaces, cuts overlong words and ends a cut text with an ellipsis", () => {
    expect(wrapText("Payment service provider", 12)).toEqual(["Payment", "service", "provider"]);
    expect(wrapText("abcdefghijklmnop", 6)).toEqual(["abcdef", "ghijkl", "mnop"]);
    expect(wrapText("one two three four five six seven", 9, 2)).toEqual(["one two", "three fo…"]);
  });
});
