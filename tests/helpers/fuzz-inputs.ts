// The input-fuzz suite's inputs, generated from the schemas the wrappers record (lib/api/endpoints):
// for each endpoint a valid baseline per shape its schema allows, then inputs that each break one
// thing of it (one field, the whole value, the organization in the call), the way a hostile or
// broken client would. Values the suite only knows when it runs (a model's id, its lockVersion)
// are placeholders ("@@modelId") that it fills in just before sending.
import type { z } from "zod";

/** The values a running suite fills in: ids of rows it set up, and the model's lockVersion as it is then. */
export const POOL_KEYS = [
  "modelId",
  "targetModelId",
  "threatId",
  "mitigationId",
  "acceptanceId",
  "membershipId",
  "inviteId",
  "entryId",
  "factorId",
  "sessionId",
  "ownerId",
  "lockVersion",
  "sourceLockVersion",
  "slug",
] as const;
export type PoolKey = (typeof POOL_KEYS)[number];
/** Pool keys that name the same thing under another name. */
const POOL_ALIASES: Record<string, PoolKey> = { id: "modelId" };

/** Ids no row has, and rows of another model, for the "foreign id" inputs. */
export const MISSING_ID = "fuzzmissing0000000000001";
export const FOREIGN_ROW = "@@foreignRow";
/** A value nested this deep, written out when sent (it would bloat the inputs file). */
export const DEEP = (depth: number) => ({ "@@deep": depth });
export const ORGANIZATION = "@@slug";

export type FuzzInput = { label: string; args: unknown[] };
export type RouteFuzzInput = {
  label: string;
  /** Path parameters by name; a missing one takes the route's usual value. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** A JSON value to send, or raw text with its content type. */
  body?: { json: unknown } | { text: string; contentType: string } | { bytes: number; contentType: string };
  headers?: Record<string, string>;
};

type Path = (string | number)[];
type LeafKind = "string" | "number" | "boolean" | "choice" | "array" | "object" | "omitted-id" | "other";
type Leaf = { path: Path; kind: LeafKind; maxLength?: number; maxItems?: number; idLike: boolean; date: boolean; sample?: unknown };
type Sample = { value: unknown; leaves: Leaf[] };

const OMIT = Symbol("omit");

// Zod's own definitions, read to walk a schema (zod 4 keeps them on `_zod.def`).
type Def = {
  type: string;
  checks?: { _zod: { def: { check: string; maximum?: number; format?: string } } }[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, unknown>;
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional", "success"]);

/** The schema under optional/nullable/default and the like, and the pipe's first stage (a preprocess's target). */
function core(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in && def.out) current = defOf(def.in).type === "transform" ? def.out : def.in;
    else break;
  }
  return current;
}

/** The smallest maximum length or item count any stage of the schema sets. */
function maximum(schema: z.ZodType, check: "max_length"): number | undefined {
  let found: number | undefined;
  const visit = (s: z.ZodType, depth: number) => {
    if (depth > 20) return;
    const def = defOf(s);
    for (const c of def.checks ?? []) {
      const d = c._zod.def;
      if (d.check === check && d.maximum !== undefined) found = Math.min(found ?? Infinity, d.maximum);
    }
    if (def.innerType) visit(def.innerType, depth + 1);
    if (def.type === "pipe") {
      if (def.in) visit(def.in, depth + 1);
      if (def.out) visit(def.out, depth + 1);
    }
  };
  visit(schema, 0);
  return found;
}

const isIdKey = (key: string | undefined) => key !== undefined && (key === "id" || /Ids?$/.test(key));
const poolKeyOf = (key: string | undefined): PoolKey | undefined =>
  key === undefined ? undefined : (POOL_KEYS as readonly string[]).includes(key) ? (key as PoolKey) : POOL_ALIASES[key];

const TEXT_CANDIDATES = [
  "Fuzz text",
  "fuzz-text",
  "2027-03-31",
  "1.0.0",
  "123456",
  "fuzz@example.test",
  "/acme",
  "7KQ2M-X9D4P",
  "correct horse battery staple fuzz",
  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  "2026-12-01T00:00:00.000Z",
  "public-key",
  "x",
];
const NUMBER_CANDIDATES = [1, 2, 10, 100, 0];

/** Values a test may use for the placeholders, valid for every schema (the suite uses real ones). */
export const SAMPLE_POOL: Record<PoolKey, unknown> & { foreignRow: string } = {
  modelId: "fuzzmodel0000000000000001",
  targetModelId: "fuzzmodel0000000000000002",
  threatId: "fuzzthreat000000000000001",
  mitigationId: "fuzzmitigation00000000001",
  acceptanceId: "fuzzacceptance00000000001",
  membershipId: "fuzzmembership00000000001",
  inviteId: "fuzzinvite000000000000001",
  entryId: "fuzzentry0000000000000001",
  factorId: "fuzzfactor000000000000001",
  sessionId: "fuzzsession00000000000001",
  ownerId: "fuzzuser00000000000000001",
  lockVersion: 1,
  sourceLockVersion: 1,
  slug: "acme",
  foreignRow: "fuzzforeign00000000000001",
};

