import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db, type Tx } from "@/lib/db/client";
import * as calendar from "@/lib/domain/calendar";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import { emptyDocument } from "@/lib/domain/model-document";
import { templateStartDocument } from "@/lib/domain/team-template";
import { standingStatusSql } from "@/lib/domain/model-standing";
import { STRIDE_CATEGORIES, type Priority } from "@/lib/domain/threat-model";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  DEFAULT_SORT_DIRECTION,
  DELETE_TITLE_MISMATCH,
  TITLE_MAX,
  type ModelSort,
  type SortDirection,
  type TCreateThreatModel,
  type TDeleteThreatModel,
  type TDuplicateThreatModel,
  type TListThreatModels,
} from "@/lib/validation/threat-model";
import { actedBy, appendAuditEvent } from "./audit";

/** Calendar dates are stored at UTC midnight, so their UTC day is the date. */
const { fromDay: toDate, toDay: toYmd } = calendar;

/**
 * Writes a whole model document as rows of one organization, inside the caller's transaction.
 * Mitigation keys are resolved to the new rows, so links never leave the model.
 */
export async function insertThreatModelDocument(
  tx: Tx,
  scope: { organizationId: string; createdById: string; ownerId?: string | null },
  doc: ThreatModelDocument,
) {
  const organizationId = scope.organizationId;
  const model = await tx.threatModel.create({
    data: {
      organizationId,
      createdById: scope.createdById,
      ownerId: scope.ownerId ?? null,
      title: doc.title,
      featureName: doc.featureName,
      version: doc.version,
      status: doc.status,
      ownerTeam: doc.ownerTeam,
      category: doc.category,
      nextReviewDate: toDate(doc.nextReviewDate),
      systemDiagramRef: doc.systemDiagramRef,
      overview: doc.overview,
      scopeIn: doc.scopeIn,
      scopeOut: doc.scopeOut,
      architecture: doc.architecture,
      dataFlow: doc.dataFlow,
    },
    select: { id: true },
  });
  const threatModelId = model.id;
  const inModel = { organizationId, threatModelId };

  await tx.trustBoundary.createMany({ data: doc.trustBoundaries.map((b, position) => ({ ...inModel, ...b, position })) });
  await tx.asset.createMany({ data: doc.assets.map((a, position) => ({ ...inModel, ...a, position })) });
  await tx.strideAssessment.createMany({ data: doc.strideAssessments.map((s) => ({ ...inModel, ...s })) });
  await tx.securityControl.createMany({ data: doc.securityControls.map((c, position) => ({ ...inModel, ...c, position })) });
  await tx.securityInvariant.createMany({ data: doc.securityInvariants.map((i) => ({ ...inModel, ...i })) });

  // A mitigation owner must be a member of this organization: a document is not trusted to
  // name one, so ids that are not (or no longer) members' are dropped.
  const ownerIds = [...new Set(doc.mitigations.map((m) => m.ownerId).filter((id): id is string => Boolean(id)))];
  const memberIds = new Set(
    ownerIds.length
      ? (await tx.membership.findMany({ where: { organizationId, userId: { in: ownerIds } }, select: { userId: true } })).map((m) => m.userId)
      : [],
  );
  const mitigationIds = new Map<string, string>();
  const mitigations = await tx.mitigation.createManyAndReturn({
    data: doc.mitigations.map(({ key: _key, dueDate, ownerId, ...m }, position) => ({
      ...inModel,
      ...m,
      ownerId: ownerId && memberIds.has(ownerId) ? ownerId : null,
      dueDate: toDate(dueDate),
      position,
    })),
    select: { id: true, position: true },
  });
  for (const row of mitigations) mitigationIds.set(doc.mitigations[row.position]!.key, row.id);
  const linkIds = (keys: string[]) => [...new Set(keys)].map((k) => mitigationIds.get(k)).filter((id): id is string => Boolean(id));

  const threats = await tx.threat.createManyAndReturn({
    data: doc.threats.map(({ mitigationKeys: _keys, dueDate, ...t }, position) => ({ ...inModel, ...t, dueDate: toDate(dueDate ?? null), position })),
    select: { id: true, position: true },
  });
  await tx.threatMitigation.createMany({
    data: threats.flatMap((t) => linkIds(doc.threats[t.position]!.mitigationKeys).map((mitigationId) => ({ organizationId, threatId: t.id, mitigationId }))),
  });

  const scenarios = await tx.attackScenario.createManyAndReturn({
    data: doc.attackScenarios.map(({ mitigationKeys: _keys, ...s }, position) => ({ ...inModel, ...s, position })),
    select: { id: true, position: true },
  });
  await tx.scenarioMitigation.createMany({
    data: scenarios.flatMap((s) => linkIds(doc.attackScenarios[s.position]!.mitigationKeys).map((mitigationId) => ({ organizationId, scenarioId: s.id, mitigationId }))),
  });

  const threatIdByTitle = new Map(threats.map((t) => [doc.threats[t.position]!.title, t.id]));
  const threatIdByIndex = new Map(threats.map((t) => [t.position, t.id]));
  const threatIdOf = (r: ThreatModelDocument["residualRisks"][number]) =>
    r.threatIndex === undefined ? (threatIdByTitle.get(r.threatTitle) ?? null) : r.threatIndex === null ? null : (threatIdByIndex.get(r.threatIndex) ?? null);
  await tx.residualRiskAcceptance.createMany({
    data: doc.residualRisks.map((r) => ({
      ...inModel,
      threatId: threatIdOf(r),
      threatTitle: r.threatTitle,
      reason: r.reason,
      riskOwner: r.riskOwner,
      reviewDate: toDate(r.reviewDate)!,
      proposedById: scope.createdById,
    })),
  });
  return { id: threatModelId };
}

