// Signed checkpoints of the audit chains: what the hash chain alone cannot show (the newest
// events removed, a whole organization's chain removed, a chain rewritten and re-hashed with the
// secret) shows against a checkpoint, named by sequence number. Removal is done as the tables'
// owner could: in one transaction with the append-only triggers disabled.
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { recordAccessDenied, verifyAuditChain } from "@/lib/data/audit";
import { operatorExportAuditCheckpoints } from "@/lib/data/audit-checkpoints/export-audit-checkpoints";
import { getCheckpointStanding } from "@/lib/data/audit-checkpoints/get-checkpoint-standing";
import { recordAuditCheckpoints } from "@/lib/data/audit-checkpoints/record-audit-checkpoints";
import { operatorVerifyAgainstCheckpoints } from "@/lib/data/audit-checkpoints/verify-audit-checkpoints";
import { operatorVerifyAuditChains } from "@/lib/data/operator";
import { updateOrganizationSettings } from "@/lib/data/organizations/update-organization-settings";
import { createThreatModel } from "@/lib/data/threat-models/create-threat-model";
import { installationSigningKey } from "@/lib/audit-signing-key";
import { APPEND_ONLY_TABLES } from "@/lib/domain/database-role";
import { db } from "@/lib/db/client";
import { publicKeyPem } from "@/lib/domain/audit-checkpoint";
import { chainHash } from "@/lib/domain/audit-chain";
import { InvalidInputError } from "@/lib/errors";
import { attemptRolledBack, attemptRolledBackAs, createOrg, distinctSettings, expectSafeError, ownerDb, rewriteAsOwner, type TestOrg } from "./helpers";

const root = path.resolve(import.meta.dirname, "../..");

/** An organization with eight events: six from its set-up, a model created, settings changed. */
async function orgWithActivity(label: string): Promise<TestOrg> {
  const org = await createOrg(label);
  await createThreatModel(org.ctx.CONTRIBUTOR, { title: `${label} model`, featureName: "", category: "" });
  await updateOrganizationSettings(org.ctx.OWNER, distinctSettings(3));
  return org;
}

async function checkpointFile() {
  return (await operatorExportAuditCheckpoints()).body;
}

function publicPem() {
  return publicKeyPem(installationSigningKey()!.publicKey);
}

