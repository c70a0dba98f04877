import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrgContext, RequestMeta } from "@/lib/auth/context";
import { normalizeIp } from "@/lib/auth/ip-address";
import { requirePermission } from "@/lib/auth/require";
import { config } from "@/lib/config";
import { db, type Tx } from "@/lib/db/client";
import { addDays, fromDay } from "@/lib/domain/calendar";
import { GENESIS_HASH, chainHash, createChainVerifier, type ChainVerdict, type ChainedFields, type StoredEvent } from "@/lib/domain/audit-chain";
import type { AuditAction, AuditTargetType } from "@/lib/domain/audit-vocabulary";
import { AUDIT_PAGE_SIZE, type TAuditFilters } from "@/lib/validation/audit";

export type AuditInput = {
  organizationId: string | null;
  actorId: string | null;
  actorLabel: string;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId?: string | null;
  summary?: Record<string, unknown>;
  meta?: RequestMeta;
};

/** Who an event is by, and in which organization's chain (null: the installation's). */
type AuditActor = Pick<AuditInput, "organizationId" | "actorId" | "actorLabel" | "meta">;

/** The acting member's part of an audit event. */
export function actedBy(ctx: { organizationId: string; userId: string; email: string; meta: RequestMeta }) {
  return { organizationId: ctx.organizationId, actorId: ctx.userId, actorLabel: ctx.email, meta: ctx.meta };
}

/** An actor outside a member's context: a user signing up or accepting an invitation, the operator (no id), the demo seed. */
export function actedAs(organizationId: string | null, actor: { id: string | null; label: string; meta?: RequestMeta }): AuditActor {
  return { organizationId, actorId: actor.id, actorLabel: actor.label, meta: actor.meta };
}

/**
 * Records that `actor` did `action` to `target`, in the caller's transaction: the one way lib/data
 * writes an audit event.
 */
export function recordAuditEvent(
  tx: Tx,
  actor: AuditActor,
  action: AuditAction,
  target: { type: AuditTargetType; id?: string | null },
  summary?: Record<string, unknown>,
) {
  return appendAuditEvent(tx, { ...actor, action, targetType: target.type, targetId: target.id ?? null, ...(summary ? { summary } : {}) });
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
    clientRequestId: input.meta?.clientRequestId ?? null,
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

// Exactly the columns the hash covers plus the chain's own: a column added to the table later
// must not silently become part of what is verified.
const STORED_EVENT_FIELDS = selectOf([
  "id",
  "organizationId",
  "seq",
  "actorId",
  "actorLabel",
  "action",
  "targetType",
  "targetId",
  "summary",
  "ip",
  "userAgent",
  "requestId",
  "clientRequestId",
  "createdAt",
  "prevHash",
  "hash",
]) satisfies Record<keyof StoredEvent, true>;

/** What the audit page lists of each event: who did what to what, when, and from where. */
const LISTED_EVENT_FIELDS = selectOf([
  "id",
  "seq",
  "createdAt",
  "actorId",
  "actorLabel",
  "action",
  "targetType",
  "targetId",
  "summary",
  "ip",
  "requestId",
  "clientRequestId",
]);

/** A Prisma `select` of the named columns of an audit event. */
function selectOf<const K extends keyof StoredEvent>(fields: readonly K[]): Record<K, true> {
  return Object.fromEntries(fields.map((field) => [field, true])) as Record<K, true>;
}

/** Events read per query while verifying: bounds memory however long a chain grows. */
const VERIFY_PAGE_SIZE = 1000;

/**
 * Verifies one organization's chain (or the installation's, for null), streaming it page by page
 * into the verifier and stopping at the first break. Pages continue after the last (seq, id)
 * seen, so a duplicated seq cannot hide on a page boundary.
 */
export async function verifyAuditChain(organizationId: string | null, options: { pageSize?: number } = {}): Promise<ChainVerdict> {
  const pageSize = options.pageSize ?? VERIFY_PAGE_SIZE;
  const verifier = createChainVerifier(config.auditSecret());
  let after: { seq: number; id: string } | null = null;
  for (;;) {
    const page: StoredEvent[] = await db().auditEvent.findMany({
      where: { organizationId, ...(after ? { OR: [{ seq: { gt: after.seq } }, { seq: after.seq, id: { gt: after.id } }] } : {}) },
      orderBy: [{ seq: "asc" }, { id: "asc" }],
      take: pageSize,
      select: STORED_EVENT_FIELDS,
    });
    for (const event of page) {
      if (verifier.add(event)) return verifier.verdict();
    }
    if (page.length < pageSize) return verifier.verdict();
    const last = page[page.length - 1]!;
    after = { seq: last.seq, id: last.id };
  }
}

/** The banner of the audit page: whether the member's organization's chain verifies, right now. */
export async function verifyOrganizationChain(ctx: OrgContext): Promise<ChainVerdict> {
  requirePermission(ctx, "audit.read");
  return verifyAuditChain(ctx.organizationId);
}

export type AuditEventFilters = Omit<TAuditFilters, "page"> & { page?: number; pageSize?: number };

/** A threat model an event names as its target; `exists` is false once the model was deleted. */
export type AuditModelTarget = { modelId: string; title: string | null; exists: boolean };

export type AuditEventRow = {
  id: string;
  seq: number;
  createdAt: Date;
  actorId: string | null;
  actorLabel: string;
  /** The actor's current name while they are a member of the organization. */
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  model: AuditModelTarget | null;
  summary: unknown;
  ip: string | null;
  /** The server's own id of the request that did it. */
  requestId: string | null;
  /** The X-Request-Id the client sent, if any: its claim, not the server's id. */
  clientRequestId: string | null;
};

const MODEL_TARGET = "threat-model";

function auditWhere(organizationId: string, filters: AuditEventFilters): Prisma.AuditEventWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  // Days are UTC days, inclusive at both ends.
  if (filters.from) createdAt.gte = fromDay(filters.from);
  if (filters.to) createdAt.lt = fromDay(addDays(filters.to, 1));
  return {
    organizationId,
    ...(filters.actor ? { actorId: filters.actor } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.model ? { targetType: MODEL_TARGET, targetId: filters.model } : {}),
    ...(filters.from || filters.to ? { createdAt } : {}),
  };
}