/** Creates a draft owned by its creator, blank or with the team template's example rows. */
export async function createThreatModel(ctx: OrgContext, input: Omit<TCreateThreatModel, "start"> & { start?: TCreateThreatModel["start"] }) {
  requirePermission(ctx, "model.create");
  const start = input.start ?? "blank";
  return db().$transaction(async (tx) => {
    const doc =
      start === "template"
        ? templateStartDocument(input.title, input.featureName, input.category)
        : { ...emptyDocument(input.title), featureName: input.featureName, category: input.category };
    const model = await insertThreatModelDocument(tx, { organizationId: ctx.organizationId, createdById: ctx.userId, ownerId: ctx.userId }, doc);
    await appendAuditEvent(tx, {
      ...actedBy(ctx),
      action: "threat-model.created",
      targetType: "threat-model",
      targetId: model.id,
      summary: { title: input.title, start },
    });
    return model;
  });
}

/** "Copy of …", cut to fit the title limit. */
function copyTitle(title: string) {
  const copy = `Copy of ${title}`;
  return copy.length <= TITLE_MAX ? copy : `${copy.slice(0, TITLE_MAX - 1).trimEnd()}…`;
}

/**
 * A full copy of one of the organization's models as a new draft owned by the caller: every
 * section, with mitigation links and residual-risk links pointing at the copy's own rows.
 * Residual risks start over as proposals; approvals, revisions and comments are not copied,
 * since they were given to the original.
 */
export async function duplicateThreatModel(ctx: OrgContext, input: TDuplicateThreatModel) {
  requirePermission(ctx, "model.create");
  // Read before the transaction: Prisma loads the sections with several queries, which at READ
  // COMMITTED are not one snapshot inside a transaction either (and REPEATABLE READ would make
  // appendAuditEvent read a stale chain head). Every edit bumps lockVersion, so an unchanged
  // lockVersion afterwards proves no edit landed while the sections were read.
  const source = await findThreatModel(db(), ctx.organizationId, input.id);
  if (!source) throw new NotFoundError("That threat model");
  const doc: ThreatModelDocument = { ...toDocument(source), title: copyTitle(source.title), status: "DRAFT", version: "0.1.0" };
  return db().$transaction(async (tx) => {
    const unchanged = await tx.threatModel.count({ where: { id: source.id, organizationId: ctx.organizationId, lockVersion: source.lockVersion } });
    if (!unchanged) throw new ConflictError("The model changed or was deleted while it was being copied. Try again.");
    const model = await insertThreatModelDocument(tx, { organizationId: ctx.organizationId, createdById: ctx.userId, ownerId: ctx.userId }, doc);
    await appendAuditEvent(tx, {
      ...actedBy(ctx),
      action: "threat-model.duplicated",
      targetType: "threat-model",
      targetId: model.id,
      summary: { title: doc.title, sourceId: source.id, sourceTitle: source.title, sourceVersion: source.version },
    });
    return { id: model.id, title: doc.title };
  });
}

