import "server-only";
import type { OperatorContext } from "@/lib/auth/context";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { describeChainVerdict, type ChainVerdict } from "@/lib/domain/audit-chain";
import type { Role } from "@/lib/domain/roles";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { appendAuditEvent, verifyAuditChain } from "./audit";
import { insertUser } from "./accounts";
import { insertOrganization } from "./organizations";

// What the operator command line may do: installation-wide, outside any member's session, and
// recorded in the audit trail as the operator.

export async function operatorCreateUser(op: OperatorContext, input: { email: string; name: string; password: string }) {
  return db().$transaction(async (tx) => {
    const user = await insertUser(tx, input);
    await appendAuditEvent(tx, { organizationId: null, actorId: null, actorLabel: op.actorLabel, action: "user.created", targetType: "user", targetId: user.id, summary: { email: user.email }, meta: op.meta });
    return user;
  });
}

export async function operatorCreateOrganization(op: OperatorContext, input: { name: string; slug?: string; ownerEmail: string }) {
  return db().$transaction(async (tx) => {
    const owner = await tx.user.findUnique({ where: { email: input.ownerEmail }, select: { id: true, email: true } });
    if (!owner) throw new NotFoundError(`A user with the email ${input.ownerEmail}`);
    const organization = await insertOrganization(tx, input, owner.id);
    await appendAuditEvent(tx, {
      organizationId: organization.id,
      actorId: null,
      actorLabel: op.actorLabel,
      action: "organization.created",
      targetType: "organization",
      targetId: organization.id,
      summary: { name: organization.name, slug: organization.slug, owner: owner.email },
      meta: op.meta,
    });
    return organization;
  });
}

export async function operatorAddMember(op: OperatorContext, input: { slug: string; email: string; role: Role }) {
  return db().$transaction(async (tx) => {
    const organization = await tx.organization.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (!organization) throw new NotFoundError(`The organization "${input.slug}"`);
    const user = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (!user) throw new NotFoundError(`A user with the email ${input.email}`);
    const existing = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId: organization.id, userId: user.id } }, select: { role: true } });
    if (existing) throw new ConflictError(`${input.email} is already a member of ${input.slug} (as ${existing.role}).`);
    const membership = await tx.membership.create({ data: { organizationId: organization.id, userId: user.id, role: input.role }, select: { id: true } });
    await appendAuditEvent(tx, {
      organizationId: organization.id,
      actorId: null,
      actorLabel: op.actorLabel,
      action: "member.added",
      targetType: "membership",
      targetId: membership.id,
      summary: { member: input.email, role: input.role },
      meta: op.meta,
    });
    return membership;
  });
}

/** Sets a new password and ends every session of the user. */
export async function operatorResetPassword(op: OperatorContext, input: { email: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (!user) throw new NotFoundError(`A user with the email ${input.email}`);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const revoked = await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await appendAuditEvent(tx, { organizationId: null, actorId: null, actorLabel: op.actorLabel, action: "user.password-reset", targetType: "user", targetId: user.id, summary: { email: input.email, sessionsEnded: revoked.count }, meta: op.meta });
    return { sessionsEnded: revoked.count };
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
export async function operatorVerifyAuditChains(input: { slug?: string } = {}): Promise<{ ok: boolean; exitCode: 0 | 1; chains: ChainReport[]; lines: string[] }> {
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
