// Runs the Prisma CLI (migrate deploy, migrate dev…) against a given database URL.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export function runPrisma(args: string[], databaseUrl: string, opts: { quiet?: boolean } = {}) {
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), ...args], {
    cwd: root,
    stdio: opts.quiet ? "pipe" : "inherit",
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      // The WASM engine leaves a 10 s timer armed; this lets the CLI exit as soon as it is done.
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(root, "scripts/prisma-fast-exit.cjs")}`.trim(),
    },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    const detail = opts.quiet ? `\n${result.stdout ?? ""}${result.stderr ?? ""}` : "";
    throw new Error(`prisma ${args.join(" ")} failed with exit code ${result.status}${detail}`);
  }
}
