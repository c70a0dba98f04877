import "server-only";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { OperatorContext } from "@/lib/auth/context";
import { hashNewPassword, hashPassword } from "@/lib/auth/password";
import { db, type Tx } from "@/lib/db/client";
import { describeChainVerdict, type ChainVerdict } from "@/lib/domain/audit-chain";
import { detectImport } from "@/lib/domain/exchange/detect";
import type { ExportFormat } from "@/lib/domain/exchange/filename";
import { exportOrganizationJson, parseThreatDeskJson } from "@/lib/domain/exchange/json";
import type { Role } from "@/lib/domain/roles";
import { ConflictError, NotFoundError, SafeError } from "@/lib/errors";
import { actedAs, recordAuditEvent, verifyAuditChain } from "./audit";
import { insertUser } from "@/lib/data/accounts/insert-user";
import { buildOrganizationBackup, renderExport, toExportedModel, type ExportFile } from "./exports";
import { getFixBySettings } from "./fix-by-settings";
import { IMPORT_TRANSACTION, ImportRefusedError, previewInto, readImport, refuseOnDatabaseError, writeImportedModels } from "./imports";
import { liftLock } from "./lockouts/lift-lock";
import { insertOrganization } from "./organizations/insert-organization";
import { findThreatModel } from "./threat-models/find-threat-model";
import { endUserSessions } from "./sessions/end-sessions";

// What the operator command line may do: installation-wide, outside any member's session, and
// recorded in the audit trail as the operator.

export async function operatorCreateUser(op: OperatorContext, input: { email: string; name: string; password: string }) {
  return db().$transaction(async (tx) => {
    const user = await insertUser(tx, input);
    await recordAuditEvent(
      tx,
      actedAs(null, { id: null, label: op.actorLabel, meta: op.meta }),
      "user.created",
      { type: "user", id: user.id },
      { email: user.email },
    );
    return user;
  });
}

export async function operatorCreateOrganization(op: OperatorContext, input: { name: string; slug?: string; ownerEmail: string }) {
  return db().$transaction(async (tx) => {
    const owner = await tx.user.findUnique({ where: { email: input.ownerEmail }, select: { id: true, email: true } });
    if (!owner) throw new NotFoundError(`A user with the email ${input.ownerEmail}`);
    const organization = await insertOrganization(tx, input, owner.id);
    await recordAuditEvent(
      tx,
      actedAs(organization.id, { id: null, label: op.actorLabel, meta: op.meta }),
      "organization.created",
      { type: "organization", id: organization.id },
      { name: organization.name, slug: organization.slug, owner: owner.email },
    );
    return organization;
  });
}

export async function operatorAddMember(op: OperatorContext, input: { slug: string; email: string; role: Role }) {
  return db().$transaction(async (tx) => {
    const organization = await tx.organization.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (!organization) throw new NotFoundError(`The organization "${input.slug}"`);
    const user = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (!user) throw new NotFoundError(`A user with the email ${input.email}`);
    const existing = await tx.membership.findUnique({
      where: { organizationId_userId: { organizationId: organization.id, userId: user.id } },
      select: { role: true },
    });
    if (existing) throw new ConflictError(`${input.email} is already a member of ${input.slug} (as ${existing.role}).`);
    const membership = await tx.membership.create({ data: { organizationId: organization.id, userId: user.id, role: input.role }, select: { id: true } });
    await recordAuditEvent(
      tx,
      actedAs(organization.id, { id: null, label: op.actorLabel, meta: op.meta }),
      "member.added",
      { type: "membership", id: membership.id },
      { member: input.email, role: input.role },
    );
    return membership;
  });
}

/** Sets a new password and ends every session of the user. */
export async function operatorResetPassword(op: OperatorContext, input: { email: string; password: string }) {
  const passwordHash = await hashNewPassword(input.password);
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (!user) throw new NotFoundError(`A user with the email ${input.email}`);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const sessionsEnded = await endUserSessions(tx, user.id, "password-changed");
    await recordAuditEvent(
      tx,
      actedAs(null, { id: null, label: op.actorLabel, meta: op.meta }),
      "user.password-reset",
      { type: "user", id: user.id },
      { email: input.email, sessionsEnded },
    );
    return { sessionsEnded };
  });
}

