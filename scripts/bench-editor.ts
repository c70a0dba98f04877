// `npm run bench:editor`: how fast the editor page renders a large model, and how much
// JavaScript it ships. Creates once (and reuses) a model with 300 threats and 600 mitigations on
// its own embedded PostgreSQL, runs the production build, and prints:
//   - the model page's server render time, p50 and p95 over 20 requests (signed in, full HTML);
//   - the page's first-load JavaScript, gzip-compressed and raw.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { root } from "./embedded-db";
import { percentile, signInForBench, waitForHealth, withBenchDatabase } from "./bench-shared";

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://127.0.0.1:${PORT}`;
const EMAIL = "bench-owner@threatdesk.test";
const PASSWORD = "bench password that is long enough";
const REQUESTS = 20;

async function ensureData(): Promise<{ slug: string; modelId: string }> {
  const { db } = await import("@/lib/db/client");
  const { hashPassword } = await import("@/lib/auth/password");
  const { insertThreatModelDocument } = await import("@/lib/data/threat-models/insert-threat-model-document");
  const { suggestPriority } = await import("@/lib/domain/priority");
  const { STRIDE_CATEGORIES, LIKELIHOODS, IMPACTS, IMPLEMENTATION_STATUSES } = await import("@/lib/domain/threat-model");
  const { emptyDocument } = await import("@/lib/domain/model-document");

  const slug = "bench";
  let org = await db().organization.findUnique({ where: { slug }, select: { id: true } });
  if (!org) {
    const user = await db().user.create({ data: { email: EMAIL, name: "Bench Owner", passwordHash: await hashPassword(PASSWORD) } });
    org = await db().organization.create({ data: { name: "Bench", slug, memberships: { create: { userId: user.id, role: "OWNER" } } }, select: { id: true } });
  }
  const title = "Bench: 300 threats, 600 mitigations";
  const existing = await db().threatModel.findFirst({ where: { organizationId: org.id, title }, select: { id: true } });
  if (existing) return { slug, modelId: existing.id };

  const owner = await db().membership.findFirstOrThrow({ where: { organizationId: org.id, role: "OWNER" }, select: { userId: true } });
  const doc = emptyDocument(title);
  doc.architecture = "```\nBrowser --> API --> Database\n```";
  doc.mitigations = Array.from({ length: 600 }, (_, i) => ({
    key: `m${i}`,
    title: `Mitigation ${i + 1}: control for a specific attack path`,
    description: "",
    status: IMPLEMENTATION_STATUSES[i % 4]!,
    taskRef: `T-${1000 + i}`,
    implementedIn: "",
    dueDate: null,
  }));
  doc.threats = Array.from({ length: 300 }, (_, i) => {
    const likelihood = LIKELIHOODS[i % 3]!;
    const impact = IMPACTS[i % 4]!;
    return {
      category: STRIDE_CATEGORIES[i % 6]!,
      title: `Threat ${i + 1}: an attacker abuses component ${i % 17}`,
      description: "A realistic paragraph of description text that a security engineer would write for this threat.",
      attackVectors: ["Vector one", "Vector two"],
      likelihood,
      impact,
      priority: suggestPriority(likelihood, impact),
      mitigationKeys: [`m${2 * i}`, `m${2 * i + 1}`],
    };
  });
  const model = await db().$transaction(
    (tx) => insertThreatModelDocument(tx, { organizationId: org.id, createdById: owner.userId, ownerId: owner.userId }, doc),
    { timeout: 120_000 },
  );
  return { slug, modelId: model.id };
}

async function main() {
  await withBenchDatabase("bench-postgres", 54349, async (secrets) => {
    let server: ReturnType<typeof spawn> | undefined;
    try {
      const t0 = performance.now();
      const { slug, modelId } = await ensureData();
      console.log(`[bench] data ready in ${Math.round(performance.now() - t0)} ms (organization "${slug}", model ${modelId})`);

      if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
        console.log("[bench] building…");
        const build = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit" });
        if (build.status !== 0) throw new Error("next build failed");
      }
      server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(PORT)], {
        cwd: root,
        stdio: "ignore",
        env: { ...process.env, NEXTAUTH_SECRET: secrets.nextauthSecret, NEXTAUTH_URL: BASE, THREATDESK_LOG: "silent", NODE_ENV: "production" },
      });
      await waitForHealth(BASE);
      const cookie = await signInForBench(BASE, EMAIL, PASSWORD);
      const url = `${BASE}/${slug}/models/${modelId}`;
      let html = "";
      for (let i = 0; i < 3; i++) html = await (await fetch(url, { headers: { cookie } })).text(); // warm-up
      if (!html.includes("Threat 300:")) throw new Error("the page did not render the model's threats");

      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const started = performance.now();
        const res = await fetch(url, { headers: { cookie, "x-request-id": `bench-${randomBytes(4).toString("hex")}` } });
        await res.text();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);

      // What a current browser downloads: `noModule` scripts (legacy polyfills) are skipped by every
      // browser that runs modules, so they are reported apart rather than counted.
      const tags = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)].map((m) => ({ src: m[2]!, legacy: /nomodule/i.test(m[1]! + m[3]!) }));
      const scripts = [...new Set(tags.filter((t) => !t.legacy).map((t) => t.src))];
      const legacy = [...new Set(tags.filter((t) => t.legacy).map((t) => t.src))];
      let raw = 0;
      let gzip = 0;
      for (const src of scripts) {
        const body = Buffer.from(await (await fetch(new URL(src, BASE))).arrayBuffer());
        raw += body.length;
        const compressed = gzipSync(body, { level: 9 }).length;
        gzip += compressed;
        if (process.env.BENCH_VERBOSE) console.log(`  ${(compressed / 1024).toFixed(1).padStart(6)} kB gzip  ${src}`);
      }

      const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
      console.log("");
      console.log(`Editor page, model with 300 threats and 600 mitigations (${Math.round(html.length / 1024)} kB of HTML)`);
      console.log(
        `  server render, ${REQUESTS} requests: p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms (target p50 ≤ 300 ms)`,
      );
      console.log(`  first-load JavaScript: ${kb(gzip)} gzip, ${kb(raw)} raw, ${scripts.length} files (target ≤ 200 kB compressed)`);
      let legacyGzip = 0;
      for (const src of legacy) legacyGzip += gzipSync(Buffer.from(await (await fetch(new URL(src, BASE))).arrayBuffer()), { level: 9 }).length;
      if (legacy.length) console.log(`  (not counted: ${kb(legacyGzip)} gzip of noModule polyfills that only browsers without module support load)`);
    } finally {
      server?.kill("SIGTERM");
    }
  });
}

main().catch((error) => {
  console.error("[bench] failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
