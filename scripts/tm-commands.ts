// The operator commands, each registered once: its name, usage and summary (which make the help),
// what it takes, and its handler. `scripts/tm.ts` parses, validates and dispatches from this table.
import { z } from "zod";
import { ZText } from "@/lib/validation/fields";
import type { OperatorContext } from "@/lib/auth/context";
import {
  UsageError,
  fields,
  generatedPassword,
  importOutput,
  isRefusal,
  need,
  operator,
  parse,
  readFile,
  readTextFile,
  refused,
  writeOut,
  type Command,
} from "./tm-command";

export const COMMANDS: Command[] = [
  {
    name: "list-orgs",
    usage: "",
    summary: ["List organizations with member and model counts"],
    handler: async () => {
      const { ops } = await operator();
      return { run: () => ops.operatorListOrganizations() };
    },
  },
  {
    name: "create-user",
    usage: "--email E --name N [--password P]",
    summary: ["Create a user (a strong password is generated and", "printed when --password is not given)"],
    handler: async (invocation) => {
      const { values } = invocation;
      need(invocation, "email", "name");
      const { ZEmail, ZNewPassword, ZPersonName } = await fields();
      const generated = values.password === undefined;
      const input = parse(z.object({ email: ZEmail, name: ZPersonName, password: ZNewPassword }), {
        ...values,
        password: values.password ?? generatedPassword(),
      });
      const { ops, op } = await operator();
      return {
        run: async () => {
          const user = await ops.operatorCreateUser(op, input);
          return { ...user, ...(generated ? { password: input.password } : {}) };
        },
      };
    },
  },
  {
    name: "create-org",
    usage: "--name N --owner EMAIL [--slug S]",
    summary: ["Create an organization owned by an existing user"],
    handler: async (invocation) => {
      const { values } = invocation;
      need(invocation, "name", "owner");
      const { ZEmail, ZOrganizationName, ZSlug } = await fields();
      const input = parse(z.object({ name: ZOrganizationName, ownerEmail: ZEmail, slug: ZSlug.optional() }), {
        name: values.name,
        ownerEmail: values.owner,
        slug: values.slug,
      });
      const { ops, op } = await operator();
      return { run: () => ops.operatorCreateOrganization(op, input) };
    },
  },
  {
    name: "add-member",
    usage: "--org SLUG --email E --role R",
    summary: ["Add an existing user to an organization", "(R: OWNER, ADMIN, SECURITY_LEAD, TECH_LEAD, CONTRIBUTOR, VIEWER)"],
    handler: async (invocation) => {
      const { values } = invocation;
      need(invocation, "org", "email", "role");
      const { ZEmail, ZSlug } = await fields();
      const { ZRole } = await import("@/lib/validation/organization");
      const input = parse(z.object({ slug: ZSlug, email: ZEmail, role: ZRole }), { slug: values.org, email: values.email, role: values.role?.toUpperCase() });
      const { ops, op } = await operator();
      return {
        run: async () => {
          await ops.operatorAddMember(op, input);
          return { organization: input.slug, email: input.email, role: input.role };
        },
      };
    },
  },
  {
    name: "reset-password",
    usage: "--email E [--password P]",
    summary: ["Set a new password and end the user's sessions"],
    handler: async (invocation) => {
      const { values } = invocation;
      need(invocation, "email");
      const { ZEmail, ZNewPassword } = await fields();
      const generated = values.password === undefined;
      const input = parse(z.object({ email: ZEmail, password: ZNewPassword }), { email: values.email, password: values.password ?? generatedPassword() });
      const { ops, op } = await operator();
      return { run: async () => ({ email: input.email, ...(await ops.operatorResetPassword(op, input)), ...(generated ? { password: input.password } : {}) }) };
    },
  },
  accountCommand("unlock", ["Unlock an account locked after failed sign-ins"], async (op, input) => (await operator()).ops.operatorUnlockAccount(op, input)),
  accountCommand(
    "reset-two-step",
    ["Remove every second factor and recovery code of a user", "who lost them all (check who is asking first)"],
    async (op, input) => {
      const { operatorResetTwoStep } = await import("@/lib/data/second-factors/operator-reset-two-step");
      return operatorResetTwoStep(op, input);
    },
  ),
  accountCommand(
    "reset-link",
    ["Print a password reset link for the user (single use,", "30 minutes), for installations that send no email"],
    async (op, input) => {
      const { issuePasswordResetLink } = await import("@/lib/data/accounts/issue-password-reset-link");
      return issuePasswordResetLink(op, input);
    },
  ),
  {
    name: "audit verify",
    usage: "[--org SLUG] [--against FILE [--public-key PEM]]",
    summary: [
      "Verify the audit trail's hash chains: the installation's",
      "and every organization's, or only SLUG's. With --against,",
      "also compare each with its checkpoint in FILE (from",
      '"audit checkpoint") and name events missing or rewritten;',
      'the file is checked with PEM ("audit public-key"), or the',
      "installation's own key. One line per chain; exit code 1",
      "when any chain is broken",
    ],
    handler: async ({ values }) => {
      const { ZSlug } = await fields();
      const { org } = parse(z.object({ org: ZSlug.optional() }), { org: values.org });
      if (values["public-key"] !== undefined && values.against === undefined)
        throw new UsageError("--public-key checks a checkpoint file: give it with --against FILE");
      const against = values.against === undefined ? undefined : readTextFile(values.against);
      const publicKeyPem = values["public-key"] === undefined ? undefined : readTextFile(values["public-key"]);
      type Report = { exitCode: 0 | 1; lines: string[] };
      const print = (result: unknown) => console.log((result as Report).lines.join("\n"));
      const exitCode = (result: unknown) => (result as Report).exitCode;
      if (against !== undefined) {
        const { operatorVerifyAgainstCheckpoints } = await import("@/lib/data/audit-checkpoints/verify-audit-checkpoints");
        return { run: () => operatorVerifyAgainstCheckpoints({ content: against, publicKeyPem, slug: org }), exitCode, print };
      }
      const { ops } = await operator();
      return { run: () => ops.operatorVerifyAuditChains({ slug: org }), exitCode, print };
    },
  },
  {
    name: "audit checkpoint",
    usage: "[--out FILE]",
    summary: [
      "Sign a checkpoint of every audit chain now (the server",
      "does so hourly) and write the signed file of them to FILE",
      "or standard output: keep it where the database's",
      "administrators cannot write. Exit code 1 when a chain",
      "lost events since its last checkpoint",
    ],
    handler: async ({ values }) => {
      const { operatorExportAuditCheckpoints } = await import("@/lib/data/audit-checkpoints/export-audit-checkpoints");
      type Exported = Awaited<ReturnType<typeof operatorExportAuditCheckpoints>>;
      return {
        run: () => operatorExportAuditCheckpoints(),
        exitCode: (result) => ((result as Exported).withheld.length ? 1 : 0),
        output: (result) => {
          const r = result as Exported;
          writeOut(values, r.body);
          console.error(`tm: ${r.chains} chains checkpointed (${r.created} new), signed with ${r.fingerprint}`);
          for (const w of r.withheld) console.error(`tm: ${w.chain}: no new checkpoint, ${w.problem}`);
        },
      };
    },
  },
  {
    name: "audit public-key",
    usage: "[--out FILE]",
    summary: ["Print the public key that checks the audit checkpoints", "(give it to auditors: it cannot sign)"],
    handler: async ({ values }) => {
      const { installationPublicKey } = await import("./tm-audit-key");
      const key = installationPublicKey();
      return {
        run: async () => key,
        output: () => {
          writeOut(values, key.pem);
          console.error(`tm: fingerprint ${key.fingerprint}`);
        },
        database: false,
      };
    },
  },
  {
    name: "import",
    usage: "FILE --org SLUG [--dry-run] [--json]",
    summary: [
      "Import a threat model file (Markdown, ThreatDesk JSON or",
      "OWASP Threat Dragon v2) into SLUG as drafts. --dry-run",
      "only reads it and prints what would be imported.",
      "Exit code 1 when the file is refused (nothing is written)",
    ],
    argument: "a file",
    handler: async (invocation) => {
      const { values } = invocation;
      const file = invocation.argument!;
      need(invocation, "org");
      const { ZSlug } = await fields();
      const { org } = parse(z.object({ org: ZSlug }), { org: values.org });
      const content = readFile(file);
      const dryRun = values["dry-run"] ?? false;
      const { ops, op } = await operator();
      type Imported = Awaited<ReturnType<typeof ops.operatorImportModels>>;
      return {
        run: () => ops.operatorImportModels(op, { slug: org, fileName: file, content, dryRun }).catch(refused),
        exitCode: (result) => (isRefusal(result) ? 1 : 0),
        output: importOutput<Imported>(values, (r) => {
          const lines = [
            `${r.dryRun ? "Would import" : "Imported"} ${r.models.length} threat model${r.models.length === 1 ? "" : "s"} (${r.format}) into ${org}:`,
          ];
          for (const m of r.models) {
            const c = m.counts;
            const threats = Object.entries(c.threatsByCategory)
              .map(([k, n]) => `${k[0]}${n}`)
              .join(" ");
            const mitigations = Object.entries(c.mitigationsByStatus)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => `${n} ${k.toLowerCase().replace("_", " ")}`)
              .join(", ");
            lines.push(`  ${m.id ?? "(dry run)"}  ${m.title}`);
            lines.push(
              `    threats ${threats}; mitigations ${mitigations || "none"}; scenarios ${c.scenarios}; controls ${c.controls}; assets ${c.assets}; boundaries ${c.boundaries}; invariants ${c.invariants}; residual risks ${c.residualRisks}`,
            );
            lines.push(
              `    diagrams ${c.diagrams}: entities ${c.elementsByKind.entity}, processes ${c.elementsByKind.process}, stores ${c.elementsByKind.store}, flows ${c.flows}, boundaries ${c.drawnBoundaries}`,
            );
          }
          for (const w of r.warnings) lines.push(`  warning${w.line ? ` (line ${w.line})` : ""}: ${w.message}`);
          return lines;
        }),
      };
    },
  },
  {
    name: "export",
    usage: "MODEL_ID --format md|json|threat-dragon [--out FILE]",
    summary: ["Write one model as Markdown, ThreatDesk JSON or Threat", "Dragon v2, to FILE or to standard output"],
    argument: "a model id",
    handler: async ({ values, argument }) => {
      const { id, format } = parse(
        z.object({ id: ZText().trim().min(1).max(100), format: z.enum(["md", "json", "threat-dragon"], { message: "use md, json or threat-dragon" }) }),
        { id: argument, format: values.format },
      );
      const { ops } = await operator();
      return { run: () => ops.operatorExportModel({ id, format }), output: (result) => writeOut(values, (result as { body: string }).body) };
    },
  },
  {
    name: "export-org",
    usage: "SLUG [--out FILE]",
    summary: ["Back up an organization (settings, members, every model)", "as ThreatDesk JSON"],
    argument: "an organization slug",
    handler: async ({ values, argument }) => {
      const { ZSlug } = await fields();
      const { slug } = parse(z.object({ slug: ZSlug }), { slug: argument });
      const { ops } = await operator();
      return { run: () => ops.operatorExportOrganization({ slug }), output: (result) => writeOut(values, (result as { body: string }).body) };
    },
  },
  {
    name: "import-org",
    usage: "FILE [--slug S]",
    summary: [
      "Restore a backup into a new organization (the file's",
      "slug, or S) or an existing one without models. Members",
      "are matched by email; new users get a random password,",
      "printed once. Exit code 1 when refused",
    ],
    argument: "a backup file",
    handler: async ({ values, argument }) => {
      const file = argument!;
      const { ZSlug } = await fields();
      const { slug } = parse(z.object({ slug: ZSlug.optional() }), { slug: values.slug });
      const content = readFile(file);
      const { ops, op } = await operator();
      type Restored = Awaited<ReturnType<typeof ops.operatorImportOrganization>>;
      return {
        run: () => ops.operatorImportOrganization(op, { content, fileName: file, slug }).catch(refused),
        exitCode: (result) => (isRefusal(result) ? 1 : 0),
        output: importOutput<Restored>(values, (r) => {
          const lines = [
            `${r.organization.created ? "Created" : "Restored into"} ${r.organization.slug} (${r.organization.name}): ${r.members.length} members, ${r.models.length} threat models.`,
          ];
          for (const m of r.members) lines.push(`  ${m.email}  ${m.role}  ${m.outcome}${m.password ? `  password: ${m.password}` : ""}`);
          if (r.members.some((m) => m.password)) lines.push("Passwords are shown only now; give each to its user, who should change it.");
          return lines;
        }),
      };
    },
  },
  {
    name: "snapshot",
    usage: "",
    summary: [
      "Record today's open-risk snapshot (the dashboard's trend)",
      "of every organization that has none yet; the server",
      "does this itself every day, this is for cron or after",
      "downtime. Safe to repeat",
    ],
    handler: async () => {
      const { recordDailyRiskSnapshots } = await import("@/lib/data/risk-snapshots/record-daily-risk-snapshots");
      return {
        run: () => recordDailyRiskSnapshots(),
        print: (result) => {
          const r = result as Awaited<ReturnType<typeof recordDailyRiskSnapshots>>;
          console.log(
            `Recorded the open-risk snapshot of ${r.day} for ${r.recorded} of ${r.organizations} organizations${r.recorded < r.organizations ? "; the others had one already" : ""}.`,
          );
        },
      };
    },
  },
  {
    name: "help",
    usage: "",
    summary: ["Show this help"],
    handler: async () => ({ run: async () => helpText(), output: (text) => console.log(text), database: false }),
  },
];

