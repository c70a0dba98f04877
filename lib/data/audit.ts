import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RequestMeta } from "@/lib/auth/context";
import { config } from "@/lib/config";
import { db, type Tx } from "@/lib/db/client";
import { GENESIS_HASH, chainHash, verifyChain, type ChainVerdict, type ChainedFields } from "@/lib/domain/audit-chain";

export type AuditInput = {
  organizationId: string | null;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId?: string | null;
  summary?: Record<string, unknown>;
  meta?: RequestMeta;
};

/** The acting member's part of an audit event. */
export function actedBy(ctx: { organizationId: string; userId: string; email: string; meta: RequestMeta }) {
  return { organizationId: ctx.organizationId, actorId: ctx.userId, actorLabel: ctx.email, meta: ctx.meta };
}

/**
 * Appends one event to its organization's chain, inside the caller's transaction so the event
 * exists exactly when the change does. The advisory lock serializes appends per organization
 * (across every instance) until the transaction ends.
 */
export async function appendAuditEvent(tx: Tx, input: AuditInput) {
  const chainKey = `audit:${input.organizationId ?? "installation"}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${chainKey}, 0))`;
  const last = await tx.auditEvent.findFirst({
    where: { organizationId: input.organizationId },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const fields: ChainedFields = {
    organizationId: input.organizationId,
    seq: (last?.seq ?? 0) + 1,
    actorId: input.actorId,
    actorLabel: input.actorLabel,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    summary: input.summary ?? {},
    ip: input.meta?.ip ?? null,
    userAgent: input.meta?.userAgent ?? null,
    requestId: input.meta?.requestId ?? null,
    // Millisecond precision, as stored, so the hash can be recomputed from the row.
    createdAt: new Date(Math.floor(Date.now())),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = chainHash(config.auditSecret(), prevHash, fields);
  return tx.auditEvent.create({
    data: { ...fields, summary: fields.summary as Prisma.InputJsonValue, prevHash, hash },
    select: { id: true, seq: true },
  });
}

/** Verifies one organization's chain (or the installation's, for null), streaming in pages. */
export async function verifyAuditChain(organizationId: string | null): Promise<ChainVerdict> {
  const secret = config.auditSecret();
  async function* events() {
    let afterSeq = 0;
    for (;;) {
      const page = await db().auditEvent.findMany({
        where: { organizationId, seq: { gt: afterSeq } },
        orderBy: { seq: "asc" },
        take: 1000,
      });
      if (page.length === 0) return;
      for (const e of page) yield { ...e, summary: e.summary as unknown };
      afterSeq = page[page.length - 1]!.seq;
    }
  }
  const collected = [];
  for await (const e of events()) collected.push(e);
  return verifyChain(secret, collected);
}

/** Records a refused attempt (a role calling what it may not), in its own transaction. */
export async function recordAccessDenied(
  ctx: { organizationId: string; userId: string; email: string; meta: RequestMeta },
  what: { action: string; permission: string },
) {
  await db().$transaction((tx) =>
    appendAuditEvent(tx, {
      ...actedBy(ctx),
      action: "access.denied",
      targetType: "action",
      targetId: what.action,
      summary: { permission: what.permission },
    }),
  );
}