/**
 * Deletes one of the organization's models and every row under it (the foreign keys cascade),
 * once the caller has typed its title. The audit event is written first, in the same
 * transaction: audit events have no foreign key to the model, so the record outlives it.
 */
export async function deleteThreatModel(ctx: OrgContext, input: TDeleteThreatModel) {
  requirePermission(ctx, "model.delete");
  return db().$transaction(async (tx) => {
    const where = { id: input.id, organizationId: ctx.organizationId };
    const model = await tx.threatModel.findFirst({
      where,
      select: { id: true, title: true, version: true, status: true, _count: { select: { threats: true, mitigations: true, acceptances: true } } },
    });
    if (!model) throw new NotFoundError("That threat model");
    if (input.title.trim() !== model.title) throw new InvalidInputError(DELETE_TITLE_MISMATCH, { title: [DELETE_TITLE_MISMATCH] });
    await appendAuditEvent(tx, {
      ...actedBy(ctx),
      action: "threat-model.deleted",
      targetType: "threat-model",
      targetId: model.id,
      summary: { title: model.title, version: model.version, status: model.status, ...model._count },
    });
    // deleteMany keeps the organization in the statement; a concurrent delete leaves 0 rows here.
    const { count } = await tx.threatModel.deleteMany({ where });
    if (count === 0) throw new NotFoundError("That threat model");
    return { id: model.id, title: model.title };
  });
}

/** Open threats of a model per priority (see `openThreatSql`). */
export type OpenThreatCounts = Record<Priority, number>;

export type ThreatModelListRow = {
  id: string;
  title: string;
  featureName: string;
  version: string;
  status: ThreatModelDocument["status"];
  /** The last approved version, kept while the next revision is in progress. */
  approvedVersion: string | null;
  ownerId: string | null;
  ownerName: string | null;
  ownerTeam: string;
  category: string;
  nextReviewDate: Date | null;
  updatedAt: Date;
  threatCount: number;
  openThreats: OpenThreatCounts;
};

/** The list's filters; sort, direction and the filters are optional for callers like the dashboard. */
export type ThreatModelListQuery = Pick<TListThreatModels, "page" | "pageSize"> & Partial<Omit<TListThreatModels, "page" | "pageSize">>;

/** Today's date (UTC, as calendar dates are stored), for "is this acceptance still in force". */
function todayYmd() {
  return calendar.today();
}

/**
 * SQL condition on a threat aliased `t`: it is open unless a linked mitigation is implemented or
 * an accepted residual-risk acceptance covers it until a review date that has not passed. An
 * accepted risk past its review date counts as open again.
 */
export function openThreatSql(today: string) {
  return Prisma.sql`NOT EXISTS (
      SELECT 1 FROM "ThreatMitigation" tm JOIN "Mitigation" mi ON mi.id = tm."mitigationId"
      WHERE tm."threatId" = t.id AND mi.status = 'IMPLEMENTED'
    )
    AND NOT EXISTS (
      SELECT 1 FROM "ResidualRiskAcceptance" ra
      WHERE ra."threatModelId" = t."threatModelId" AND ra."threatId" = t.id
        AND ra.status = 'ACCEPTED' AND ra."reviewDate" >= ${today}::date
    )`;
}

