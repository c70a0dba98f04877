import { afterEach, describe, expect, it, vi } from "vitest";
import { log, redact } from "./log";

const SECRET_KEYS = ["password", "passwordHash", "token", "sessionToken", "cookie", "authorization", "secret"] as const;

describe("redact", () => {
  it.each(SECRET_KEYS)("replaces %s at the top level", (key) => {
    expect(redact({ [key]: "s3cr3t-value", keep: "visible" })).toEqual({ [key]: "[redacted]", keep: "visible" });
  });

  it.each(SECRET_KEYS)("replaces %s deep inside objects", (key) => {
    const input = { request: { headers: { inner: { [key]: "s3cr3t-value", accept: "text/html" } } } };
    expect(redact(input)).toEqual({ request: { headers: { inner: { [key]: "[redacted]", accept: "text/html" } } } });
  });

  it.each(SECRET_KEYS)("replaces %s inside arrays", (key) => {
    const input = {
      users: [
        { id: "u1", [key]: "s3cr3t-1" },
        { id: "u2", [key]: "s3cr3t-2" },
      ],
      list: [[{ [key]: "s3cr3t-3" }]],
    };
    expect(redact(input)).toEqual({
      users: [
        { id: "u1", [key]: "[redacted]" },
        { id: "u2", [key]: "[redacted]" },
      ],
      list: [[{ [key]: "[redacted]" }]],
    });
  });

  it("matches key names case-insensitively (HTTP headers)", () => {
    expect(redact({ Authorization: "Bearer abc", Cookie: "sid=1", "Set-Cookie": "sid=2", "X-CSRF-Token": "t", Host: "a.test" })).toEqual({
      Authorization: "[redacted]",
      Cookie: "[redacted]",
      "Set-Cookie": "[redacted]",
      "X-CSRF-Token": "[redacted]",
      Host: "a.test",
    });
  });

  it("replaces a secret key's value even when it is an object or array", () => {
    expect(redact({ secret: { nested: "s3cr3t" }, tokens: ["a", "b"] })).toEqual({ secret: "[redacted]", tokens: "[redacted]" });
  });

  it("keeps other fields, with their types", () => {
    const input = {
      requestId: "req_1",
      userId: "u1",
      email: "ada@acme.test",
      status: 200,
      ms: 12.5,
      ok: true,
      nothing: null,
      tags: ["a", "b"],
      nested: { path: "/orgs/acme", method: "POST" },
    };
    expect(redact(input)).toEqual(input);
  });

  it("leaves no secret value in the serialized line", () => {
    const line = JSON.stringify(redact({ body: { form: [{ password: "hunter2-hunter2-x" }] }, sessionToken: "tok-xyz" }));
    expect(line).not.toContain("hunter2");
    expect(line).not.toContain("tok-xyz");
  });

  it("does not modify its input", () => {
    const input = { password: "p", nested: { token: "t" } };
    redact(input);
    expect(input).toEqual({ password: "p", nested: { token: "t" } });
  });

  it("passes primitives through", () => {
    expect(redact("text")).toBe("text");
    expect(redact(42)).toBe(42);
    expect(redact(null)).toBeNull();
    expect(redact(undefined)).toBeUndefined();
  });

  it("turns an Error into {name, message, stack}", () => {
    const error = new TypeError("bad input");
    expect(redact(error)).toEqual({ name: "TypeError", message: "bad input", stack: error.stack });
    expect(typeof error.stack).toBe("string");
  });

  it("turns nested Errors (in objects and arrays) into {name, message, stack}, without their other properties", () => {
    const error = Object.assign(new Error("boom"), { password: "leaked?", query: "SELECT 1" });
    const out = redact({ error, errors: [error] }) as { error: Record<string, unknown>; errors: Record<string, unknown>[] };
    expect(out.error).toEqual({ name: "Error", message: "boom", stack: error.stack });
    expect(out.errors[0]).toEqual({ name: "Error", message: "boom", stack: error.stack });
    expect(Object.keys(out.error).sort()).toEqual(["message", "name", "stack"]);
  });

  it("keeps Dates as Dates, so they are written as ISO strings", () => {
    const at = new Date("2025-01-02T03:04:05.678Z");
    expect(JSON.stringify(redact({ at }))).toBe('{"at":"2025-01-02T03:04:05.678Z"}');
  });

  it("stops at depth 6, and a secret below that is still not written", () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: { password: "too-deep-s3cr3t" } } } } } } } };
    const out = redact(deep) as typeof deep;
    expect(out.a.b.c.d.e.f.g).toBe("[deep]");
    expect(JSON.stringify(out)).not.toContain("too-deep-s3cr3t");
  });
});

describe("log", () => {
  const original = process.env.THREATDESK_LOG;
  afterEach(() => {
    process.env.THREATDESK_LOG = original;
    vi.restoreAllMocks();
  });

  /** Captures what reaches stdout and stderr, whether written through console or the streams. */
  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    const sink =
      (into: string[]) =>
      (...args: unknown[]) => {
        into.push(args.map(String).join(" "));
        return true;
      };
    vi.spyOn(console, "log").mockImplementation(sink(out));
    vi.spyOn(console, "info").mockImplementation(sink(out));
    vi.spyOn(console, "error").mockImplementation(sink(err));
    vi.spyOn(console, "warn").mockImplementation(sink(err));
    vi.spyOn(process.stdout, "write").mockImplementation(sink(out));
    vi.spyOn(process.stderr, "write").mockImplementation(sink(err));
    return { out, err };
  }

  it("writes nothing when THREATDESK_LOG=silent", () => {
    process.env.THREATDESK_LOG = "silent";
    const { out, err } = capture();
    log.info("x", { a: 1 });
    log.warn("y", { a: 1 });
    log.error("z", { a: 1 });
    expect(out).toEqual([]);
    expect(err).toEqual([]);
  });

  it("writes one redacted JSON line: info to stdout, warn and error to stderr", () => {
    process.env.THREATDESK_LOG = "info";
    const { out, err } = capture();
    log.info("auth.signed-in", { userId: "u1", password: "hunter2-hunter2-x" });
    log.warn("w", {});
    log.error("e", { error: new Error("boom") });
    expect(out).toHaveLength(1);
    expect(err).toHaveLength(2);
    expect(out[0]!.trim().split("\n")).toHaveLength(1);
    expect(out[0]).not.toContain("hunter2");
    expect(JSON.parse(out[0]!)).toMatchObject({ level: "info", event: "auth.signed-in", userId: "u1", password: "[redacted]" });
    expect(typeof JSON.parse(out[0]!).time).toBe("string");
    expect(JSON.parse(err[0]!)).toMatchObject({ level: "warn", event: "w" });
    expect(JSON.parse(err[1]!)).toMatchObject({ level: "error", event: "e", error: { name: "Error", message: "boom" } });
  });
});
