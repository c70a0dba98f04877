// Structured logs: one JSON line per request or action. Values under keys that can carry
// secrets are replaced before anything is written, however deeply they are nested.
const SECRET_KEY = /pass(word)?|secret|token|cookie|authorization|hash|session|csrf|credential|api[-_]?key|private[-_]?key|jwt|otp/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return "[deep]";
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  // A Date has no own enumerable keys: without this it would be logged as {}.
  if (value instanceof Date) return value;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1)]));
  }
  return value;
}

type Level = "debug" | "info" | "warn" | "error";

function write(level: Level, event: string, fields: Record<string, unknown>) {
  if (process.env.THREATDESK_LOG === "silent") return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...(redact(fields) as object) });
  // console writes one line to stdout/stderr in Node and also works in the edge runtime.
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const log = {
  info: (event: string, fields: Record<string, unknown> = {}) => write("info", event, fields),
  warn: (event: string, fields: Record<string, unknown> = {}) => write("warn", event, fields),
  error: (event: string, fields: Record<string, unknown> = {}) => write("error", event, fields),
};
