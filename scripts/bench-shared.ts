// What the benchmarks share: their own embedded PostgreSQL, percentiles, and the sign-in.
import path from "node:path";
import { migrateDatabase } from "./db-roles";
import { embeddedSecrets, root, startEmbeddedPostgres } from "./embedded-db";

/** The value at percentile `p` of an ascending list (nearest rank). */
export function percentile(sorted: number[], p: number) {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * Runs `body` against the benchmark's own embedded database in .data/`name` (kept between runs, so
 * generated data is reused), migrated, with DATABASE_URL and AUDIT_SECRET set for lib/data; then
 * disconnects and stops it, however `body` ends. DATABASE_URL is the owner role's: the benchmarks
 * generate their data in bulk and ANALYZE it, which only the owner may.
 */
export async function withBenchDatabase<T>(name: string, port: number, body: (secrets: ReturnType<typeof embeddedSecrets>) => Promise<T>): Promise<T> {
  const dataDir = path.join(root, ".data", name);
  const secrets = embeddedSecrets(dataDir);
  const database = await startEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_PG_PORT ?? port), passwords: secrets.databasePasswords });
  process.env.DATABASE_URL = database.ownerUrl;
  process.env.AUDIT_SECRET = secrets.auditSecret;
  try {
    await migrateDatabase(database.ownerUrl, database.url);
    return await body(secrets);
  } finally {
    const { db } = await import("@/lib/db/client");
    await db().$disconnect();
    await database.stop();
  }
}

/**
 * Signs in at `base` as the sign-in form does (next-auth's credentials flow) and returns the
 * cookie header for each request. A session is bound to the user agent it started
 * with, so a benchmark that sends its requests from a browser passes that browser's user agent.
 */
export async function signInForBench(base: string, email: string, password: string, userAgent?: string): Promise<string> {
  const agent: Record<string, string> = userAgent ? { "user-agent": userAgent } : {};
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: agent });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...agent, "content-type": "application/x-www-form-urlencoded", cookie: cookies },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in as ${email} failed (${res.status})`);
  return `${cookies}; ${session.split(";")[0]}`;
}

/** Waits until the server at `base` answers its health check (up to 30 s). */
export async function waitForHealth(base: string): Promise<void> {
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (i > 150) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
}