/** One page of the organization's audit trail, newest first. */
export async function listAuditEvents(ctx: OrgContext, filters: AuditEventFilters) {
  requirePermission(ctx, "audit.read");
  const pageSize = filters.pageSize ?? AUDIT_PAGE_SIZE;
  const page = filters.page ?? 1;
  const where = auditWhere(ctx.organizationId, filters);
  const [total, events] = await Promise.all([
    db().auditEvent.count({ where }),
    db().auditEvent.findMany({
      where,
      // seq is the order the chain was written in; createdAt can tie within a millisecond.
      orderBy: { seq: "desc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: LISTED_EVENT_FIELDS,
    }),
  ]);
  const actorIds = [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const modelIds = [...new Set(events.flatMap((e) => (e.targetType === MODEL_TARGET && e.targetId ? [e.targetId] : [])))];
  const [members, models] = await Promise.all([
    actorIds.length
      ? db().membership.findMany({
          where: { organizationId: ctx.organizationId, userId: { in: actorIds } },
          select: { userId: true, user: { select: { name: true } } },
        })
      : [],
    modelIds.length
      ? db().threatModel.findMany({ where: { organizationId: ctx.organizationId, id: { in: modelIds } }, select: { id: true, title: true } })
      : [],
  ]);
  const nameOf = new Map(members.map((m) => [m.userId, m.user.name]));
  const titleOf = new Map(models.map((m) => [m.id, m.title]));
  const items: AuditEventRow[] = events.map((e) => {
    let model: AuditModelTarget | null = null;
    if (e.targetType === MODEL_TARGET && e.targetId) {
      const current = titleOf.get(e.targetId);
      // A deleted model keeps the title its events recorded.
      const recorded = (e.summary as { title?: unknown } | null)?.title;
      model = { modelId: e.targetId, title: current ?? (typeof recorded === "string" ? recorded : null), exists: current !== undefined };
    }
    // Stored as recorded (the hash chain covers it); events recorded before addresses were
    // normalized show the address the same way as newer ones.
    return { ...e, ip: normalizeIp(e.ip), actorName: e.actorId ? (nameOf.get(e.actorId) ?? null) : null, model };
  });
  return { items, total, page, pageSize };
}

/** What the audit page's filters offer: the organization's members, actions present, and models. */
export async function listAuditFilterOptions(ctx: OrgContext) {
  requirePermission(ctx, "audit.read");
  const [members, actions, models] = await Promise.all([
    db().membership.findMany({
      where: { organizationId: ctx.organizationId },
      select: { user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
    }),
    // groupBy is a GROUP BY in PostgreSQL, served by the (organizationId, action) index.
    db().auditEvent.groupBy({ by: ["action"], where: { organizationId: ctx.organizationId }, orderBy: { action: "asc" } }),
    db().threatModel.findMany({
      where: { organizationId: ctx.organizationId },
      select: { id: true, title: true, version: true },
      orderBy: [{ title: "asc" }, { id: "asc" }],
    }),
  ]);
  return {
    actors: members.map((m) => m.user),
    actions: actions.map((a) => a.action),
    models,
  };
}

/** Records a refused attempt (a role calling what it may not), in its own transaction. */
export async function recordAccessDenied(
  ctx: { organizationId: string; userId: string; email: string; meta: RequestMeta },
  what: { action: string; permission: string },
) {
  await db().$transaction((tx) => recordAuditEvent(tx, actedBy(ctx), "access.denied", { type: "action", id: what.action }, { permission: what.permission }));
}
