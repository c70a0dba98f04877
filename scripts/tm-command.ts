// What every operator command is made of: the options it may be given, what its handler is given
// and returns, and how its input is validated and its result written. The commands themselves
// are the table in tm-commands.ts.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";

export class UsageError extends Error {}

export const OPTIONS = {
  email: { type: "string" },
  name: { type: "string" },
  password: { type: "string" },
  owner: { type: "string" },
  slug: { type: "string" },
  org: { type: "string" },
  role: { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
  against: { type: "string" },
  "public-key": { type: "string" },
  "dry-run": { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]["type"] extends "boolean" ? boolean : string };

/** What a command's handler is given: its options, and its positional argument when it takes one. */
export type Invocation = { command: string; values: Values; argument?: string };

/**
 * What a handler returns once its input is valid, before any database is touched: the work, and
 * how its result is shown. `output` prints whether or not --json is given; `print` replaces the
 * default printing (JSON with --json, a table for a list, the object otherwise).
 */
export type Job = {
  run: () => Promise<unknown>;
  print?: (result: unknown) => void;
  output?: (result: unknown) => void;
  /** 0 unless the result says otherwise (a broken chain, a refused import). */
  exitCode?: (result: unknown) => number;
  /** False for commands that need no database (help). */
  database?: boolean;
};

export type Command = {
  /** One word, or two for a command with a subcommand ("audit verify"). */
  name: string;
  usage: string;
  /** The help's lines for it. */
  summary: string[];
  /** What the one positional argument after the name is ("a file"), when the command takes one. */
  argument?: string;
  handler: (invocation: Invocation) => Promise<Job>;
};

export function generatedPassword() {
  return randomBytes(18).toString("base64url");
}

export function parse<T extends z.ZodType>(schema: T, values: unknown): z.output<T> {
  const result = schema.safeParse(values);
  if (!result.success) {
    throw new UsageError(result.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
  }
  return result.data;
}

export function need(invocation: Invocation, ...names: (keyof Values)[]) {
  for (const name of names) if (invocation.values[name] === undefined) throw new UsageError(`${invocation.command} needs --${name}`);
}

/** A file's text (a checkpoint file, a PEM key), read before any database is touched. */
export function readTextFile(file: string) {
  return Buffer.from(readFile(file)).toString("utf8");
}

export function readFile(file: string) {
  try {
    return new Uint8Array(fs.readFileSync(path.resolve(file)));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message.replace(/^[A-Z]+: /, "") : String(error)}`);
  }
}

/** Writes to --out, or to standard output. */
export function writeOut(values: Values, body: string) {
  if (values.out === undefined) {
    process.stdout.write(body);
    return;
  }
  fs.writeFileSync(path.resolve(values.out), body);
  console.error(`tm: wrote ${values.out} (${Buffer.byteLength(body)} bytes)`);
}

type Refusal = { ok: false; error: string; details: string[] };

/** A refused import exits with 1 and says why; everything else (unknown organization, bad options) stays an error. */
export async function refused(error: unknown): Promise<Refusal> {
  const { SafeError } = await import("@/lib/errors");
  if (!(error instanceof SafeError) || error.code === "not-found") throw error;
  return { ok: false, error: error.message, details: (error as { details?: string[] }).details ?? [] };
}

export const isRefusal = (result: unknown): result is Refusal => typeof result === "object" && result !== null && "ok" in result;

/** How an import's result is shown: the refusal, or the result as JSON with --json, or as the lines `describe` makes. */
export function importOutput<R>(values: Values, describe: (result: R) => string[]) {
  return (result: unknown) => {
    if (isRefusal(result)) {
      if (values.json) console.log(JSON.stringify(result, null, 2));
      else console.error([`tm: import refused: ${result.error}`, ...result.details.map((d) => `  ${d}`)].join("\n"));
    } else if (values.json) console.log(JSON.stringify({ ok: true, ...(result as object) }, null, 2));
    else console.log(describe(result as R).join("\n"));
  };
}

export async function operator() {
  const ops = await import("@/lib/data/operator");
  const op = {
    kind: "operator" as const,
    actorLabel: `operator CLI (${process.env.USER ?? "unknown"})`,
    meta: { requestId: `cli-${randomBytes(6).toString("hex")}`, ip: null, userAgent: "threatdesk-cli" },
  };
  return { ops, op };
}

export const fields = () => import("@/lib/validation/fields");
