// `npm run bench:sign-in`: how long a password sign-in takes with the brute-force defences on.
// Starts the production build on its own embedded PostgreSQL (behind a trusted loopback
// "proxy", so every attempt can come from its own forwarded address), and times 20 sign-ins of
// one account: each POST is counted by the rate limiter in PostgreSQL, checked for a lockout,
// verified with argon2id and given a Session row. Prints p50 and p95 (target: p50 under 300 ms).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root } from "./embedded-db";
import { percentile, waitForHealth, withBenchDatabase } from "./bench-shared";

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://127.0.0.1:${PORT}`;
const EMAIL = "bench-sign-in@threatdesk.test";
const PASSWORD = "bench password that is long enough";
const SIGN_INS = 20;

async function ensureUser() {
  const { db } = await import("@/lib/db/client");
  const { hashPassword } = await import("@/lib/auth/password");
  const passwordHash = await hashPassword(PASSWORD);
  await db().user.upsert({ where: { email: EMAIL }, update: { passwordHash }, create: { email: EMAIL, name: "Bench Sign-in", passwordHash } });
}

/** One sign-in as the form sends it; returns the milliseconds of the credentials POST alone. */
async function timedSignIn(client: string): Promise<number> {
  const headers = { "x-forwarded-for": client };
  const csrf = await fetch(`${BASE}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const started = performance.now();
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email: EMAIL, password: PASSWORD, json: "true" }),
  });
  const ms = performance.now() - started;
  if (!res.headers.getSetCookie().some((c) => c.includes("session-token"))) throw new Error(`sign-in failed (${res.status})`);
  return ms;
}

async function main() {
  await withBenchDatabase("bench-sign-in-postgres", 54348, async (secrets) => {
    let server: ReturnType<typeof spawn> | undefined;
    try {
      await ensureUser();
      if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
        console.log("[bench] building…");
        if (spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit" }).status !== 0) throw new Error("next build failed");
      }
      server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(PORT)], {
        cwd: root,
        stdio: "ignore",
        env: {
          ...process.env,
          NEXTAUTH_SECRET: secrets.nextauthSecret,
          NEXTAUTH_URL: BASE,
          THREATDESK_LOG: "silent",
          NODE_ENV: "production",
          NODE_OPTIONS: `--require "${path.join(root, "scripts", "peer-address.cjs")}"`,
          TRUSTED_PROXIES: "127.0.0.1, ::1",
          // The account's own limit (10 in 15 minutes) would refuse the 11th of these sign-ins; it is
          // still counted on every one.
          RATE_LIMIT_SIGN_IN_ACCOUNT: "1000/1m",
        },
      });
      await waitForHealth(BASE);
      const run = Date.now();
      for (let i = 0; i < 3; i++) await timedSignIn(`198.51.100.${i + 1}`); // warm-up
      const times: number[] = [];
      for (let i = 0; i < SIGN_INS; i++) times.push(await timedSignIn(`203.0.${run % 250}.${i + 1}`));
      times.sort((a, b) => a - b);
      console.log(`password sign-in with rate limiting and lockout checks (${SIGN_INS} sign-ins, argon2id m=19456 KiB t=2 p=1):`);
      console.log(`  p50 ${Math.round(percentile(times, 50))} ms   p95 ${Math.round(percentile(times, 95))} ms   (target: p50 under 300 ms)`);
    } finally {
      server?.kill("SIGTERM");
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
