import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every server action is reachable by anyone who can send a POST. This test keeps each one
// behind the wrappers that authenticate, authorize and validate, and keeps the list of actions
// open to signed-out visitors explicit.
const ACTIONS_DIR = path.resolve(import.meta.dirname, "../../lib/actions");
const PUBLIC_ACTIONS = new Set([
  "signUpAction",
  "acceptInviteWithNewAccountAction",
  "signOutAction",
  // Used signed out by nature: the reset request and the reset are rate limited, and the reset and
  // the address confirmation each need a single-use token of 256 random bits.
  "requestPasswordResetAction",
  "resetPasswordAction",
  "verifyEmailAction",
]);

const serverActionFiles = fs
  .readdirSync(ACTIONS_DIR)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
  .map((f) => ({ file: f, source: fs.readFileSync(path.join(ACTIONS_DIR, f), "utf8") }))
  .filter(({ source }) => /^\s*["']use server["']/.test(source));

describe("server actions", () => {
  it("exist", () => {
    expect(serverActionFiles.map((f) => f.file).sort()).toEqual([
      "account.ts",
      "comments.ts",
      "imports.ts",
      "members.ts",
      "model-editor.ts",
      "notifications.ts",
      "organizations.ts",
      "passkeys.ts",
      "review.ts",
      "second-factors.ts",
      "sessions.ts",
      "threat-library.ts",
      "threat-models.ts",
      "threat-transfer.ts",
    ]);
  });

  it.each(serverActionFiles)("$file exports only wrapped actions", ({ source }) => {
    const exports = [...source.matchAll(/^export\s+(async\s+function|function|const|let|var|default)\s*(\w*)/gm)];
    expect(exports.length).toBeGreaterThan(0);
    for (const [, kind, name] of exports) {
      expect(kind, `${name} must be a const built by a wrapper`).toBe("const");
      const definition = new RegExp(`export const ${name} = (orgAction|userAction|publicAction|secondFactorAction)\\(`);
      const match = source.match(definition);
      expect(match, `${name} must be built by orgAction, userAction, secondFactorAction or publicAction`).not.toBeNull();
      if (match![1] === "publicAction") expect(PUBLIC_ACTIONS.has(name!), `${name} is open to signed-out visitors`).toBe(true);
    }
  });

  it("org actions always name a permission", () => {
    for (const { source } of serverActionFiles) {
      for (const call of source.matchAll(/orgAction\(\s*\{([^}]*)\}/g)) expect(call[1]).toMatch(/permission:\s*"[a-z-]+\.[a-z-]+"/);
    }
  });
});