/** `%` and `_` typed by the user are searched for literally, as Prisma's `contains` does. */
function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function listWhereSql(organizationId: string, filters: ThreatModelListQuery) {
  const conditions = [Prisma.sql`m."organizationId" = ${organizationId}`];
  // "Approved" finds the approved models whose next revision is in progress too, as they are counted.
  if (filters.status) conditions.push(Prisma.sql`${Prisma.raw(standingStatusSql("m"))} = ${filters.status}::"ThreatModelStatus"`);
  if (filters.owner) conditions.push(Prisma.sql`m."ownerId" = ${filters.owner}`);
  if (filters.category) conditions.push(Prisma.sql`m.category = ${filters.category}`);
  if (filters.q) {
    const pattern = likePattern(filters.q);
    conditions.push(Prisma.sql`(m.title ILIKE ${pattern} OR m."featureName" ILIKE ${pattern})`);
  }
  return Prisma.join(conditions, " AND ");
}

// Only these fixed fragments are ever spliced into ORDER BY; the user's choice just picks one.
const DIRECTION_SQL: Record<SortDirection, Prisma.Sql> = { asc: Prisma.sql`ASC`, desc: Prisma.sql`DESC` };
/** "1.10.0" after "1.9.2": the leading dotted numbers as a numeric array; null when there are none. */
const VERSION_KEY_SQL = Prisma.sql`string_to_array(substring(m.version from '^[vV]?([0-9]+([.][0-9]+)*)'), '.')::numeric[]`;

function orderBySql(sort: ModelSort, direction: SortDirection) {
  const d = DIRECTION_SQL[direction];
  const keys: Record<ModelSort, Prisma.Sql> = {
    title: Prisma.sql`lower(m.title) ${d}, m.title ${d}`,
    // The enum's own order is the workflow's: draft, in review, changes requested, approved, archived.
    status: Prisma.sql`${Prisma.raw(standingStatusSql("m"))} ${d}`,
    version: Prisma.sql`${VERSION_KEY_SQL} ${d} NULLS LAST, m.version ${d}`,
    owner: Prisma.sql`lower(u.name) ${d} NULLS LAST`,
    nextReview: Prisma.sql`m."nextReviewDate" ${d} NULLS LAST`,
    updated: Prisma.sql`m."updatedAt" ${d}`,
    openCritical: Prisma.sql`oc.critical ${d}, oc.high ${d}`,
    openHigh: Prisma.sql`oc.high ${d}, oc.critical ${d}`,
  };
  // Ties broken the same way every time, so a row never shows on two pages.
  return Prisma.sql`${keys[sort]}, m."updatedAt" DESC, m.id ASC`;
}

/**
 * One page of the organization's models, filtered and sorted in PostgreSQL, each with its open
 * threats per priority. Four queries whatever the page size: the total and the page's ids
 * (ordered), then the rows and the open counts of just those ids.
 */