function pick<T>(candidates: T[], schema: z.ZodType): T | undefined {
  return candidates.find((c) => schema.safeParse(c).success);
}

/** A valid value (best effort) for each shape the schema allows, with the leaves an input can break. */
function sample(schema: z.ZodType, path: Path, key: string | undefined, depth = 0): Sample[] {
  if (depth > 30) return [{ value: null, leaves: [] }];
  const outer = defOf(schema);
  const pool = poolKeyOf(key);
  if (outer.type === "optional" && isIdKey(key) && !pool) return [{ value: OMIT, leaves: [{ path, kind: "omitted-id", idLike: true, date: false }] }];
  const inner = core(schema);
  const def = defOf(inner);
  const leaf = (kind: LeafKind, value: unknown, extra: Partial<Leaf> = {}): Sample[] => [
    { value, leaves: [{ path, kind, idLike: isIdKey(key), date: false, sample: value, ...extra }] },
  ];
  if (pool) {
    const placeholder = `@@${pool}`;
    return leaf(typeof SAMPLE_POOL[pool] === "number" ? "number" : "string", placeholder, { maxLength: maximum(schema, "max_length") });
  }
  switch (def.type) {
    case "object": {
      const entries = Object.entries(def.shape ?? {}).map(([k, s]) => [k, sample(s, [...path, k], k, depth + 1)] as const);
      const build = (choice: Record<string, Sample>) => {
        const value: Record<string, unknown> = {};
        const leaves: Leaf[] = [];
        for (const [k, s] of Object.entries(choice)) {
          if (s.value !== OMIT) value[k] = s.value;
          leaves.push(...s.leaves);
        }
        return { value, leaves: [{ path, kind: "object" as const, idLike: false, date: false }, ...leaves] };
      };
      const first = Object.fromEntries(entries.map(([k, s]) => [k, s[0]!]));
      // The first shape of every field, then each field's other shapes one at a time.
      return [build(first), ...entries.flatMap(([k, s]) => s.slice(1).map((alt) => build({ ...first, [k]: alt })))];
    }
    case "array": {
      const maxItems = maximum(inner, "max_length");
      const element = def.element!;
      if (isIdKey(key) || defOf(core(element)).type === "string") {
        return [{ value: [], leaves: [{ path, kind: "array", idLike: isIdKey(key), date: false, maxItems }] }];
      }
      return sample(element, [...path, 0], undefined, depth + 1).map((s) => ({
        value: [s.value],
        leaves: [{ path, kind: "array" as const, idLike: false, date: false, maxItems, sample: s.value }, ...s.leaves],
      }));
    }
    case "union":
      return (def.options ?? []).flatMap((option) => sample(option, path, key, depth + 1));
    case "literal":
      return leaf("choice", def.values?.[0]);
    case "enum":
      return leaf("choice", Object.values(def.entries ?? {})[0]);
    case "boolean":
      return leaf("boolean", false);
    case "number":
      return leaf("number", pick(NUMBER_CANDIDATES, schema) ?? 1);
    case "record":
      return leaf("object", {});
    case "string": {
      const value = pick(TEXT_CANDIDATES, schema) ?? "x";
      return leaf("string", value, { maxLength: maximum(schema, "max_length"), date: /^\d{4}-\d{2}-\d{2}$/.test(value) });
    }
    default: {
      const value = pick<unknown>([...TEXT_CANDIDATES, ...NUMBER_CANDIDATES, false, {}], schema) ?? "x";
      return leaf(typeof value === "string" ? "string" : "other", value);
    }
  }
}

export function baselines(schema: z.ZodType): unknown[] {
  return sample(schema, [], undefined).map((s) => (s.value === OMIT ? undefined : s.value));
}

function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) }) as Record<string | number, unknown>;
  copy[head!] = setAt(copy[head!], rest, replacement);
  return copy;
}

const IMPOSSIBLE_DATES = ["2027-02-31", "2026-02-29", "2027-13-01", "2027-04-31", "2027-00-10"];

