import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db, type Tx } from "@/lib/db/client";
import { effectivePriority, priorityOverrideOf } from "@/lib/domain/priority";
import { fixByDate } from "@/lib/domain/sla";
import { ANALYSIS_EDITABLE_STATUSES, analysisLockedReason, mayEditAnalysis } from "@/lib/domain/tracking";
import { InvalidInputError, NotFoundError, SafeError, VersionConflictError } from "@/lib/errors";
import { LIMITS, type TTransferThreat } from "@/lib/validation/model-editor";
import { refreshCoverage } from "./diagrams/refresh-coverage";
import { getFixBySettings } from "./fix-by-settings";
import { onModelEdited } from "./review/on-model-edited";
import { actedBy, recordAuditEvent } from "./audit";

export type TransferTarget = { id: string; title: string; version: string };

/** The organization's models a threat may be copied or moved to: every editable one but the source. */
export async function listTransferTargets(ctx: OrgContext, excludeModelId: string): Promise<TransferTarget[]> {
  requirePermission(ctx, "model.edit");
  return db().threatModel.findMany({
    where: { organizationId: ctx.organizationId, status: { in: ANALYSIS_EDITABLE_STATUSES }, id: { not: excludeModelId } },
    select: { id: true, title: true, version: true },
    orderBy: [{ title: "asc" }, { id: "asc" }],
  });
}

type ClaimedModel = { id: string; title: string; lockVersion: number };

const LOCKED_TARGET = "That threat model is no longer open for editing, so nothing can be added to it. Choose another one.";

/**
 * A move takes the threat out of the source, so it bumps the source's lockVersion on the
 * condition that it is still the one the editor saw, exactly like a section save: a stale
 * editor gets a conflict instead of losing a threat it still shows. A copy leaves the source
 * as it is and only needs it to be editable.
 */
async function claimSource(tx: Tx, organizationId: string, modelId: string, mode: TTransferThreat["mode"], lockVersion: number): Promise<ClaimedModel> {
  if (mode === "move") {
    const [bumped] = await tx.threatModel.updateManyAndReturn({
      where: { id: modelId, organizationId, lockVersion, status: { in: ANALYSIS_EDITABLE_STATUSES } },
      data: { lockVersion: { increment: 1 } },
      select: { id: true, title: true, lockVersion: true },
    });
    if (bumped) return bumped;
  }
  const current = await tx.threatModel.findFirst({
    where: { id: modelId, organizationId },
    select: { id: true, title: true, lockVersion: true, status: true },
  });
  if (!current) throw new NotFoundError("That threat model");
  if (!mayEditAnalysis(current.status)) throw new SafeError(analysisLockedReason(current.status)!, "locked");
  if (mode === "move") throw new VersionConflictError(current.lockVersion);
  return { id: current.id, title: current.title, lockVersion: current.lockVersion };
}

/**
 * The target gains a threat: its bump is unconditional (nobody's edit of it is overwritten, only
 * added to), but an editor open on it must learn that its version moved on.
 */
async function claimTarget(tx: Tx, organizationId: string, modelId: string): Promise<ClaimedModel> {
  const [bumped] = await tx.threatModel.updateManyAndReturn({
    where: { id: modelId, organizationId, status: { in: ANALYSIS_EDITABLE_STATUSES } },
    data: { lockVersion: { increment: 1 } },
    select: { id: true, title: true, lockVersion: true },
  });
  if (bumped) return bumped;
  const exists = await tx.threatModel.count({ where: { id: modelId, organizationId } });
  if (!exists) throw new NotFoundError("That threat model");
  throw new SafeError(LOCKED_TARGET, "locked");
}

/** Mitigations with the same title, give or take case and surrounding spaces, are the same mitigation. */
const titleKey = (title: string) => title.trim().toLowerCase();

/**
 * Copies one saved threat to another editable model of the organization, or moves it there.
 * The copy goes to the end of its STRIDE category with the same content; its priority follows
 * the same rule as the editor's (an override stays only with its reason) and its fix-by date
 * starts from today under the organization's settings. Each linked mitigation is copied along,
 * unless the target already tracks one of that title, which is linked instead. A move then
 * deletes the threat from the source: the source keeps its mitigations, and residual-risk
 * proposals about the threat keep its title but lose the link (the foreign key sets it null).
 */