export async function listThreatModels(ctx: OrgContext, filters: ThreatModelListQuery) {
  requirePermission(ctx, "model.read");
  const sort = filters.sort ?? "updated";
  const direction = filters.dir ?? DEFAULT_SORT_DIRECTION[sort];
  const today = todayYmd();
  const where = listWhereSql(ctx.organizationId, filters);
  // Sorting by open counts needs them for every filtered model, not only the page's.
  const countsJoin =
    sort === "openCritical" || sort === "openHigh"
      ? Prisma.sql`CROSS JOIN LATERAL (
          SELECT count(*) FILTER (WHERE t.priority = 'CRITICAL') AS critical,
                 count(*) FILTER (WHERE t.priority = 'HIGH') AS high
          FROM "Threat" t
          WHERE t."threatModelId" = m.id AND ${openThreatSql(today)}
        ) oc`
      : Prisma.empty;
  const ownerJoin = sort === "owner" ? Prisma.sql`LEFT JOIN "User" u ON u.id = m."ownerId"` : Prisma.empty;

  const [[totalRow], idRows] = await Promise.all([
    db().$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "ThreatModel" m WHERE ${where}`,
    db().$queryRaw<{ id: string }[]>`
      SELECT m.id FROM "ThreatModel" m ${ownerJoin} ${countsJoin}
      WHERE ${where}
      ORDER BY ${orderBySql(sort, direction)}
      LIMIT ${filters.pageSize} OFFSET ${(filters.page - 1) * filters.pageSize}`,
  ]);
  const ids = idRows.map((r) => r.id);
  const [rows, open] = await Promise.all([
    db().threatModel.findMany({
      where: { id: { in: ids }, organizationId: ctx.organizationId },
      select: {
        id: true,
        title: true,
        featureName: true,
        version: true,
        status: true,
        approvedVersion: true,
        ownerId: true,
        ownerTeam: true,
        category: true,
        nextReviewDate: true,
        updatedAt: true,
        owner: { select: { name: true } },
        _count: { select: { threats: true } },
      },
    }),
    countOpenThreats(ctx.organizationId, ids, today),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items: ThreatModelListRow[] = ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return []; // deleted between the two queries
    const { owner, _count, ...r } = row;
    return [{ ...r, ownerName: owner?.name ?? null, threatCount: _count.threats, openThreats: open.get(id) ?? zeroCounts() }];
  });
  return { items, total: totalRow?.total ?? 0, page: filters.page, pageSize: filters.pageSize, sort, dir: direction };
}

function zeroCounts(): OpenThreatCounts {
  return { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0 };
}

/** Open threats per priority of the given models, counted by PostgreSQL in one grouped query. */
async function countOpenThreats(organizationId: string, modelIds: string[], today: string) {
  const counts = new Map<string, OpenThreatCounts>();
  if (modelIds.length === 0) return counts;
  const rows = await db().$queryRaw<{ threatModelId: string; critical: number; high: number; medium: number; low: number }[]>`
    SELECT t."threatModelId" AS "threatModelId",
           count(*) FILTER (WHERE t.priority = 'CRITICAL')::int AS critical,
           count(*) FILTER (WHERE t.priority = 'HIGH')::int AS high,
           count(*) FILTER (WHERE t.priority = 'MEDIUM')::int AS medium,
           count(*) FILTER (WHERE t.priority = 'LOW')::int AS low
    FROM "Threat" t
    WHERE t."organizationId" = ${organizationId}
      AND t."threatModelId" IN (${Prisma.join(modelIds)})
      AND ${openThreatSql(today)}
    GROUP BY t."threatModelId"`;
  for (const r of rows) counts.set(r.threatModelId, { CRITICAL: r.critical, HIGH: r.high, MEDIUM: r.medium, LOW: r.low });
  return counts;
}

/** The organization's model categories, for the list's filter. */
export async function listCategories(ctx: OrgContext): Promise<string[]> {
  requirePermission(ctx, "model.read");
  // groupBy is a GROUP BY in PostgreSQL; findMany's `distinct` would fetch every row first.
  const groups = await db().threatModel.groupBy({
    by: ["category"],
    where: { organizationId: ctx.organizationId, category: { not: "" } },
    orderBy: { category: "asc" },
  });
  return groups.map((g) => g.category);
}

/** Members who own at least one of the organization's models, for the list's owner filter. */
export async function listOwners(ctx: OrgContext): Promise<{ id: string; name: string }[]> {
  requirePermission(ctx, "model.read");
  return db().user.findMany({
    where: {
      memberships: { some: { organizationId: ctx.organizationId } },
      threatModelsOwned: { some: { organizationId: ctx.organizationId } },
    },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

export async function countThreatModelsByStatus(ctx: OrgContext) {
  requirePermission(ctx, "model.read");
  const groups = await db().threatModel.groupBy({ by: ["status"], where: { organizationId: ctx.organizationId }, _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Partial<Record<ThreatModelDocument["status"], number>>;
}

const BY_POSITION = { orderBy: { position: "asc" as const } };

/** Everything of one model that the model page and a copy need; null when not this organization's. */
export function findThreatModel(client: Tx, organizationId: string, id: string) {
  return client.threatModel.findFirst({
    where: { id, organizationId },
    include: {
      owner: { select: { id: true, name: true } },
      createdBy: { select: { id: true, name: true } },
      trustBoundaries: BY_POSITION,
      assets: BY_POSITION,
      strideAssessments: true,
      threats: { ...BY_POSITION, include: { mitigations: { select: { mitigationId: true } } } },
      mitigations: { ...BY_POSITION, include: { owner: { select: { id: true, name: true } }, threats: { select: { threatId: true } }, scenarios: { select: { scenarioId: true } } } },
      attackScenarios: { ...BY_POSITION, include: { mitigations: { select: { mitigationId: true } } } },
      securityControls: BY_POSITION,
      securityInvariants: { orderBy: { article: "asc" } },
      acceptances: { orderBy: { createdAt: "asc" }, include: { decidedBy: { select: { name: true } } } },
      approvals: { where: { withdrawnAt: null }, orderBy: { createdAt: "asc" }, include: { reviewer: { select: { name: true } } } },
    },
  });
}

/** The whole model for reading, or NotFoundError when it is not this organization's. */
export async function getThreatModel(ctx: OrgContext, id: string) {
  requirePermission(ctx, "model.read");
  const model = await findThreatModel(db(), ctx.organizationId, id);
  if (!model) throw new NotFoundError("That threat model");
  return model;
}
export type ThreatModelDetail = Awaited<ReturnType<typeof getThreatModel>>;

/**
 * A stored model as a storage-independent document (for copies and exports). Mitigations get
 * document keys M1, M2… in their order; residual risks point at their threat by index, so the
 * link survives renamed or same-titled threats. Review state (acceptance decisions,
 * approvals, revisions, comments) is not part of a document.
 */
export function toDocument(model: ThreatModelDetail): ThreatModelDocument {
  const keyOf = new Map(model.mitigations.map((m, i) => [m.id, `M${i + 1}`]));
  const keysOf = (links: { mitigationId: string }[]) => links.map((l) => keyOf.get(l.mitigationId)).filter((k): k is string => Boolean(k));
  const threatIndex = new Map(model.threats.map((t, i) => [t.id, i]));
  const strideOrder = (c: (typeof STRIDE_CATEGORIES)[number]) => STRIDE_CATEGORIES.indexOf(c);
  return {
    title: model.title,
    featureName: model.featureName,
    version: model.version,
    status: model.status,
    ownerTeam: model.ownerTeam,
    category: model.category,
    nextReviewDate: toYmd(model.nextReviewDate),
    systemDiagramRef: model.systemDiagramRef,
    overview: model.overview,
    scopeIn: model.scopeIn,
    scopeOut: model.scopeOut,
    architecture: model.architecture,
    dataFlow: model.dataFlow,
    trustBoundaries: model.trustBoundaries.map(({ name, description, crossing }) => ({ name, description, crossing })),
    assets: model.assets.map(({ name, classification, compromiseImpact }) => ({ name, classification, compromiseImpact })),
    threats: model.threats.map((t) => ({
      category: t.category,
      title: t.title,
      description: t.description,
      attackVectors: [...t.attackVectors],
      likelihood: t.likelihood,
      impact: t.impact,
      priority: t.priority,
      priorityOverrideReason: t.priorityOverrideReason,
      residualRisk: t.residualRisk,
      residualRiskJustification: t.residualRiskJustification,
      dueDate: toYmd(t.dueDate),
      mitigationKeys: keysOf(t.mitigations),
    })),
    strideAssessments: [...model.strideAssessments]
      .sort((a, b) => strideOrder(a.category) - strideOrder(b.category))
      .map(({ category, residualRisk, justification }) => ({ category, residualRisk, justification })),
    mitigations: model.mitigations.map((m) => ({
      key: keyOf.get(m.id)!,
      title: m.title,
      description: m.description,
      status: m.status,
      taskRef: m.taskRef,
      implementedIn: m.implementedIn,
      dueDate: toYmd(m.dueDate),
      ownerId: m.ownerId,
    })),
    attackScenarios: model.attackScenarios.map((s) => ({
      title: s.title,
      description: s.description,
      likelihood: s.likelihood,
      impact: s.impact,
      mitigationKeys: keysOf(s.mitigations),
    })),
    securityControls: model.securityControls.map(({ name, status, effectiveness }) => ({ name, status, effectiveness })),
    securityInvariants: model.securityInvariants.map(({ article, topic, condition, requirement }) => ({ article, topic, condition, requirement })),
    residualRisks: model.acceptances.map((a) => ({
      threatTitle: a.threatTitle,
      reason: a.reason,
      riskOwner: a.riskOwner,
      reviewDate: toYmd(a.reviewDate)!,
      threatIndex: a.threatId ? (threatIndex.get(a.threatId) ?? null) : null,
    })),
  };
}
