// `npm start` refuses before it starts anything: demo mode on an address other machines can reach
// (unless THREATDESK_DEMO=1 says so), and a production start with weak or default secrets.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const STRONG = "q9V1mXb0r2T8Lk4ZpYc6Wn3Hs7Ju5Ed1Fa0Gi2Ko4";
const OTHER_STRONG = "Zx8Cv7Bn6Mq5Wr4Et3Yu2Io1Pa0Sd9Fg8Hj7Kl6Qw";

/** Runs `npm start` as package.json does, with nothing listening on the database port it is given. */
function start(env: Record<string, string>) {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "threatdesk-launcher-")), "postgres");
  const run = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/launcher.ts", "start"], {
    cwd: root,
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: "",
      HOSTNAME: "",
      THREATDESK_DEMO: "",
      NEXTAUTH_SECRET: "",
      AUDIT_SECRET: "",
      MIGRATION_DATABASE_URL: "",
      THREATDESK_DATA_DIR: dataDir,
      THREATDESK_PG_PORT: "1",
      ...env,
    },
    timeout: 60_000,
  });
  const started = fs.existsSync(dataDir);
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  return { status: run.status, output: `${run.stdout}${run.stderr}`, started };
}

describe("npm start", () => {
  it("refuses demo mode on a non-loopback HOSTNAME without THREATDESK_DEMO=1, before starting the database", () => {
    for (const hostname of ["0.0.0.0", "192.0.2.2"]) {
      const refused = start({ HOSTNAME: hostname });
      expect(refused.status).toBe(1);
      expect(refused.output).toContain(`could not start: demo mode listens on 127.0.0.1 only, and HOSTNAME=${hostname} asks for another address`);
      expect(refused.output).toContain("set THREATDESK_DEMO=1 to show it to the network anyway");
      expect(refused.started).toBe(false);
    }
  }, 120_000);

  it("refuses a production start with a short secret or postgres:postgres, naming each, before touching the database", () => {
    const refused = start({
      DATABASE_URL: "postgresql://postgres:postgres@127.0.0.1:1/threatdesk",
      NEXTAUTH_SECRET: "short",
      AUDIT_SECRET: STRONG,
    });
    expect(refused.status).toBe(1);
    expect(refused.output).toContain("could not start: refusing to start in production:");
    expect(refused.output).toContain("- NEXTAUTH_SECRET is 5 characters long, shorter than 32");
    expect(refused.output).toContain('- DATABASE_URL signs in as "postgres" with a default password');
    expect(refused.output).not.toContain("prisma");

    const sameSecret = start({
      DATABASE_URL: "postgresql://app:9f8e7d6c5b4a39281706a5b4@127.0.0.1:1/threatdesk",
      NEXTAUTH_SECRET: STRONG,
      AUDIT_SECRET: STRONG,
    });
    expect(sameSecret.status).toBe(1);
    expect(sameSecret.output).toContain("- NEXTAUTH_SECRET and AUDIT_SECRET must differ");

    const weakOwner = start({
      DATABASE_URL: "postgresql://app:9f8e7d6c5b4a39281706a5b4@127.0.0.1:1/threatdesk",
      MIGRATION_DATABASE_URL: "postgresql://threatdesk:threatdesk@127.0.0.1:1/threatdesk",
      NEXTAUTH_SECRET: STRONG,
      AUDIT_SECRET: OTHER_STRONG,
    });
    expect(weakOwner.status).toBe(1);
    expect(weakOwner.output).toContain('- MIGRATION_DATABASE_URL signs in as "threatdesk" with a default password');
  }, 180_000);

  it("goes on to the database with strong secrets (and fails there, as nothing listens on port 1)", () => {
    const strong = start({
      DATABASE_URL: "postgresql://app:9f8e7d6c5b4a39281706a5b4@127.0.0.1:1/threatdesk",
      NEXTAUTH_SECRET: STRONG,
      AUDIT_SECRET: OTHER_STRONG,
    });
    expect(strong.status).toBe(1);
    expect(strong.output).not.toContain("refusing to start");
    expect(strong.output).toContain("prisma migrate deploy failed");
  }, 120_000);
});
