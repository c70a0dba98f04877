// A throwaway embedded PostgreSQL for the integration run: real PostgreSQL, migrated with the
// project's own migrations, deleted afterwards.
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, startEmbeddedPostgres } from "../../scripts/embedded-db";
import { runPrisma } from "../../scripts/run-prisma";

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  export interface ProvidedContext {
    databaseUrl: string;
    /** The run's checkpoint signing key (PEM), one for every test file, as an installation has one. */
    auditSigningKey: string;
  }
}

export default async function setup(project: TestProject) {
  const started = performance.now();
  // The mkdtemp folder itself is the data directory: PostgreSQL runs as the `postgres` user,
  // which could not enter a sub-folder of a root-only temp folder.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "threatdesk-test-pg-"));
  const database = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "test", persistent: false });
  runPrisma(["migrate", "deploy"], database.url, { quiet: true });
  console.log(`[integration] PostgreSQL ready and migrated in ${Math.round(performance.now() - started)} ms`);
  project.provide("databaseUrl", database.url);
  project.provide("auditSigningKey", generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString());
  return async () => {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
