import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db, type Tx } from "@/lib/db/client";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import { emptyDocument } from "@/lib/domain/model-document";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TCreateThreatModel, TListThreatModels } from "@/lib/validation/threat-model";
import { actedBy, appendAuditEvent } from "./audit";

const toDate = (ymd: string | null) => (ymd ? new Date(`${ymd}T00:00:00.000Z`) : null);

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

  const mitigationIds = new Map<string, string>();
  const mitigations = await tx.mitigation.createManyAndReturn({
    data: doc.mitigations.map(({ key: _key, dueDate, ...m }, position) => ({ ...inModel, ...m, dueDate: toDate(dueDate), position })),
    select: { id: true, position: true },
  });
  for (const row of mitigations) mitigationIds.set(doc.mitigations[row.position]!.key, row.id);
  const linkIds = (keys: string[]) => [...new Set(keys)].map((k) => mitigationIds.get(k)).filter((id): id is string => Boolean(id));

  const threats = await tx.threat.createManyAndReturn({
    data: doc.threats.map(({ mitigationKeys: _keys, ...t }, position) => ({ ...inModel, ...t, position })),
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
  await tx.residualRiskAcceptance.createMany({
    data: doc.residualRisks.map((r) => ({
      ...inModel,
      threatId: threatIdByTitle.get(r.threatTitle) ?? null,
      threatTitle: r.threatTitle,
      reason: r.reason,
      riskOwner: r.riskOwner,
      reviewDate: toDate(r.reviewDate)!,
      proposedById: scope.createdById,
    })),
  });
  return { id: threatModelId };
}

export async function createThreatModel(ctx: OrgContext, input: TCreateThreatModel) {
  requirePermission(ctx, "model.create");
  return db().$transaction(async (tx) => {
    const doc = { ...emptyDocument(input.title), featureName: input.featureName, category: input.category };
    const model = await insertThreatModelDocument(tx, { organizationId: ctx.organizationId, createdById: ctx.userId, ownerId: ctx.userId }, doc);
    await appendAuditEvent(tx, {
      ...actedBy(ctx),
      action: "threat-model.created",
      targetType: "threat-model",
      targetId: model.id,
      summary: { title: input.title },
    });
    return model;
  });
}

export type ThreatModelListRow = {
  id: string;
  title: string;
  featureName: string;
  version: string;
  status: ThreatModelDocument["status"];
  ownerName: string | null;
  ownerTeam: string;
  category: string;
  nextReviewDate: Date | null;
  updatedAt: Date;
  threatCount: number;
};

export async function listThreatModels(ctx: OrgContext, filters: TListThreatModels) {
  requirePermission(ctx, "model.read");
  const where: Prisma.ThreatModelWhereInput = {
    organizationId: ctx.organizationId,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.q
      ? { OR: [{ title: { contains: filters.q, mode: "insensitive" } }, { featureName: { contains: filters.q, mode: "insensitive" } }] }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db().threatModel.count({ where }),
    db().threatModel.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
      select: {
        id: true,
        title: true,
        featureName: true,
        version: true,
        status: true,
        ownerTeam: true,
        category: true,
        nextReviewDate: true,
        updatedAt: true,
        owner: { select: { name: true } },
        _count: { select: { threats: true } },
      },
    }),
  ]);
  const items: ThreatModelListRow[] = rows.map(({ owner, _count, ...r }) => ({ ...r, ownerName: owner?.name ?? null, threatCount: _count.threats }));
  return { items, total, page: filters.page, pageSize: filters.pageSize };
}

export async function countThreatModelsByStatus(ctx: OrgContext) {
  requirePermission(ctx, "model.read");
  const groups = await db().threatModel.groupBy({ by: ["status"], where: { organizationId: ctx.organizationId }, _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Partial<Record<ThreatModelDocument["status"], number>>;
}

/** The whole model for reading, or NotFoundError when it is not this organization's. */
export async function getThreatModel(ctx: OrgContext, id: string) {
  requirePermission(ctx, "model.read");
  const byPosition = { orderBy: { position: "asc" as const } };
  const model = await db().threatModel.findFirst({
    where: { id, organizationId: ctx.organizationId },
    include: {
      owner: { select: { id: true, name: true } },
      createdBy: { select: { id: true, name: true } },
      trustBoundaries: byPosition,
      assets: byPosition,
      strideAssessments: true,
      threats: { ...byPosition, include: { mitigations: { select: { mitigationId: true } } } },
      mitigations: { ...byPosition, include: { owner: { select: { id: true, name: true } }, threats: { select: { threatId: true } }, scenarios: { select: { scenarioId: true } } } },
      attackScenarios: { ...byPosition, include: { mitigations: { select: { mitigationId: true } } } },
      securityControls: byPosition,
      securityInvariants: { orderBy: { article: "asc" } },
      acceptances: { orderBy: { createdAt: "asc" }, include: { decidedBy: { select: { name: true } } } },
      approvals: { where: { withdrawnAt: null }, orderBy: { createdAt: "asc" }, include: { reviewer: { select: { name: true } } } },
    },
  });
  if (!model) throw new NotFoundError("That threat model");
  return model;
}
export type ThreatModelDetail = Awaited<ReturnType<typeof getThreatModel>>;
