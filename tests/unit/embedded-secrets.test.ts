// The embedded installation's generated secrets: a file from before the database roles keeps its
// secrets (the audit trail's chain depends on them) and gains the roles' passwords and the
// checkpoint signing key, still 0600.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { embeddedSecrets, embeddedSecretsFile } from "@/scripts/embedded-db";

describe("embedded secrets", () => {
  it("add generated database passwords and a signing key to an older file, keeping what it held, readable by its owner only", () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "threatdesk-secrets-")), "postgres");
    try {
      const file = embeddedSecretsFile(dataDir);
      fs.writeFileSync(file, JSON.stringify({ nextauthSecret: "kept-nextauth", auditSecret: "kept-audit" }), { mode: 0o644 });
      const secrets = embeddedSecrets(dataDir);
      expect(secrets).toMatchObject({ nextauthSecret: "kept-nextauth", auditSecret: "kept-audit" });
      expect(secrets.auditSigningKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      const { superuser, owner, app } = secrets.databasePasswords;
      expect(new Set([superuser, owner, app]).size).toBe(3);
      for (const password of [superuser, owner, app]) expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(secrets);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(embeddedSecrets(dataDir)).toEqual(secrets);
      expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
    } finally {
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });

  it("are generated whole, 0600, for a new installation", () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "threatdesk-secrets-")), "postgres");
    try {
      const secrets = embeddedSecrets(dataDir);
      expect(Object.keys(secrets).sort()).toEqual(["auditSecret", "auditSigningKey", "databasePasswords", "nextauthSecret"]);
      expect(fs.statSync(embeddedSecretsFile(dataDir)).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });
});
