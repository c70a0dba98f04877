import { describe, expect, it } from "vitest";
import { readBoundedBytes } from "@/lib/api/json-body";
import { acceptsCspReportType, CSP_REPORT_MAX_BYTES, CSP_REPORTS_PER_REQUEST, loggableUrl, parseCspReport } from "@/lib/http/csp-report";

/** The report endpoint's reading: the shared bounded reader, as text. */
async function readBounded(body: ReadableStream<Uint8Array> | null, max: number): Promise<string | null> {
  const bytes = await readBoundedBytes(body, max);
  return bytes && new TextDecoder().decode(bytes);
}

const TOKEN = "Zq3k9mB2xW7yR1tU5vP8sN4cL6hJ0aD_-eF2gH3iK";

const reportUriBody = JSON.stringify({
  "csp-report": {
    "document-uri": `http://localhost:3000/invite/${TOKEN}?next=/acme#x`,
    referrer: "",
    "violated-directive": "script-src-elem",
    "effective-directive": "script-src-elem",
    "original-policy": "default-src 'self'; …",
    disposition: "enforce",
    "blocked-uri": "inline",
    "line-number": 12,
    "column-number": "3",
    "source-file": "http://localhost:3000/_next/static/chunks/app.js?v=1",
    "status-code": 200,
    "script-sample": "window.__injected = true",
  },
});

const reportingApiBody = JSON.stringify([
  {
    age: 10,
    type: "csp-violation",
    url: "http://localhost:3000/acme",
    user_agent: "Chrome",
    body: {
      documentURL: "http://localhost:3000/acme/models?q=secret",
      blockedURL: "https://evil.example/x.js?k=1",
      effectiveDirective: "script-src-elem",
      disposition: "enforce",
      lineNumber: 4,
      sample: "x".repeat(500),
      statusCode: 200,
    },
  },
  { type: "deprecation", body: { id: "x" } },
]);

describe("parseCspReport", () => {
  it("reads a report-uri body, URLs without queries and tokens", () => {
    expect(parseCspReport("application/csp-report", reportUriBody)).toEqual({
      ok: true,
      dropped: 0,
      violations: [
        {
          documentUrl: "http://localhost:3000/invite/[…]",
          blockedUrl: "inline",
          effectiveDirective: "script-src-elem",
          disposition: "enforce",
          sourceFile: "http://localhost:3000/_next/static/chunks/app.js",
          line: 12,
          column: 3,
          sample: "window.__injected = true",
          statusCode: 200,
        },
      ],
    });
  });

  it("reads the Reporting API's csp-violation reports and skips other types", () => {
    const parsed = parseCspReport("application/reports+json", reportingApiBody);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.violations).toHaveLength(1);
    expect(parsed.violations[0]).toMatchObject({
      documentUrl: "http://localhost:3000/acme/models",
      blockedUrl: "https://evil.example/x.js",
      effectiveDirective: "script-src-elem",
      line: 4,
    });
    expect(parsed.violations[0]!.sample).toHaveLength(80);
  });

  it("cuts a long batch", () => {
    const one = { type: "csp-violation", body: { effectiveDirective: "img-src" } };
    const parsed = parseCspReport("application/reports+json; charset=utf-8", JSON.stringify(Array(CSP_REPORTS_PER_REQUEST + 5).fill(one)));
    expect(parsed).toMatchObject({ ok: true, dropped: 5 });
    if (parsed.ok) expect(parsed.violations).toHaveLength(CSP_REPORTS_PER_REQUEST);
  });

  it.each([
    ["text/plain", reportUriBody, "content-type"],
    [null, reportUriBody, "content-type"],
    ["multipart/form-data", "x", "content-type"],
    ["application/csp-report", "{not json", "json"],
    ["application/csp-report", "", "json"],
    ["application/csp-report", "null", "shape"],
    ["application/csp-report", '"csp-report"', "shape"],
    ["application/csp-report", '{"csp-report": []}', "shape"],
    ["application/reports+json", "[]", "shape"],
    ["application/reports+json", '[{"type":"csp-violation","body":null}]', "shape"],
    ["application/reports+json", '[1, "two", null]', "shape"],
  ])("refuses %s %j (%s)", (type, body, reason) => {
    expect(parseCspReport(type, body)).toEqual({ ok: false, reason });
  });

  it("ignores fields of the wrong type", () => {
    const parsed = parseCspReport(
      "application/csp-report",
      JSON.stringify({ "csp-report": { "line-number": -1, "blocked-uri": 5, "effective-directive": {}, "status-code": 1.5 } }),
    );
    expect(parsed.ok && parsed.violations[0]).toEqual({});
  });
});

describe("loggableUrl", () => {
  it.each([
    ["http://localhost:3000/reset-password/" + TOKEN, "http://localhost:3000/reset-password/[…]"],
    ["https://threatdesk.example.com/acme/models/cm1234567890abcdefghijk?tab=x", "https://threatdesk.example.com/acme/models/cm1234567890abcdefghijk"],
    ["inline", "inline"],
    ["eval", "eval"],
    ["data:image/png;base64,AAAA", "data"],
    ["blob:http://localhost/x", "blob"],
    ["not a url at all", "[unparsable]"],
    ["", undefined],
    [42, undefined],
  ])("%j → %j", (input, expected) => {
    expect(loggableUrl(input)).toBe(expected);
  });
});

describe("acceptsCspReportType", () => {
  it("takes the two report formats and plain JSON, parameters aside", () => {
    expect(acceptsCspReportType("application/csp-report")).toBe(true);
    expect(acceptsCspReportType("Application/Reports+JSON; charset=utf-8")).toBe(true);
    expect(acceptsCspReportType("application/json")).toBe(true);
    expect(acceptsCspReportType("text/html")).toBe(false);
  });
});

describe("readBounded", () => {
  function stream(chunks: string[]) {
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        controller.close();
      },
    });
  }

  it("reads a body within the limit, multi-byte characters across chunks included", async () => {
    const bytes = new TextEncoder().encode("ab…cd");
    const split = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 3));
        controller.enqueue(bytes.slice(3));
        controller.close();
      },
    });
    expect(await readBounded(split, 100)).toBe("ab…cd");
    expect(await readBounded(null, 100)).toBe("");
  });

  it("gives up at the limit", async () => {
    expect(await readBounded(stream(["x".repeat(CSP_REPORT_MAX_BYTES), "y"]), CSP_REPORT_MAX_BYTES)).toBeNull();
    expect(await readBounded(stream(["x".repeat(10)]), 10)).toBe("x".repeat(10));
  });
});