/** What one leaf of a baseline may be replaced with, each a separate input. */
function breakLeaf(leaf: Leaf): [string, unknown][] {
  const base = typeof leaf.sample === "string" ? leaf.sample : "";
  const texts: [string, unknown][] = [
    ["a NUL", `${base}\u0000`],
    ["a lone high surrogate", `${base}\uD800`],
    ["a lone low surrogate", `\uDC00${base}`],
  ];
  const wrongTypes: [string, unknown][] = [
    ["a number", 42],
    ["an object", { nested: true }],
    ["a nested array", DEEP(64)],
  ];
  const foreign: [string, unknown][] = [
    ["a missing id", MISSING_ID],
    ["another model's row", FOREIGN_ROW],
  ];
  switch (leaf.kind) {
    case "string": {
      const out = [...texts, ...wrongTypes, ["null", null] as [string, unknown]];
      if (leaf.maxLength !== undefined && leaf.maxLength < 10_000_000) out.push(["one character too many", "x".repeat(leaf.maxLength + 1)]);
      if (leaf.date) out.push(...IMPOSSIBLE_DATES.map((d) => [`the impossible date ${d}`, d] as [string, unknown]));
      if (leaf.idLike) out.push(...foreign);
      return out;
    }
    case "choice":
      return [...texts, ["a number", 42], ["null", null]];
    case "number":
      return [
        ["-1", -1],
        ["0.5", 0.5],
        ["1e308", 1e308],
        ["a NUL", "\u0000"],
        ["an object", {}],
      ];
    case "boolean":
      return [
        ["the text true", "true"],
        ["1", 1],
        ["a NUL", "\u0000"],
      ];
    case "array": {
      const out: [string, unknown][] = [
        ["a text", "x\u0000"],
        ["a nested array", DEEP(64)],
      ];
      if (leaf.maxItems !== undefined && leaf.maxItems <= 1_000)
        out.push(["one item too many", Array.from({ length: leaf.maxItems + 1 }, () => leaf.sample ?? (leaf.idLike ? MISSING_ID : "x"))]);
      if (leaf.idLike) out.push(["a missing id", [MISSING_ID]], ["another model's row", [FOREIGN_ROW]], ["a NUL", ["a\u0000"]]);
      return out;
    }
    case "object":
      return [
        ["a nested value", DEEP(2_000)],
        ["an array", []],
        ["a NUL key", { "\u0000": "x" }],
      ];
    case "omitted-id":
      return [...foreign, ["a NUL", "a\u0000"], ["a lone surrogate", "\uD800"]];
    default:
      return [...texts, ["a nested value", DEEP(64)]];
  }
}

/** Every input the suite sends one server action: the arguments as the browser would post them. */
export function actionInputs(definition: { kind: string; input: z.ZodType }): FuzzInput[] {
  const inOrganization = definition.kind === "org-action";
  const call = (input: unknown) => (inOrganization ? [ORGANIZATION, input] : [input]);
  const inputs: FuzzInput[] = [];
  const samples = sample(definition.input, [], undefined);
  for (const [i, s] of samples.entries()) {
    const shape = samples.length > 1 ? ` (shape ${i + 1})` : "";
    for (const leaf of s.leaves) {
      for (const [what, replacement] of breakLeaf(leaf)) {
        const where = leaf.path.length ? leaf.path.join(".") : "the input";
        inputs.push({ label: `${where}${shape}: ${what}`, args: call(setAt(s.value === OMIT ? undefined : s.value, leaf.path, replacement)) });
      }
    }
  }
  const first = samples[0]?.value;
  for (const [what, whole] of [
    ["null", null],
    ["a number", 7],
    ["a text", "fuzz\u0000"],
    ["an array", []],
    // Deeper than this, React's decoder of the action's arguments overflows its stack inside Next,
    // before any ThreatDesk code runs: a depth limit on action bodies would belong in proxy.ts.
    ["nested 2,000 deep", DEEP(2_000)],
  ] as [string, unknown][])
    inputs.push({ label: `the input: ${what}`, args: call(whole) });
  if (inOrganization) {
    for (const [what, slug] of [
      ["a NUL", "acme\u0000"],
      ["a lone surrogate", "acme\uD800"],
      ["5,000 characters", "a".repeat(5_000)],
      ["a number", 42],
      ["null", null],
      ["an organization that does not exist", "fuzz-no-such-organization"],
    ] as [string, unknown][])
      inputs.push({ label: `the organization: ${what}`, args: [slug, first] });
  }
  inputs.push({ label: "no arguments", args: [] });
  return inputs;
}

/** A route handler as the suite calls it: its method and path, and what its wrapper says it reads. */
export type RouteEndpoint = { method: string; path: string; body?: z.ZodType; query?: z.ZodType; maxBytes?: number };

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const isStateChanging = (method: string) => STATE_CHANGING.has(method);

