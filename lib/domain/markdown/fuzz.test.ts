// Whatever arrives as an upload, the importer answers: a document (maybe empty) and warnings,
// never an exception and never a hang. Times are printed for the record; the limits in
// guard.ts are what keeps them small.
import { describe, expect, it } from "vitest";
import { AUTH_SERVICE_MODEL } from "@/lib/demo/models";
import { STRIDE_CATEGORIES } from "../threat-model";
import { exportMarkdown } from "./export";
import { importMarkdown, type MarkdownImport } from "./import";
import { spoofingTable } from "@/tests/helpers/markdown";
import { readSeed, SEED_EXAMPLE, SEED_TEMPLATE } from "@/tests/helpers/seeds";

const SLOW = 120_000;

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function timed(label: string, input: string): { result: MarkdownImport; ms: number } {
  const start = performance.now();
  const result = importMarkdown(input);
  const ms = performance.now() - start;
  console.log(`importMarkdown ${label}: ${input.length.toLocaleString("en")} chars in ${ms.toFixed(0)} ms, ${result.warnings.length} warnings`);
  return { result, ms };
}

function expectWellFormed(result: MarkdownImport) {
  expect(typeof result.document.title).toBe("string");
  expect(Array.isArray(result.document.threats)).toBe(true);
  for (const threat of result.document.threats) expect(STRIDE_CATEGORIES).toContain(threat.category);
  const keys = new Set(result.document.mitigations.map((m) => m.key));
  expect(keys.size).toBe(result.document.mitigations.length);
  for (const threat of result.document.threats) for (const key of threat.mitigationKeys) expect(keys).toContain(key);
  for (const warning of result.warnings) {
    expect(typeof warning.message).toBe("string");
    expect(warning.line).toEqual(expect.any(Number));
  }
}

describe("importMarkdown never throws and never hangs", () => {
  it(
    "reads the seed files and an export cut at 200 random points each",
    () => {
      const next = random(42);
      for (const [name, text] of [
        ["example", readSeed(SEED_EXAMPLE)],
        ["template", readSeed(SEED_TEMPLATE)],
        ["export", exportMarkdown(AUTH_SERVICE_MODEL)],
      ] as const) {
        const start = performance.now();
        for (let i = 0; i < 200; i++) {
          const cut = Math.floor(next() * text.length);
          const result = importMarkdown(text.slice(0, cut));
          expectWellFormed(result);
        }
        console.log(`importMarkdown ${name} truncated 200 times: ${(performance.now() - start).toFixed(0)} ms`);
      }
    },
    SLOW,
  );

  it(
    "reads random bytes, small and 5 MB",
    () => {
      const next = random(7);
      for (let i = 0; i < 50; i++) {
        const bytes = Uint8Array.from({ length: Math.floor(next() * 4000) }, () => Math.floor(next() * 256));
        expectWellFormed(importMarkdown(new TextDecoder().decode(bytes)));
      }
      const big = Uint8Array.from({ length: 5_000_000 }, () => Math.floor(next() * 256));
      const { result } = timed("5 MB of random bytes", new TextDecoder().decode(big));
      expectWellFormed(result);
      expect(result.warnings.some((w) => w.message.includes("only the first"))).toBe(true);
    },
    SLOW,
  );

  it(
    "reads a 100,000-row STRIDE table",
    () => {
      const rows = spoofingTable([]);
      for (let i = 0; i < 100_000; i++) rows.push(`| Threat ${i} | H | M | High | Mitigation ${i % 50} |`);
      const { result } = timed("100,000-row table", rows.join("\n"));
      expectWellFormed(result);
      expect(result.document.threats.length).toBe(2_000);
      expect(result.document.mitigations.length).toBe(50);
      expect(result.warnings.some((w) => w.message.includes("Tables longer than"))).toBe(true);
    },
    SLOW,
  );

  it(
    "reads deep nesting: quotes, lists, emphasis, brackets",
    () => {
      const inputs: [string, string][] = [
        ["10,000 nested quotes", "> ".repeat(10_000) + "x"],
        ["3,000 nested list levels", Array.from({ length: 3_000 }, (_, i) => "  ".repeat(i) + "- x").join("\n")],
        ["5,000 list markers on one line", "- ".repeat(5_000) + "x"],
        [
          "nested lists under a Mitigations label",
          "## STRIDE\n\n### Spoofing\n\n**Threat**: t\n\n**Mitigations**:\n\n" +
            Array.from({ length: 500 }, (_, i) => "  ".repeat(i % 40) + "- ✅ m" + i).join("\n"),
        ],
        ["50,000 emphasis openers", "*a ".repeat(50_000)],
        ["50,000 unmatched brackets", "[".repeat(50_000) + "]".repeat(50_000)],
        ["250 lines of brackets", Array.from({ length: 250 }, () => "[".repeat(1000) + "]".repeat(1000)).join("\n")],
        ["deep HTML", "<div>".repeat(20_000)],
        [
          "a YAML bomb",
          "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n",
        ],
        ["a long code fence", "```\n" + "x\n".repeat(200_000)],
      ];
      for (const [label, input] of inputs) {
        const { result } = timed(label, input);
        expectWellFormed(result);
      }
    },
    SLOW,
  );

  it("accepts anything passed as the source", () => {
    for (const input of [undefined, null, 42, {}, "\uD800", "\r\n\r\n---\r\ntitle: x\r\n---\r\n"] as unknown[]) {
      expectWellFormed(importMarkdown(input as string));
    }
    expect(importMarkdown("\r\n---\r\ntitle: CRLF\r\n---\r\n").document.title).toBe("Untitled threat model");
    expect(importMarkdown("---\r\ntitle: CRLF\r\n---\r\n").document.title).toBe("CRLF");
  });
});