export async function transferThreat(ctx: OrgContext, input: TTransferThreat) {
  requirePermission(ctx, "model.edit");
  const { threatId, sourceLockVersion, targetModelId, mode } = input;
  const organizationId = ctx.organizationId;
  return db().$transaction(async (tx) => {
    const located = await tx.threat.findFirst({ where: { id: threatId, organizationId }, select: { threatModelId: true } });
    if (!located) throw new NotFoundError("That threat");
    const sourceModelId = located.threatModelId;
    if (sourceModelId === targetModelId) {
      throw new InvalidInputError("The threat is already in that threat model: choose another one.", { targetModelId: ["Choose another threat model."] });
    }
    if (!(await tx.threatModel.count({ where: { id: targetModelId, organizationId } }))) throw new NotFoundError("That threat model");

    // Both model rows are locked in id order, so two transfers in opposite directions between
    // the same models wait for each other instead of deadlocking.
    const claimed = new Map<string, ClaimedModel>();
    for (const id of [sourceModelId, targetModelId].sort()) {
      claimed.set(id, id === sourceModelId ? await claimSource(tx, organizationId, id, mode, sourceLockVersion) : await claimTarget(tx, organizationId, id));
    }
    const source = claimed.get(sourceModelId)!;
    const target = claimed.get(targetModelId)!;

    // Read again under the locks: a save that removed it may have landed in between.
    const threat = await tx.threat.findFirst({
      where: { id: threatId, organizationId, threatModelId: sourceModelId },
      include: { mitigations: { select: { mitigation: true } } },
    });
    if (!threat) throw new NotFoundError("That threat");

    const threatsInTarget = await tx.threat.count({ where: { organizationId, threatModelId: targetModelId } });
    if (threatsInTarget + 1 > LIMITS.threatsPerModel) {
      throw new InvalidInputError(`“${target.title}” already has ${LIMITS.threatsPerModel} threats, the most a threat model can hold.`);
    }

    // ─── Mitigations: reuse the target's same-titled ones, copy the rest ────────────────
    const linked = threat.mitigations.map((l) => l.mitigation).sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
    const inTarget = await tx.mitigation.findMany({
      where: { organizationId, threatModelId: targetModelId },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true, title: true, position: true },
    });
    const targetIdByTitle = new Map<string, string>();
    for (const m of inTarget) if (!targetIdByTitle.has(titleKey(m.title))) targetIdByTitle.set(titleKey(m.title), m.id);
    const newTitles = new Set(linked.map((m) => titleKey(m.title)).filter((k) => !targetIdByTitle.has(k)));
    if (inTarget.length + newTitles.size > LIMITS.rowsPerSection) {
      throw new InvalidInputError(`“${target.title}” cannot take ${newTitles.size} more mitigations: a threat model has at most ${LIMITS.rowsPerSection}.`);
    }
    // An owner who has left the organization cannot own a mitigation here: the editor would refuse to save it.
    const ownerIds = [...new Set(linked.map((m) => m.ownerId).filter((id): id is string => Boolean(id)))];
    const members = new Set(
      ownerIds.length
        ? (await tx.membership.findMany({ where: { organizationId, userId: { in: ownerIds } }, select: { userId: true } })).map((m) => m.userId)
        : [],
    );

    let nextPosition = Math.max(-1, ...inTarget.map((m) => m.position)) + 1;
    const created = new Set<string>();
    const mitigationIds: string[] = [];
    for (const m of linked) {
      let id = targetIdByTitle.get(titleKey(m.title));
      if (!id) {
        ({ id } = await tx.mitigation.create({
          data: {
            organizationId,
            threatModelId: targetModelId,
            title: m.title,
            description: m.description,
            status: m.status,
            taskRef: m.taskRef,
            implementedIn: m.implementedIn,
            ownerId: m.ownerId && members.has(m.ownerId) ? m.ownerId : null,
            dueDate: m.dueDate,
            position: nextPosition++,
          },
          select: { id: true },
        }));
        targetIdByTitle.set(titleKey(m.title), id);
        created.add(id);
      }
      if (!mitigationIds.includes(id)) mitigationIds.push(id);
    }

    // ─── The threat itself ──────────────────────────────────────────────────────────────
    const settings = await getFixBySettings(tx, organizationId);
    const overridden = Boolean(threat.priorityOverrideReason);
    const priority = effectivePriority({ ...threat, priorityOverride: priorityOverrideOf(threat) });
    // The copy is a new threat of the target: its fix-by clock starts now (lib/domain/sla.ts).
    const now = new Date();
    const last = await tx.threat.aggregate({ where: { organizationId, threatModelId: targetModelId, category: threat.category }, _max: { position: true } });
    const copy = await tx.threat.create({
      data: {
        organizationId,
        threatModelId: targetModelId,
        category: threat.category,
        title: threat.title,
        description: threat.description,
        attackVectors: threat.attackVectors,
        likelihood: threat.likelihood,
        impact: threat.impact,
        priority,
        priorityOverrideReason: overridden ? threat.priorityOverrideReason : null,
        residualRisk: threat.residualRisk,
        residualRiskJustification: threat.residualRiskJustification,
        dueDate: fixByDate(priority, now, settings),
        position: (last._max.position ?? -1) + 1,
        createdAt: now,
      },
      select: { id: true },
    });
    await tx.threatMitigation.createMany({ data: mitigationIds.map((mitigationId) => ({ organizationId, threatId: copy.id, mitigationId })) });

    let residualRisksUnlinked = 0;
    if (mode === "move") {
      residualRisksUnlinked = await tx.residualRiskAcceptance.count({ where: { organizationId, threatId: threat.id } });
      const { count } = await tx.threat.deleteMany({ where: { id: threat.id, organizationId, threatModelId: sourceModelId } });
      if (count !== 1) throw new NotFoundError("That threat");
      // The copy is on none of the target's diagram items; the source loses what the threat answered.
      if (threat.elementIds.length) await refreshCoverage(tx, sourceModelId);
    }

    // What people read first (the audit page shows the leading entries), then the ids.
    await recordAuditEvent(
      tx,
      actedBy(ctx),
      mode === "move" ? "threat.moved" : "threat.copied",
      { type: "threat-model", id: targetModelId },
      {
        title: threat.title,
        category: threat.category,
        sourceModelTitle: source.title,
        targetModelTitle: target.title,
        mitigationsCreated: created.size,
        mitigationsReused: mitigationIds.length - created.size,
        ...(mode === "move" ? { residualRisksUnlinked } : {}),
        sourceModelId,
        targetModelId,
        sourceThreatId: threat.id,
        newThreatId: copy.id,
        ...(mode === "move" ? { sourceLockVersion: source.lockVersion } : {}),
        targetLockVersion: target.lockVersion,
      },
    );
    // Both are edits as far as a review is concerned: the target gained a threat, and the source lost one.
    await onModelEdited(tx, ctx, targetModelId);
    if (mode === "move") await onModelEdited(tx, ctx, sourceModelId);
    return { targetModelId, newThreatId: copy.id, sourceLockVersion: source.lockVersion };
  });
}
