// `npm run bench:lighthouse`: the dashboard's mobile Lighthouse performance. Builds the app (skip
// with --no-build), starts it as `npm start` does on a fresh embedded database with the demo data,
// signs in as the demo owner and runs Lighthouse's default mobile audit (emulated phone, simulated
// slow 4G and 4× CPU slowdown) on /acme several times in headless Chromium, then prints each run
// and the median performance score and total blocking time. The sign-in page, the smallest page
// the app serves (one form), is measured the same way: its score is what the framework's own
// client runtime costs on this host, the ceiling for any page of the app here.
//
//   BENCH_PORT, BENCH_PG_PORT   the app's and the database's ports (3210, 54359)
//   BENCH_RUNS                  Lighthouse runs (5)
//   CHROME_PATH                 the browser (otherwise as the browser tests find it: scripts/chromium.ts)
//   BENCH_REPORT                a file to write the last run's full Lighthouse report (JSON) to
//   BENCH_CPU_SLOWDOWN          Lighthouse's CPU slowdown (its default, 4, assumes a fast desktop
//                               host; on a slower or busy one, whose "host CPU benchmark" is far
//                               below 1000, Lighthouse's docs advise a lower multiplier)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import lighthouse from "lighthouse";
// The user agent Lighthouse's mobile run presents; the session is signed in with it (sessions are bound to their user agent).
import { userAgents } from "lighthouse/core/config/constants.js";
import { freePort, root } from "./embedded-db";
import { signInForBench } from "./bench-shared";
import { findChromium } from "./chromium";

const PORT = Number(process.env.BENCH_PORT ?? 3210);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54359);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CPU_SLOWDOWN = process.env.BENCH_CPU_SLOWDOWN ? Number(process.env.BENCH_CPU_SLOWDOWN) : undefined;
const REPORT = process.env.BENCH_REPORT;
const BASE = `http://localhost:${PORT}`;
const PAGE = `${BASE}/acme`;
const EMAIL = "owner@acme.test";
const PASSWORD = process.env.THREATDESK_DEMO_PASSWORD ?? "threatdesk-demo-2026";

const say = (message: string) => console.log(`[bench] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, probe: () => Promise<boolean>, seconds: number) {
  const until = Date.now() + seconds * 1000;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > until) throw new Error(`${what} did not answer within ${seconds} s`);
    await sleep(250);
  }
}

/**
 * Stops a process started with `detached: true` and everything it started (its process group:
 * the launcher's Next.js server and PostgreSQL, or Chromium's helpers): SIGTERM, then SIGKILL for
 * whatever is left after a minute.
 */
async function stop(child: ChildProcess | undefined) {
  const group = child?.pid;
  if (!group) return;
  const alive = () => {
    try {
      process.kill(-group, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  process.kill(-group, "SIGTERM");
  for (let i = 0; i < 240 && alive(); i++) await sleep(250);
  if (alive()) process.kill(-group, "SIGKILL");
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  if (!process.argv.includes("--no-build")) {
    say("building…");
    const build = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const dataDir = path.join(root, ".data", "bench-lighthouse");
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}-secrets.json`, { force: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "threatdesk-lighthouse-"));
  let app: ChildProcess | undefined;
  let chrome: ChildProcess | undefined;
  try {
    app = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/launcher.ts", "start"], {
      cwd: root,
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        PORT: String(PORT),
        THREATDESK_PG_PORT: String(PG_PORT),
        THREATDESK_DATA_DIR: dataDir,
        NEXTAUTH_URL: BASE,
        THREATDESK_LOG: "silent",
      },
    });
    await waitFor("the app", async () => (await fetch(`${BASE}/api/health`)).ok, 240);
    const cookie = await signInForBench(BASE, EMAIL, PASSWORD, userAgents.mobile);
    const html = await (await fetch(PAGE, { headers: { cookie, "user-agent": userAgents.mobile } })).text();
    if (!html.includes("Open threats by priority")) throw new Error(`${PAGE} did not render the dashboard for ${EMAIL}`);

    const debuggingPort = await freePort();
    const browser = await findChromium();
    chrome = spawn(
      browser.executablePath,
      ["--headless=new", ...browser.args, `--remote-debugging-port=${debuggingPort}`, `--user-data-dir=${profile}`, "about:blank"],
      { stdio: "ignore", detached: true, env: { ...process.env, ...browser.env } },
    );
    await waitFor("Chromium", async () => (await fetch(`http://127.0.0.1:${debuggingPort}/json/version`)).ok, 30);

    const audit = async (url: string, headers: Record<string, string>, what: string) => {
      const scores: number[] = [];
      const blocking: number[] = [];
      say(`Lighthouse, mobile, ${url} ${what}, ${RUNS} runs`);
      for (let run = 1; run <= RUNS; run++) {
        const result = await lighthouse(
          url,
          { port: debuggingPort, output: "json", logLevel: "error", onlyCategories: ["performance"], extraHeaders: headers },
          CPU_SLOWDOWN === undefined ? undefined : { extends: "lighthouse:default", settings: { throttling: { cpuSlowdownMultiplier: CPU_SLOWDOWN } } },
        );
        const lhr = result?.lhr;
        if (!lhr || lhr.runtimeError) throw new Error(`Lighthouse failed: ${lhr?.runtimeError?.message ?? "no result"}`);
        if (lhr.finalDisplayedUrl !== url) throw new Error(`Lighthouse ended on ${lhr.finalDisplayedUrl}, not ${url} (signed out?)`);
        if (REPORT) fs.writeFileSync(REPORT, JSON.stringify(lhr, null, 1));
        const score = Math.round((lhr.categories.performance?.score ?? 0) * 100);
        const tbt = lhr.audits["total-blocking-time"]?.numericValue ?? NaN;
        const lcp = lhr.audits["largest-contentful-paint"]?.numericValue ?? NaN;
        scores.push(score);
        blocking.push(tbt);
        // Lighthouse's measure of the host's CPU (its reference: 1000 or more); lower means a slower
        // or busier machine, and proportionally longer blocking times.
        const benchmark = Math.round(lhr.environment.benchmarkIndex);
        say(
          `  run ${run}: performance ${score}, total blocking time ${Math.round(tbt)} ms, largest contentful paint ${(lcp / 1000).toFixed(1)} s (CPU slowdown ${lhr.configSettings.throttling.cpuSlowdownMultiplier}×, RTT ${lhr.configSettings.throttling.rttMs} ms; host CPU benchmark ${benchmark})`,
        );
      }
      return { score: median(scores), min: Math.min(...scores), max: Math.max(...scores), tbt: Math.round(median(blocking)) };
    };
    const dashboard = await audit(PAGE, { cookie }, `signed in as ${EMAIL}`);
    const floor = await audit(`${BASE}/login`, {}, "signed out (the smallest page)");
    console.log("");
    console.log(
      `Dashboard (/acme), mobile Lighthouse ${RUNS} runs: performance ${dashboard.score} (median; ${dashboard.min}–${dashboard.max}), total blocking time ${dashboard.tbt} ms (median)`,
    );
    console.log(
      `Sign-in page (/login), the same way: performance ${floor.score} (median; ${floor.min}–${floor.max}), total blocking time ${floor.tbt} ms (median)`,
    );
  } finally {
    await stop(chrome);
    await stop(app);
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("[bench] failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
