import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "@/scripts/tm-command";
import { COMMANDS, resolveCommand } from "@/scripts/tm-commands";

const root = path.resolve(import.meta.dirname, "../..");
const EVERY_COMMAND = [
  "list-orgs",
  "create-user",
  "create-org",
  "add-member",
  "reset-password",
  "unlock",
  "reset-two-step",
  "reset-link",
  "audit verify",
  "audit checkpoint",
  "audit public-key",
  "import",
  "export",
  "export-org",
  "import-org",
  "snapshot",
  "help",
];

/** Runs the operator CLI as `npm run tm` does, with no database reachable: these commands must not need one. */
function tm(...args: string[]) {
  const run = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/tm.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", THREATDESK_PG_PORT: "1" },
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("the operator CLI", () => {
  it("registers each command once", () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(EVERY_COMMAND);
  });

  it("`help` lists every command with its usage and summary, and exits 0", () => {
    const { status, stdout } = tm("help");
    expect(status).toBe(0);
    const listed = stdout
      .split("\n")
      .filter((line) => /^ {2}\S/.test(line))
      .map((line) => line.trim());
    for (const command of COMMANDS) {
      expect(
        listed.some((line) => line.startsWith(`${command.name}${command.usage ? " " : ""}`)),
        command.name,
      ).toBe(true);
      expect(stdout).toContain(command.summary[0]);
    }
    expect(tm("--help").stdout).toBe(stdout);
  }, 60_000);

  it("refuses unknown commands and bad arguments with exit code 2 and a message", () => {
    const unknown = tm("frobnicate");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const missing = tm("create-user", "--email", "ada@example.com");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("create-user needs --name");
  }, 60_000);

  it("`audit verify` refuses a public key without a checkpoint file, and files it cannot read, before any database", () => {
    const alone = tm("audit", "verify", "--public-key", "audit.pub");
    expect(alone.status).toBe(2);
    expect(alone.stderr).toBe("tm: --public-key checks a checkpoint file: give it with --against FILE\n");
    const missing = tm("audit", "verify", "--against", "no-such-checkpoints.json");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^tm: cannot read no-such-checkpoints\.json: /);
  }, 60_000);

  it("resolves subcommands and positional arguments from the table", () => {
    expect(resolveCommand(["audit", "verify"]).command.name).toBe("audit verify");
    expect(resolveCommand(["export", "model-1"])).toMatchObject({ command: { name: "export" }, argument: "model-1" });
    expect(resolveCommand(["audit", "checkpoint"]).command.name).toBe("audit checkpoint");
    expect(resolveCommand(["audit", "public-key"]).command.name).toBe("audit public-key");
    expect(() => resolveCommand(["audit"])).toThrow(
      new UsageError(
        'audit needs a subcommand: "audit verify [--org SLUG] [--against FILE [--public-key PEM]]", "audit checkpoint [--out FILE]", "audit public-key [--out FILE]"',
      ),
    );
    expect(() => resolveCommand(["audit", "repair"])).toThrow('unknown audit subcommand "repair" (only "verify", "checkpoint", "public-key")');
    expect(() => resolveCommand(["import"])).toThrow('import needs a file: run "npm run tm -- --help"');
    expect(() => resolveCommand(["list-orgs", "extra"])).toThrow('unexpected argument "extra"');
  });
});
