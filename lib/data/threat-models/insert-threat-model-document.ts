import "server-only";
import type { Tx } from "@/lib/db/client";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import { refreshCoverage } from "../diagrams/refresh-coverage";

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

  const boundaries = await tx.trustBoundary.createManyAndReturn({
    data: doc.trustBoundaries.map(({ key: _key, ...b }, position) => ({ ...inModel, ...b, position })),
    select: { id: true, position: true },
  });
  const assets = await tx.asset.createManyAndReturn({
    data: doc.assets.map(({ key: _key, ...a }, position) => ({ ...inModel, ...a, position })),
    select: { id: true, position: true },
  });
  const boundaryIdByKey = new Map(boundaries.flatMap((b) => (doc.trustBoundaries[b.position]!.key ? [[doc.trustBoundaries[b.position]!.key!, b.id]] : [])));
  const assetIdByKey = new Map(assets.flatMap((a) => (doc.assets[a.position]!.key ? [[doc.assets[a.position]!.key!, a.id]] : [])));
  // The caller checked the diagrams (checkDocument); references to rows the document lacks are dropped.
  const assetLinks = (keys: string[] | undefined) => keys?.map((k) => assetIdByKey.get(k)).filter((id): id is string => Boolean(id));
  const diagrams = doc.diagrams ?? [];
  await tx.diagram.createMany({
    data: diagrams.map((d, position) => ({
      ...inModel,
      name: d.name,
      position,
      content: {
        elements: d.elements.map((e) => (e.assetIds ? { ...e, assetIds: assetLinks(e.assetIds) } : e)),
        flows: d.flows.map((f) => (f.assetIds ? { ...f, assetIds: assetLinks(f.assetIds) } : f)),
        boundaries: d.boundaries.map((b) => ({ ...b, trustBoundaryId: b.trustBoundaryId === null ? null : (boundaryIdByKey.get(b.trustBoundaryId) ?? null) })),
      },
    })),
  });
  const onDiagram = new Set(diagrams.flatMap((d) => [...d.elements, ...d.flows].map((i) => i.id)));
  await tx.suggestionDismissal.createMany({
    data: (doc.suggestionDismissals ?? []).filter((x) => onDiagram.has(x.elementId)).map((x, position) => ({ ...inModel, ...x, position })),
    skipDuplicates: true,
  });
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
    data: doc.threats.map(({ mitigationKeys: _keys, dueDate, elementIds, ...t }, position) => ({
      ...inModel,
      ...t,
      elementIds: [...new Set(elementIds ?? [])].filter((id) => onDiagram.has(id)),
      dueDate: toDate(dueDate ?? null),
      position,
    })),
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
    data: scenarios.flatMap((s) =>
      linkIds(doc.attackScenarios[s.position]!.mitigationKeys).map((mitigationId) => ({ organizationId, scenarioId: s.id, mitigationId })),
    ),
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
  if (diagrams.length) await refreshCoverage(tx, threatModelId);
  return { id: threatModelId };
}