/** Every input the suite sends one route handler. */
export function routeInputs(route: RouteEndpoint): RouteFuzzInput[] {
  const inputs: RouteFuzzInput[] = [];
  for (const name of [...route.path.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!)) {
    // Not a lone surrogate: a URL cannot carry one, and the bytes that would encode it are not
    // UTF-8, which Next's router answers with a 500 before any ThreatDesk code runs.
    for (const [what, value] of [
      ["a NUL", "a\u0000"],
      ["5,000 characters", "a".repeat(5_000)],
      ["a missing id", MISSING_ID],
    ])
      inputs.push({ label: `path parameter ${name}: ${what}`, params: { [name]: value! } });
  }
  const query = route.query ? sample(route.query, [], undefined)[0] : undefined;
  const queryBase = Object.fromEntries(Object.entries((query?.value as Record<string, unknown>) ?? {}).map(([k, v]) => [k, String(v)]));
  for (const key of route.query ? Object.keys(queryBase) : ["q"]) {
    for (const [what, value] of [
      ["a NUL", `${queryBase[key] ?? ""}\u0000`],
      ["a lone surrogate", `${queryBase[key] ?? ""}\uD800`],
      ["5,000 characters", "a".repeat(5_000)],
      ["an impossible date", "2027-02-31"],
    ])
      inputs.push({ label: `query ${key}: ${what}`, query: { ...queryBase, [key]: value! } });
  }
  // Any filter a list may take, with a NUL: those the route does not read are ignored.
  if (route.query)
    inputs.push({ label: "every filter: a NUL", query: Object.fromEntries(Object.keys(defOf(core(route.query)).shape ?? {}).map((k) => [k, "\u0000"])) });
  if (!isStateChanging(route.method)) return inputs;

  const body = route.body ? sample(route.body, [], undefined)[0] : undefined;
  const json = body?.value ?? {};
  const text = JSON.stringify(json);
  inputs.push(
    { label: "cross-origin JSON", body: { json }, headers: { origin: "http://evil.example.test" } },
    { label: "cross-origin text/plain form", body: { text, contentType: "text/plain" }, headers: { origin: "http://evil.example.test" } },
    {
      label: "same-site subdomain text/plain form",
      body: { text, contentType: "text/plain" },
      headers: { origin: "http://evil.localhost", "sec-fetch-site": "same-site" },
    },
    { label: "an opaque origin", body: { json }, headers: { origin: "null" } },
    { label: "text/plain without an origin", body: { text, contentType: "text/plain" } },
    { label: "a form body", body: { text: "title=Fuzz", contentType: "application/x-www-form-urlencoded" } },
    { label: "multipart", body: { text: "--x\r\n\r\n--x--", contentType: "multipart/form-data; boundary=x" } },
    { label: "no body", body: { text: "", contentType: "application/json" } },
    { label: "malformed JSON", body: { text: "{not json", contentType: "application/json" } },
    { label: "a NUL byte outside any string", body: { text: `${text}\u0000`, contentType: "application/json" } },
    { label: "nested 10,000 deep", body: { json: DEEP(10_000) } },
    { label: "over the size limit", body: { bytes: (route.maxBytes ?? 1_000_000) + 1, contentType: "application/json" } },
    { label: "null", body: { json: null } },
    { label: "an array", body: { json: [] } },
  );
  for (const leaf of body?.leaves ?? []) {
    for (const [what, replacement] of breakLeaf(leaf)) {
      inputs.push({ label: `body ${leaf.path.join(".") || "(whole)"}: ${what}`, body: { json: setAt(json, leaf.path, replacement) } });
    }
  }
  return inputs;
}

/** The value with its placeholders filled in from the pool (deep markers are left for toJson). */
export function fillIn(value: unknown, pool: Record<string, unknown>): unknown {
  if (typeof value === "string" && value.includes("@@")) {
    const whole = /^@@(\w+)$/.exec(value);
    if (whole) {
      if (!(whole[1]! in pool)) throw new Error(`No pool value for ${value}`);
      return pool[whole[1]!];
    }
    // A broken placeholder ("@@slug" with a NUL after it): the real value, broken the same way.
    return value.replace(/@@(\w+)/g, (placeholder, key: string) => (key in pool ? String(pool[key]) : placeholder));
  }
  if (Array.isArray(value)) return value.map((v) => fillIn(v, pool));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillIn(v, pool)]));
  return value;
}

const DEEP_TOKEN = "\u0000@@deep@@";

/** The value as JSON, each deep marker written out as arrays nested that deep (as text: no stack holds them as values). */
export function toJson(value: unknown): string {
  const json = JSON.stringify(value, (_key, v: unknown) => {
    const deep = v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>)["@@deep"] : undefined;
    return typeof deep === "number" ? `${DEEP_TOKEN}${deep}` : v;
  });
  return json.replace(/"\\u0000@@deep@@(\d+)"/g, (_m, depth: string) => "[".repeat(Number(depth)) + "]".repeat(Number(depth)));
}