/** Lifts the lock on an account locked after failed sign-ins. */
export async function operatorUnlockAccount(op: OperatorContext, input: { email: string }, now = new Date()) {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, email: true } });
    if (!user) throw new NotFoundError(`A user with the email ${input.email}`);
    const lifted = await liftLock(tx, user, { id: null, label: op.actorLabel, meta: op.meta }, now);
    if (!lifted) throw new ConflictError(`The account ${input.email} is not locked.`);
    return { email: user.email, unlocked: true };
  });
}

export async function operatorListOrganizations() {
  const rows = await db().organization.findMany({
    orderBy: { slug: "asc" },
    select: { slug: true, name: true, createdAt: true, _count: { select: { memberships: true, threatModels: true } } },
  });
  return rows.map((r) => ({ slug: r.slug, name: r.name, members: r._count.memberships, threatModels: r._count.threatModels, createdAt: r.createdAt }));
}

/** The chain of events that belong to no organization (users created, passwords reset). */
export const INSTALLATION_CHAIN = "installation";

export type ChainReport = { chain: string; organizationId: string | null; verdict: ChainVerdict; line: string };

/**
 * `tm audit verify`: verifies the installation's chain and every organization's, or only the
 * named organization's, one after the other. Reading only, so nothing is audited. Exit code 1
 * when any chain is broken.
 */
export async function operatorVerifyAuditChains(
  input: { slug?: string } = {},
): Promise<{ ok: boolean; exitCode: 0 | 1; chains: ChainReport[]; lines: string[] }> {
  let targets: { chain: string; organizationId: string | null }[];
  if (input.slug) {
    const organization = await db().organization.findUnique({ where: { slug: input.slug }, select: { id: true, slug: true } });
    if (!organization) throw new NotFoundError(`The organization "${input.slug}"`);
    targets = [{ chain: organization.slug, organizationId: organization.id }];
  } else {
    const organizations = await db().organization.findMany({ orderBy: { slug: "asc" }, select: { id: true, slug: true } });
    targets = [{ chain: INSTALLATION_CHAIN, organizationId: null }, ...organizations.map((o) => ({ chain: o.slug, organizationId: o.id }))];
  }
  const chains: ChainReport[] = [];
  for (const target of targets) {
    const verdict = await verifyAuditChain(target.organizationId);
    chains.push({ ...target, verdict, line: describeChainVerdict(target.chain, verdict) });
  }
  const ok = chains.every((c) => c.verdict.ok);
  return { ok, exitCode: ok ? 0 : 1, chains, lines: chains.map((c) => c.line) };
}

export async function disconnect() {
  await db().$disconnect();
}

// ─── Import and export ───────────────────────────────────────────────────────────────────

