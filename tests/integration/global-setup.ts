// A throwaway embedded PostgreSQL for the integration run: real PostgreSQL, migrated with the
// project's own migrations as the owner role, deleted afterwards. The tests run the application's
// code as the application's own role, with only its grants; fixtures that need more (rewriting
// history behind the triggers' back) use the owner's connection.
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../scripts/db-roles";
import { freePort, newDatabasePasswords, startEmbeddedPostgres } from "../../scripts/embedded-db";

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  export interface ProvidedContext {
    /** The application's role: DATABASE_URL. */
    databaseUrl: string;
    /** The owner role that ran the migrations. */
    ownerDatabaseUrl: string;
    /** The run's checkpoint signing key (PEM), one for every test file, as an installation has one. */
    auditSigningKey: string;
  }
}

export default async function setup(project: TestProject) {
  const started = performance.now();
  // The mkdtemp folder itself is the data directory: PostgreSQL runs as the `postgres` user,
  // which could not enter a sub-folder of a root-only temp folder.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "threatdesk-test-pg-"));
  const database = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "test", persistent: false, passwords: newDatabasePasswords() });
  await migrateDatabase(database.ownerUrl, database.url);
  console.log(`[integration] PostgreSQL ready and migrated in ${Math.round(performance.now() - started)} ms`);
  project.provide("databaseUrl", database.url);
  project.provide("ownerDatabaseUrl", database.ownerUrl);
  project.provide("auditSigningKey", generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString());
  return async () => {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