/** The help, made from the table: each command's name and usage, then its summary beside them. */
export function helpText(): string {
  const column = 52;
  const lines: string[] = [];
  for (const command of COMMANDS) {
    // Names line up, except where a positional argument follows the name.
    const name = command.usage && !command.argument ? command.name.padEnd(14) : command.name;
    const head = `  ${name}${command.usage ? ` ${command.usage}` : ""}`;
    const [first = "", ...rest] = command.summary;
    if (head.length <= column - 2) lines.push(`${head.padEnd(column)}${first}`);
    else lines.push(head, `${"".padEnd(column)}${first}`);
    for (const line of rest) lines.push(`${"".padEnd(column)}${line}`);
  }
  return `ThreatDesk operator commands

Usage: npm run tm -- <command> [options]

Commands:
${lines.join("\n")}

Options:
  --json      Print the result as JSON
  -h, --help  Show this help

Database: DATABASE_URL when set; otherwise the embedded database in .data/ (started for the
command when "npm start" is not running).`;
}

/** The command the positional words name, and its argument; bad input is a UsageError that says what to do. */
export function resolveCommand(positionals: string[]): { command: Command; argument?: string } {
  const [first, second] = positionals;
  const command = COMMANDS.find((c) => c.name === first) ?? COMMANDS.find((c) => c.name.split(" ")[0] === first && c.name.split(" ")[1] === second);
  if (!command) {
    const withSubcommand = COMMANDS.filter((c) => c.name.split(" ")[0] === first && c.name.includes(" "));
    if (withSubcommand.length) {
      const usage = withSubcommand.map((c) => `"${c.name}${c.usage ? ` ${c.usage}` : ""}"`).join(", ");
      throw new UsageError(
        second === undefined
          ? `${first} needs a subcommand: ${usage}`
          : `unknown ${first} subcommand "${second}" (only ${withSubcommand.map((c) => `"${c.name.split(" ")[1]}"`).join(", ")})`,
      );
    }
    throw new UsageError(`unknown command "${first}". Run "npm run tm -- --help" for the list.`);
  }
  const words = command.name.split(" ").length;
  const taken = words + (command.argument ? 1 : 0);
  if (positionals.length > taken) throw new UsageError(`unexpected argument "${positionals[taken]}"`);
  if (!command.argument) return { command };
  const argument = positionals[words];
  if (argument === undefined || argument === "") throw new UsageError(`${command.name} needs ${command.argument}: run "npm run tm -- --help"`);
  return { command, argument };
}

/** A command that names one account by `--email` and does one thing to it. */
function accountCommand(name: string, summary: string[], act: (op: OperatorContext, input: { email: string }) => Promise<unknown>): Command {
  return {
    name,
    usage: "--email E",
    summary,
    handler: async (invocation) => {
      need(invocation, "email");
      const { ZEmail } = await fields();
      const input = parse(z.object({ email: ZEmail }), { email: invocation.values.email });
      const { op } = await operator();
      return { run: () => act(op, input) };
    },
  };
}