/** The member an operator's import is recorded as created by: the organization's first owner. */
async function firstOwner(tx: Tx, organizationId: string) {
  const owner = await tx.membership.findFirst({
    where: { organizationId, role: "OWNER" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { userId: true },
  });
  if (!owner) throw new ConflictError("The organization has no owner to record the import under.");
  return owner.userId;
}

/**
 * `tm import`: reads a file into models of the organization, as drafts, in one transaction.
 * With `dryRun` it only reads and reports; nothing is written.
 */
export async function operatorImportModels(op: OperatorContext, input: { slug: string; fileName: string; content: Uint8Array | string; dryRun: boolean }) {
  const organization = await db().organization.findUnique({ where: { slug: input.slug }, select: { id: true } });
  if (!organization) throw new NotFoundError(`The organization "${input.slug}"`);
  const prepared = readImport({ fileName: input.fileName, content: input.content });
  const { format, documents } = prepared.preview;
  if (input.dryRun) {
    const preview = await previewInto(db(), organization.id, prepared);
    return {
      dryRun: true,
      format,
      ids: [] as string[],
      models: preview.documents.map((d) => ({ id: null, ...d, title: d.importTitle })),
      warnings: preview.warnings,
    };
  }
  const { models, warnings } = await db()
    .$transaction(async (tx) => {
      const createdById = await firstOwner(tx, organization.id);
      const preview = await previewInto(tx, organization.id, prepared);
      const titled = prepared.models.map((m, i) => ({ ...m, document: { ...m.document, title: preview.documents[i]!.importTitle } }));
      const models = await writeImportedModels(
        tx,
        { organizationId: organization.id, createdById, defaultOwnerId: null, audit: { actorId: null, actorLabel: op.actorLabel, meta: op.meta } },
        format,
        titled,
        { fileName: path.basename(input.fileName).slice(0, 200) },
      );
      return { models, warnings: preview.warnings };
    }, IMPORT_TRANSACTION)
    .catch((error: unknown) => (error instanceof SafeError ? Promise.reject(error) : refuseOnDatabaseError(error)));
  return {
    dryRun: false,
    format,
    ids: models.map((m) => m.id),
    models: models.map((m, i) => ({ id: m.id, title: m.title, counts: m.counts, sections: documents[i]?.sections ?? [] })),
    warnings,
  };
}

/** `tm export`: any model of the installation, by id. */
export async function operatorExportModel(input: { id: string; format: ExportFormat }): Promise<ExportFile> {
  const found = await db().threatModel.findUnique({ where: { id: input.id }, select: { organizationId: true } });
  if (!found) throw new NotFoundError(`The threat model "${input.id}"`);
  const model = await findThreatModel(db(), found.organizationId, input.id);
  if (!model) throw new NotFoundError(`The threat model "${input.id}"`);
  return renderExport(await toExportedModel(db(), model), input.format, await getFixBySettings(db(), found.organizationId));
}

/** `tm export-org`: the organization's settings, members and models as one JSON file. */
export async function operatorExportOrganization(input: { slug: string }) {
  const organization = await db().organization.findUnique({ where: { slug: input.slug }, select: { id: true } });
  if (!organization) throw new NotFoundError(`The organization "${input.slug}"`);
  const backup = await buildOrganizationBackup(organization.id);
  return { body: exportOrganizationJson(backup), organization: backup.organization.slug, members: backup.members.length, models: backup.models.length };
}

export type RestoredMember = { email: string; role: Role; outcome: "created" | "existing user" | "already a member"; password?: string };

/**
 * `tm import-org`: restores a backup into a new organization (named by the file, or `slug`), or
 * into an existing one that has no threat models yet. Members are matched to users by email;
 * unknown emails become users with a random password, returned once. Models keep their status.
 * One transaction: on any refusal nothing is written.
 */
export async function operatorImportOrganization(op: OperatorContext, input: { content: Uint8Array | string; fileName?: string; slug?: string }) {
  const detected = detectImport(input.fileName ?? "backup.json", input.content);
  if (!detected.ok) throw new ImportRefusedError(detected.error);
  const parsed = detected.format === "json" ? parseThreatDeskJson(detected.value) : null;
  if (!parsed || (parsed.ok && parsed.kind !== "organization")) {
    throw new ImportRefusedError(
      'This is not an organization backup (a ThreatDesk JSON file with "format": "threatdesk-organization"). Import single models with "tm import".',
    );
  }
  if (!parsed.ok) throw new ImportRefusedError("This organization backup does not have the expected shape.", parsed.errors);
  const { backup } = parsed;
  const slug = input.slug ?? backup.organization.slug;

  // Hash outside the transaction: argon2 takes tens of milliseconds per password.
  const known = new Set(
    (await db().user.findMany({ where: { email: { in: backup.members.map((m) => m.email.toLowerCase()) } }, select: { email: true } })).map((u) => u.email),
  );
  const passwords = new Map<string, string>();
  const hashes = new Map<string, string>();
  for (const m of backup.members) {
    const email = m.email.toLowerCase();
    if (known.has(email) || passwords.has(email)) continue;
    const password = randomBytes(18).toString("base64url");
    passwords.set(email, password);
    hashes.set(email, await hashPassword(password));
  }

  return db()
    .$transaction(async (tx) => {
      const audit = { actorId: null, actorLabel: op.actorLabel, meta: op.meta };
      // Appended after the models are written (see writeImportedModels): appending takes the
      // installation's and the organization's audit locks until the commit.
      const events: (() => Promise<unknown>)[] = [];
      const members: RestoredMember[] = [];
      const userIds = new Map<string, string>();
      for (const m of backup.members) {
        const email = m.email.toLowerCase();
        const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
        if (existing) {
          userIds.set(email, existing.id);
          continue;
        }
        const hash = hashes.get(email);
        if (!hash) throw new ConflictError(`The user ${email} was removed while the backup was being restored. Try again.`);
        const user = await tx.user.create({ data: { email, name: m.name, passwordHash: hash }, select: { id: true } });
        userIds.set(email, user.id);
        events.push(() =>
          recordAuditEvent(tx, { organizationId: null, ...audit }, "user.created", { type: "user", id: user.id }, { email, via: "import-org" }),
        );
      }

      let organization = await tx.organization.findUnique({
        where: { slug },
        select: { id: true, slug: true, name: true, _count: { select: { threatModels: true } } },
      });
      const created = !organization;
      if (organization && organization._count.threatModels > 0) {
        throw new ImportRefusedError(
          `The organization "${slug}" already has ${organization._count.threatModels} threat models. A backup is restored only into a new organization or an empty one; choose another slug with --slug.`,
        );
      }
      const firstOwnerEmail = backup.members.find((m) => m.role === "OWNER")!.email.toLowerCase();
      if (!organization) {
        const inserted = await insertOrganization(tx, { name: backup.organization.name, slug }, userIds.get(firstOwnerEmail)!);
        organization = { ...inserted, _count: { threatModels: 0 } };
        events.push(() =>
          recordAuditEvent(
            tx,
            { organizationId: inserted.id, ...audit },
            "organization.created",
            { type: "organization", id: inserted.id },
            { name: inserted.name, slug: inserted.slug, owner: firstOwnerEmail, from: "backup" },
          ),
        );
      }
      const organizationId = organization.id;
      await tx.organization.update({ where: { id: organizationId }, data: backup.organization.settings });

      const memberships = new Map(
        (await tx.membership.findMany({ where: { organizationId }, select: { userId: true, role: true } })).map((m) => [m.userId, m.role]),
      );
      for (const m of backup.members) {
        const email = m.email.toLowerCase();
        const userId = userIds.get(email)!;
        const outcome: RestoredMember["outcome"] = passwords.has(email) ? "created" : "existing user";
        if (memberships.has(userId)) {
          // The owner who created the organization above is already a member, as OWNER.
          members.push({
            email,
            role: memberships.get(userId)!,
            outcome: created && email === firstOwnerEmail ? outcome : "already a member",
            ...(passwords.has(email) ? { password: passwords.get(email)! } : {}),
          });
          continue;
        }
        const membership = await tx.membership.create({ data: { organizationId, userId, role: m.role }, select: { id: true } });
        memberships.set(userId, m.role);
        events.push(() =>
          recordAuditEvent(
            tx,
            { organizationId, ...audit },
            "member.added",
            { type: "membership", id: membership.id },
            { member: email, role: m.role, via: "import-org" },
          ),
        );
        members.push({ email, role: m.role, outcome, ...(passwords.has(email) ? { password: passwords.get(email)! } : {}) });
      }

      const models = await writeImportedModels(
        tx,
        { organizationId, createdById: userIds.get(firstOwnerEmail)!, defaultOwnerId: null, audit },
        "json",
        backup.models,
        { from: "organization backup" },
        events,
      );
      return {
        organization: { id: organizationId, slug: organization.slug, name: organization.name, created },
        members,
        models: models.map((m) => ({ id: m.id, title: m.title })),
      };
    }, IMPORT_TRANSACTION)
    .catch((error: unknown) => (error instanceof SafeError ? Promise.reject(error) : refuseOnDatabaseError(error)));
}