function linesOf(report: { lines: string[] }, slug: string) {
  return report.lines.filter((line) => line.startsWith(`${slug}:`) || line.startsWith(`${slug} (`));
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("signed checkpoints", () => {
  it("are signed for every chain that moved, stored append-only, and not signed again until it moves", async () => {
    const org = await orgWithActivity("cp-job");
    const first = await recordAuditCheckpoints();
    const mine = first.checkpoints.find((c) => c.organizationId === org.id)!;
    expect(mine).toMatchObject({ created: true, checkpoint: { seq: 8, keyId: installationSigningKey()!.keyId } });
    const head = await db().auditEvent.findFirstOrThrow({ where: { organizationId: org.id, seq: 8 } });
    expect(mine.checkpoint.headHash).toBe(head.hash);
    expect(await db().auditCheckpoint.count({ where: { organizationId: org.id } })).toBe(1);

    // Nothing new: the checkpoint stands, no row is added.
    const again = await recordAuditCheckpoints();
    expect(again.checkpoints.find((c) => c.organizationId === org.id)).toMatchObject({ created: false, checkpoint: { seq: 8 } });
    expect(await db().auditCheckpoint.count({ where: { organizationId: org.id } })).toBe(1);

    await recordAccessDenied(org.ctx.VIEWER, { action: "after-checkpoint", permission: "model.delete" });
    const moved = await recordAuditCheckpoints();
    expect(moved.checkpoints.find((c) => c.organizationId === org.id)).toMatchObject({ created: true, checkpoint: { seq: 9 } });
    expect(await db().auditCheckpoint.count({ where: { organizationId: org.id } })).toBe(2);

    // The table refuses rewrites as AuditEvent does: the application's role holds no right to
    // them, and the triggers refuse them to the owner too.
    const row = await db().auditCheckpoint.findFirstOrThrow({ where: { organizationId: org.id } });
    for (const sql of [`UPDATE "AuditCheckpoint" SET seq = 1 WHERE id = $1`, `DELETE FROM "AuditCheckpoint" WHERE id = $1`]) {
      expect(String(((await attemptRolledBack(sql, row.id)) as Error).message), sql).toMatch(/permission denied for table AuditCheckpoint/);
      const error = await attemptRolledBackAs(ownerDb(), sql, row.id);
      expect(String((error as Error).message), sql).toMatch(/AuditCheckpoint is append-only: (UPDATE|DELETE) is not allowed/);
    }
    expect(String(((await attemptRolledBack(`TRUNCATE "AuditCheckpoint"`)) as Error).message)).toMatch(/permission denied for table AuditCheckpoint/);
    expect(String(((await attemptRolledBackAs(ownerDb(), `TRUNCATE "AuditCheckpoint"`)) as Error).message)).toMatch(
      /AuditCheckpoint is append-only: TRUNCATE is not allowed/,
    );
    expect(await db().auditCheckpoint.count({ where: { organizationId: org.id } })).toBe(2);
  });

  it("every append-only table has the triggers that refuse UPDATE, DELETE and TRUNCATE", async () => {
    for (const table of APPEND_ONLY_TABLES) {
      const triggers = await db().$queryRaw<{ events: string }[]>`
        SELECT CASE WHEN t.tgtype & 32 <> 0 THEN 'TRUNCATE' ELSE
          concat_ws(',', CASE WHEN t.tgtype & 16 <> 0 THEN 'UPDATE' END, CASE WHEN t.tgtype & 8 <> 0 THEN 'DELETE' END) END AS events
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE c.relname = ${table} AND NOT t.tgisinternal AND t.tgenabled <> 'D'`;
      expect(triggers.map((t) => t.events).sort(), table).toEqual(["TRUNCATE", "UPDATE,DELETE"]);
    }
  });

  it("deleting the newest events is named against the checkpoint file, while the chain alone still verifies", async () => {
    const org = await orgWithActivity("cp-truncate");
    const file = await checkpointFile();
    const checkpoint = await db().auditCheckpoint.findFirstOrThrow({ where: { organizationId: org.id }, orderBy: { seq: "desc" } });
    await expect(getCheckpointStanding(org.ctx.OWNER)).resolves.toMatchObject({ state: "matches", checkpoint: { seq: 8 } });

    await rewriteAsOwner([`DELETE FROM "AuditEvent" WHERE "organizationId" = $1 AND seq >= 7`, org.id]);
    expect(await db().auditEvent.count({ where: { organizationId: org.id } })).toBe(6);

    // What is left links up: the chain alone cannot tell.
    await expect(verifyAuditChain(org.id)).resolves.toEqual({ ok: true, checked: 6 });
    await expect(operatorVerifyAuditChains({ slug: org.slug })).resolves.toMatchObject({ exitCode: 0, lines: [`${org.slug}: OK, 6 events`] });

    const report = await operatorVerifyAgainstCheckpoints({ content: file, slug: org.slug });
    expect(report.exitCode).toBe(1);
    expect(report.lines).toEqual([
      `${org.slug}: BROKEN against the checkpoint: 2 events missing (#7–#8): the signed checkpoint of ${checkpoint.createdAt.toISOString()} records 8 events, the chain now ends at #6`,
    ]);
    expect(report.chains[0]!.comparison).toEqual({ ok: false, kind: "missing", missingCount: 2, missing: [{ from: 7, to: 8 }], lastSeq: 6 });

    // The audit page names them from the stored checkpoint.
    const standing = await getCheckpointStanding(org.ctx.SECURITY_LEAD);
    expect(standing).toMatchObject({ state: "mismatch", comparison: { kind: "missing", missing: [{ from: 7, to: 8 }] } });

    // The job signs no checkpoint of what is left (which would make the removal the record).
    const job = await recordAuditCheckpoints();
    expect(job.checkpoints.some((c) => c.organizationId === org.id)).toBe(false);
    expect(job.withheld.find((w) => w.organizationId === org.id)).toMatchObject({
      checkpoint: { seq: 8 },
      problem: expect.stringMatching(/^2 events missing \(#7–#8\)/),
    });
    // New events after the removal do not hide it: #7 and #8 now hold other events.
    await recordAccessDenied(org.ctx.VIEWER, { action: "after-the-removal", permission: "model.delete" });
    await recordAccessDenied(org.ctx.VIEWER, { action: "after-the-removal-2", permission: "model.delete" });
    const refilled = await operatorVerifyAgainstCheckpoints({ content: file, slug: org.slug });
    expect(refilled.lines).toEqual([
      `${org.slug}: BROKEN against the checkpoint: event #8 differs from the signed checkpoint of ${checkpoint.createdAt.toISOString()} that recorded 8 events: the chain up to #8 was rewritten`,
    ]);
  });

  it("a middle event removed is named too, beside the chain's own break", async () => {
    const org = await orgWithActivity("cp-middle");
    const file = await checkpointFile();
    await rewriteAsOwner([`DELETE FROM "AuditEvent" WHERE "organizationId" = $1 AND seq IN (3, 5, 6)`, org.id]);
    const report = await operatorVerifyAgainstCheckpoints({ content: file, slug: org.slug });
    expect(report.exitCode).toBe(1);
    expect(report.lines[0]).toMatch(new RegExp(`^${org.slug}: BROKEN against the checkpoint: 3 events missing \\(#3, #5–#6\\): `));
    expect(report.lines[1]).toMatch(new RegExp(`^${org.slug}: BROKEN at event #4 .*: sequence gap, expected event #3, found #4`));
  });

  it("a whole organization's chain deleted is reported, and so is the organization itself deleted", async () => {
    const emptied = await orgWithActivity("cp-emptied");
    const gone = await createOrg("cp-gone");
    const file = await checkpointFile();
    await rewriteAsOwner([`DELETE FROM "AuditEvent" WHERE "organizationId" = $1`, emptied.id]);
    await rewriteAsOwner(
      [`DELETE FROM "AuditEvent" WHERE "organizationId" = $1`, gone.id],
      [`DELETE FROM "Membership" WHERE "organizationId" = $1`, gone.id],
      [`DELETE FROM "Organization" WHERE id = $1`, gone.id],
    );
    // Without the checkpoint, one chain "verifies" with no events and the other is not even listed.
    const alone = await operatorVerifyAuditChains();
    expect(alone.lines).toContain(`${emptied.slug}: OK, 0 events`);
    expect(alone.lines.some((line) => line.includes(gone.slug))).toBe(false);

    const report = await operatorVerifyAgainstCheckpoints({ content: file });
    expect(report.exitCode).toBe(1);
    expect(linesOf(report, emptied.slug)).toEqual([
      expect.stringMatching(new RegExp(`^${emptied.slug}: BROKEN against the checkpoint: 8 events missing \\(#1–#8\\): .*, the chain now has none$`)),
    ]);
    expect(linesOf(report, gone.slug)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${gone.slug} \\(organization ${gone.id}, no longer in the database\\): BROKEN against the checkpoint: 6 events missing \\(#1–#6\\): .*, the chain now has none$`,
        ),
      ),
    ]);
    // Named by the slug it had, when asked for only that one.
    await expect(operatorVerifyAgainstCheckpoints({ content: file, slug: gone.slug })).resolves.toMatchObject({
      exitCode: 1,
      chains: [{ organizationId: gone.id }],
    });
    // And the next file keeps the checkpoints of both, not dropping what is gone.
    const next = JSON.parse(await checkpointFile()) as { checkpoints: { organizationId: string; seq: number }[] };
    expect(next.checkpoints.filter((c) => c.organizationId === emptied.id || c.organizationId === gone.id).map((c) => c.seq)).toEqual(
      expect.arrayContaining([8, 6]),
    );
  });

  it("a chain rewritten and re-hashed with the audit secret verifies alone but fails against the checkpoint", async () => {
    const org = await orgWithActivity("cp-rehash");
    const file = await checkpointFile();
    const events = await db().auditEvent.findMany({ where: { organizationId: org.id }, orderBy: { seq: "asc" } });
    // Event #7 (the model created) gets another title, and it and every later event a
    // consistent hash: exactly what someone holding AUDIT_SECRET and the database could do.
    let prev = events[5]!.hash;
    const statements: [string, ...unknown[]][] = [];
    for (const event of events.slice(6)) {
      const summary = event.seq === 7 ? { title: "Nothing to see here", start: "blank" } : event.summary;
      const { id: _id, prevHash: _p, hash: _h, ...fields } = { ...event, summary };
      const hash = chainHash(process.env.AUDIT_SECRET!, prev, fields);
      statements.push([`UPDATE "AuditEvent" SET summary = $2::jsonb, "prevHash" = $3, hash = $4 WHERE id = $1`, event.id, JSON.stringify(summary), prev, hash]);
      prev = hash;
    }
    await rewriteAsOwner(...statements);
    await expect(verifyAuditChain(org.id)).resolves.toEqual({ ok: true, checked: 8 });

    const report = await operatorVerifyAgainstCheckpoints({ content: file, slug: org.slug });
    expect(report.exitCode).toBe(1);
    expect(report.lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${org.slug}: BROKEN against the checkpoint: event #8 differs from the signed checkpoint of .* that recorded 8 events: the chain up to #8 was rewritten$`,
        ),
      ),
    ]);
    await expect(getCheckpointStanding(org.ctx.ADMIN)).resolves.toMatchObject({ state: "mismatch", comparison: { kind: "rewritten", seq: 8 } });
  });

  it("a checkpoint file changed after signing, or signed with another key, is refused and nothing is reported", async () => {
    const org = await orgWithActivity("cp-forged");
    const file = await checkpointFile();
    const value = JSON.parse(file) as { signature: string; checkpoints: { organizationId: string | null; seq: number; signature: string }[] };
    const mine = value.checkpoints.findIndex((c) => c.organizationId === org.id);
    const flip = (s: string) => `${s[0] === "A" ? "B" : "A"}${s.slice(1)}`;

    const variants: [string, unknown, RegExp][] = [
      [
        "the file's signature changed",
        { ...value, signature: flip(value.signature) },
        /its signature does not verify with the key SHA256:.+: it was changed after it was signed\.$/,
      ],
      [
        "a checkpoint's seq lowered (to hide removed events)",
        { ...value, checkpoints: value.checkpoints.map((c, i) => (i === mine ? { ...c, seq: 6 } : c)) },
        /its signature does not verify/,
      ],
      ["a chain's checkpoint left out", { ...value, checkpoints: value.checkpoints.filter((_, i) => i !== mine) }, /its signature does not verify/],
      ["not JSON", "{ not json", /it is not JSON\.$/],
      ["another file", { format: "threatdesk", version: 1 }, /it is not a ThreatDesk checkpoint file/],
    ];
    for (const [what, content, message] of variants) {
      const error = await expectSafeError(
        operatorVerifyAgainstCheckpoints({ content: typeof content === "string" ? content : JSON.stringify(content) }),
        InvalidInputError,
        "invalid",
      );
      expect(error.message, what).toMatch(/^The checkpoint file is refused: /);
      expect(error.message, what).toMatch(message);
    }

    // A whole file signed with someone else's key is refused for the installation's key.
    const other = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    vi.stubEnv("AUDIT_SIGNING_KEY", other);
    const foreign = await checkpointFile();
    vi.unstubAllEnvs();
    const error = await expectSafeError(operatorVerifyAgainstCheckpoints({ content: foreign }), InvalidInputError, "invalid");
    expect(error.message).toMatch(/^The checkpoint file is refused: it was signed with the key SHA256:\S+, not with SHA256:\S+\.$/);
  });

  it("verifies with only the public key: no signing key needed, and a private key is not taken for one", async () => {
    const org = await orgWithActivity("cp-public");
    const file = await checkpointFile();
    const pem = publicPem();
    await rewriteAsOwner([`DELETE FROM "AuditEvent" WHERE "organizationId" = $1 AND seq = 8`, org.id]);

    vi.stubEnv("AUDIT_SIGNING_KEY", "");
    expect(installationSigningKey()).toBeNull();
    const report = await operatorVerifyAgainstCheckpoints({ content: file, publicKeyPem: pem, slug: org.slug });
    expect(report.lines).toEqual([expect.stringMatching(new RegExp(`^${org.slug}: BROKEN against the checkpoint: 1 event missing \\(#8\\): `))]);
    // Without the signing key the page cannot check checkpoints, and says so.
    await expect(getCheckpointStanding(org.ctx.OWNER)).resolves.toEqual({ state: "no-key" });

    const noKey = await expectSafeError(operatorVerifyAgainstCheckpoints({ content: file }), InvalidInputError, "invalid");
    expect(noKey.message).toBe("No key to check the checkpoints with: give the public key with --public-key (tm audit public-key prints it).");
    const privateKey = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const refused = await expectSafeError(operatorVerifyAgainstCheckpoints({ content: file, publicKeyPem: privateKey }), InvalidInputError, "invalid");
    expect(refused.message).toBe("The public key is a private key: give the public key (tm audit public-key prints it).");
  });

  it("the page flags a stored checkpoint the installation's key never signed", async () => {
    const org = await orgWithActivity("cp-unsigned");
    await recordAuditCheckpoints();
    await db().auditCheckpoint.create({
      data: { organizationId: org.id, seq: 99, headHash: "0".repeat(64), keyId: installationSigningKey()!.keyId, signature: "AAAA" },
    });
    await expect(getCheckpointStanding(org.ctx.OWNER)).resolves.toMatchObject({ state: "matches", unsigned: true, checkpoint: { seq: 8 } });
  });
});

