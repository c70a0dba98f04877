import "server-only";
import type { RequestMeta, UserContext } from "@/lib/auth/context";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { config } from "@/lib/config";
import { db, type Tx } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import type { TSignUp } from "@/lib/validation/account";
import { Prisma } from "@/lib/generated/prisma/client";
import { actedAs, recordAuditEvent } from "./audit";
import { insertOrganization } from "./organizations/insert-organization";

export type SessionUser = { id: string; email: string; name: string; lastOrganizationId: string | null };

function isUniqueViolation(error: unknown, field?: string) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && (!field || JSON.stringify(error.meta ?? {}).includes(field));
}

export async function insertUser(tx: Tx, input: { name: string; email: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await tx.user.create({
      data: { name: input.name, email: input.email.toLowerCase(), passwordHash },
      select: { id: true, email: true, name: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("An account with this email already exists. Sign in instead.");
    throw error;
  }
}

/** Sign-up: a new user who owns a new organization, all or nothing. */
export async function signUp(input: TSignUp, meta: RequestMeta) {
  // Hash outside the transaction: it takes ~50 ms of CPU and holds no locks.
  const existing = await db().user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new ConflictError("An account with this email already exists. Sign in instead.");
  return db().$transaction(async (tx) => {
    const user = await insertUser(tx, input);
    const organization = await insertOrganization(tx, { name: input.organizationName, slug: input.organizationSlug }, user.id);
    await tx.user.update({ where: { id: user.id }, data: { lastOrganizationId: organization.id } });
    await recordAuditEvent(
      tx,
      actedAs(organization.id, { id: user.id, label: user.email, meta }),
      "organization.created",
      { type: "organization", id: organization.id },
      { name: organization.name, slug: organization.slug, owner: user.email },
    );
    return { user, organization };
  });
}

/** Checks an email and password; the same answer (null) whichever of the two is wrong. */
export async function verifyCredentials(email: string, password: string): Promise<SessionUser | null> {
  const user = await db().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, lastOrganizationId: true, passwordHash: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok) return null;
  return { id: user.id, email: user.email, name: user.name, lastOrganizationId: user.lastOrganizationId };
}

export async function createSession(userId: string, meta: Pick<RequestMeta, "ip" | "userAgent">) {
  const expiresAt = new Date(Date.now() + config.sessionHours() * 3600_000);
  return db().session.create({
    data: { userId, expiresAt, ip: meta.ip, userAgent: meta.userAgent?.slice(0, 512) ?? null },
    select: { id: true, expiresAt: true },
  });
}

/** The user behind a live session, or null when it was revoked, expired or never existed. */
export async function getSessionUser(sessionId: string): Promise<SessionUser | null> {
  const session = await db().session.findUnique({
    where: { id: sessionId },
    select: { revokedAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true, lastOrganizationId: true } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= new Date()) return null;
  return session.user;
}

export async function revokeSession(sessionId: string) {
  await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

export type MembershipSummary = { organizationId: string; slug: string; name: string; role: string };

export async function listMemberships(user: Pick<UserContext, "userId">): Promise<MembershipSummary[]> {
  const rows = await db().membership.findMany({
    where: { userId: user.userId },
    select: { role: true, organization: { select: { id: true, slug: true, name: true } } },
    orderBy: { organization: { name: "asc" } },
  });
  return rows.map((r) => ({ organizationId: r.organization.id, slug: r.organization.slug, name: r.organization.name, role: r.role }));
}

export async function rememberLastOrganization(user: Pick<UserContext, "userId">, organizationId: string) {
  await db().user.update({ where: { id: user.userId }, data: { lastOrganizationId: organizationId } });
}

export async function getLastOrganizationId(user: Pick<UserContext, "userId">): Promise<string | null> {
  const row = await db().user.findUnique({ where: { id: user.userId }, select: { lastOrganizationId: true } });
  return row?.lastOrganizationId ?? null;
}