describe("the operator commands", () => {
  /** `npm run tm -- …` against the test database, with only the environment given. */
  function tm(env: Record<string, string>, ...args: string[]) {
    const run = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/tm.ts", ...args], {
      cwd: root,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH!,
        HOME: process.env.HOME ?? os.tmpdir(),
        DATABASE_URL: process.env.DATABASE_URL!,
        NODE_ENV: "test",
        THREATDESK_LOG: "silent",
        ...env,
      },
      timeout: 60_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  it("`audit checkpoint --out` writes the file, `audit public-key` the key, and an auditor verifies with only those", { timeout: 120_000 }, async () => {
    const org = await orgWithActivity("cp-cli");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "threatdesk-checkpoints-"));
    const file = path.join(dir, "checkpoints.json");
    const pem = path.join(dir, "audit.pub");
    const operatorEnv = { AUDIT_SECRET: process.env.AUDIT_SECRET!, AUDIT_SIGNING_KEY: process.env.AUDIT_SIGNING_KEY! };
    try {
      const written = tm(operatorEnv, "audit", "checkpoint", "--out", file);
      expect(written.stderr).toMatch(/^tm: wrote .*checkpoints\.json \(\d+ bytes\)\ntm: \d+ chains checkpointed \(\d+ new\), signed with SHA256:\S+\n/);
      // Chains the tests above cut are named, and make the exit code 1; the file is written all the same.
      expect(written.status).toBe(/: no new checkpoint, /.test(written.stderr) ? 1 : 0);
      const checkpoints = (JSON.parse(fs.readFileSync(file, "utf8")) as { checkpoints: { chain: string; seq: number }[] }).checkpoints;
      expect(checkpoints.find((c) => c.chain === org.slug)).toMatchObject({ seq: 8 });
      const key = tm(operatorEnv, "audit", "public-key", "--out", pem);
      expect(key.status).toBe(0);
      expect(fs.readFileSync(pem, "utf8")).toBe(publicPem());

      await rewriteAsOwner([`DELETE FROM "AuditEvent" WHERE "organizationId" = $1 AND seq >= 6`, org.id]);
      // The auditor's environment: the database and the secret the chain is checked with, no signing key.
      const audited = tm({ AUDIT_SECRET: process.env.AUDIT_SECRET! }, "audit", "verify", "--org", org.slug, "--against", file, "--public-key", pem);
      expect(audited.stdout).toMatch(new RegExp(`^${org.slug}: BROKEN against the checkpoint: 3 events missing \\(#6–#8\\): `));
      expect(audited.status).toBe(1);

      // A tampered file is refused with exit code 2 and the reason.
      const tampered = path.join(dir, "tampered.json");
      fs.writeFileSync(tampered, fs.readFileSync(file, "utf8").replace(/"seq": 8,/, '"seq": 5,'));
      const refused = tm({ AUDIT_SECRET: process.env.AUDIT_SECRET! }, "audit", "verify", "--against", tampered, "--public-key", pem);
      expect(refused.stderr).toMatch(
        /^tm: The checkpoint file is refused: its signature does not verify with the key SHA256:\S+: it was changed after it was signed\.\n$/,
      );
      expect(refused.status).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
