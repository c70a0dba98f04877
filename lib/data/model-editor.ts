import "server-only";
import type { z } from "zod";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db, type Tx } from "@/lib/db/client";
import { suggestPriority } from "@/lib/domain/priority";
import { mergeSection, type SectionData } from "@/lib/domain/section-merge";
import { fixByDate } from "@/lib/domain/sla";
import type { ThreatModelStatus } from "@/lib/domain/threat-model";
import {
  ANALYSIS_EDITABLE_STATUSES,
  MITIGATION_TRACKING_FIELDS,
  analysisLockedReason,
  editScope,
  mayEditField,
  trackingEditKeepsApproval,
  type MitigationTrackingField,
} from "@/lib/domain/tracking";
import { InvalidInputError, NotFoundError, SafeError, VersionConflictError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  LIMITS,
  type ZAssetRow,
  type ZControlRow,
  type ZInvariantRow,
  type ZMitigationRow,
  type ZModelFields,
  type ZResidualRiskRow,
  type ZSaveSection,
  type ZScenarioRow,
  type ZStrideAssessment,
  type ZThreatRow,
  type ZTrustBoundaryRow,
  normalizedSectionData,
  type TSectionSave,
} from "@/lib/validation/model-editor";
import type { TTrackingEdit, TTrackingValues } from "@/lib/validation/tracking";
import { actedBy, appendAuditEvent } from "./audit";
import { onModelEdited } from "./review/on-model-edited";
import { findThreatModel, type ThreatModelDetail } from "./threat-models/find-threat-model";
import { getThreatModel } from "./threat-models/get-threat-model";

/**
 * Statuses in which a model's analysis may change (lib/domain/tracking.ts). An approved model's
 * analysis is locked, its mitigation tracking is not (saveMitigationTracking); editing one in
 * review withdraws the approvals given so far (see onModelEdited).
 */
export const EDITABLE_STATUSES: ThreatModelStatus[] = ANALYSIS_EDITABLE_STATUSES;

const ymd = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
/** How much of a changed text an audit event keeps. */
const AUDIT_TEXT_MAX = 200;
const toDate = (s: string | null | undefined) => (s ? new Date(`${s}T00:00:00.000Z`) : null);

/** The whole model as the editor holds it: plain, serializable, dates as YYYY-MM-DD. */
export async function getEditorState(ctx: OrgContext, modelId: string) {
  return toEditorState(await getThreatModel(ctx, modelId));
}

export function toEditorState(m: ThreatModelDetail) {
  return {
    id: m.id,
    lockVersion: m.lockVersion,
    status: m.status,
    editable: EDITABLE_STATUSES.includes(m.status),
    editScope: editScope(m.status),
    fields: {
      title: m.title,
      featureName: m.featureName,
      version: m.version,
      ownerId: m.ownerId,
      ownerTeam: m.ownerTeam,
      category: m.category,
      nextReviewDate: ymd(m.nextReviewDate),
      systemDiagramRef: m.systemDiagramRef,
      overview: m.overview,
      scopeIn: m.scopeIn,
      scopeOut: m.scopeOut,
      architecture: m.architecture,
      dataFlow: m.dataFlow,
    },
    trustBoundaries: m.trustBoundaries.map((b) => ({ key: b.id, id: b.id, name: b.name, description: b.description, crossing: b.crossing })),
    assets: m.assets.map((a) => ({ key: a.id, id: a.id, name: a.name, classification: a.classification, compromiseImpact: a.compromiseImpact })),
    threats: m.threats.map((t) => ({
      key: t.id,
      id: t.id,
      category: t.category,
      title: t.title,
      description: t.description,
      attackVectors: t.attackVectors,
      likelihood: t.likelihood,
      impact: t.impact,
      priority: t.priority,
      priorityOverride: t.priorityOverrideReason ? t.priority : null,
      priorityOverrideReason: t.priorityOverrideReason ?? "",
      residualRisk: t.residualRisk,
      residualRiskJustification: t.residualRiskJustification,
      dueDate: ymd(t.dueDate),
      mitigationIds: t.mitigations.map((l) => l.mitigationId),
    })),
    strideAssessments: m.strideAssessments.map((s) => ({ category: s.category, residualRisk: s.residualRisk, justification: s.justification })),
    mitigations: m.mitigations.map((x) => ({
      key: x.id,
      id: x.id,
      title: x.title,
      description: x.description,
      status: x.status,
      taskRef: x.taskRef,
      implementedIn: x.implementedIn,
      ownerId: x.ownerId,
      dueDate: ymd(x.dueDate),
    })),
    scenarios: m.attackScenarios.map((s) => ({
      key: s.id,
      id: s.id,
      title: s.title,
      description: s.description,
      likelihood: s.likelihood,
      impact: s.impact,
      mitigationIds: s.mitigations.map((l) => l.mitigationId),
    })),
    controls: m.securityControls.map((c) => ({ key: c.id, id: c.id, name: c.name, status: c.status, effectiveness: c.effectiveness })),
    invariants: m.securityInvariants.map((i) => ({ key: i.id, id: i.id, article: i.article, topic: i.topic, condition: i.condition, requirement: i.requirement })),
    residualRisks: m.acceptances.map((a) => ({
      key: a.id,
      id: a.id,
      threatId: a.threatId,
      threatTitle: a.threatTitle,
      reason: a.reason,
      riskOwner: a.riskOwner,
      reviewDate: ymd(a.reviewDate)!,
      status: a.status,
      decidedBy: a.decidedBy?.name ?? null,
    })),
  };
}
export type EditorState = ReturnType<typeof toEditorState>;

type Counts = { created: number; updated: number; removed: number };
type RowIn = { key: string; id?: string };

/**
 * Brings a section's rows to what the editor sent: rows it no longer has are removed, rows with
 * an id are updated when they differ, rows without one are created. Ids the model does not own
 * are refused, so no write can reach another model's (or organization's) rows.
 */
async function reconcile<R extends RowIn, E extends { id: string }>(
  existing: E[],
  rows: R[],
  ops: {
    differs: (before: E, row: R, position: number) => boolean;
    remove: (ids: string[]) => Promise<unknown>;
    update: (before: E, row: R, position: number) => Promise<unknown>;
    create: (row: R, position: number) => Promise<{ id: string }>;
  },
  idsByKey: Record<string, string>,
): Promise<Counts & { idByRow: string[] }> {
  const byId = new Map(existing.map((e) => [e.id, e]));
  const keep = new Set<string>();
  for (const row of rows) {
    if (row.id === undefined) continue;
    if (!byId.has(row.id)) throw new InvalidInputError("A row refers to an item that is not part of this threat model. Reload the page and try again.");
    if (keep.has(row.id)) throw new InvalidInputError("The same item appears twice. Reload the page and try again.");
    keep.add(row.id);
  }
  const removed = existing.filter((e) => !keep.has(e.id)).map((e) => e.id);
  if (removed.length) await ops.remove(removed);
  let created = 0;
  let updated = 0;
  const idByRow: string[] = [];
  for (const [position, row] of rows.entries()) {
    if (row.id !== undefined) {
      const before = byId.get(row.id)!;
      if (ops.differs(before, row, position)) {
        await ops.update(before, row, position);
        updated += 1;
      }
      idByRow.push(row.id);
    } else {
      const { id } = await ops.create(row, position);
      idsByKey[row.key] = id;
      idByRow.push(id);
      created += 1;
    }
  }
  return { created, updated, removed: removed.length, idByRow };
}

function differsIn<T extends object>(before: T, after: Partial<T>): boolean {
  return (Object.keys(after) as (keyof T)[]).some((k) => {
    const a = before[k];
    const b = after[k];
    if (a instanceof Date || b instanceof Date) return ymd((a as Date | null) ?? null) !== ymd((b as Date | null) ?? null);
    if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) !== JSON.stringify(b);
    return (a ?? null) !== (b ?? null);
  });
}

function sameSet(a: string[], b: string[]) {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

async function assertMembers(tx: Tx, organizationId: string, userIds: (string | null | undefined)[]) {
  const wanted = [...new Set(userIds.filter((u): u is string => Boolean(u)))];
  if (!wanted.length) return;
  const found = await tx.membership.count({ where: { organizationId, userId: { in: wanted } } });
  if (found !== wanted.length) throw new InvalidInputError("An owner must be a member of this organization.");
}

async function mitigationIdsOf(tx: Tx, threatModelId: string) {
  return new Set((await tx.mitigation.findMany({ where: { threatModelId }, select: { id: true } })).map((m) => m.id));
}

function assertLinks(links: string[], allowed: Set<string>) {
  for (const id of links) {
    if (!allowed.has(id)) throw new InvalidInputError("A link points to a mitigation that is not part of this threat model.");
  }
}

type Scope = { organizationId: string; threatModelId: string };

const SECTION_WRITERS = {
  async fields(tx: Tx, scope: Scope, data: z.output<typeof ZModelFields>) {
    if (data.ownerId !== undefined) await assertMembers(tx, scope.organizationId, [data.ownerId]);
    const { nextReviewDate, ...rest } = data;
    const before = await tx.threatModel.findUniqueOrThrow({ where: { id: scope.threatModelId } });
    await tx.threatModel.update({
      where: { id: scope.threatModelId },
      data: { ...rest, ...(nextReviewDate !== undefined ? { nextReviewDate: toDate(nextReviewDate) } : {}) },
    });
    // The audit trail says what each field was and became (long texts cut short).
    const shown = (v: unknown) => {
      const text = v instanceof Date ? ymd(v) : v === null || v === undefined ? "" : String(v);
      return text && text.length > AUDIT_TEXT_MAX ? `${text.slice(0, AUDIT_TEXT_MAX)}…` : text;
    };
    const changes = Object.fromEntries(
      (Object.keys(data) as (keyof typeof data)[])
        .map((k) => [k, { before: shown(before[k]), after: shown(data[k]) }] as const)
        .filter(([, c]) => c.before !== c.after),
    );
    return { changed: Object.keys(changes), changes };
  },

  async trustBoundaries(tx: Tx, scope: Scope, rows: z.output<typeof ZTrustBoundaryRow>[], idsByKey: Record<string, string>) {
    const existing = await tx.trustBoundary.findMany({ where: scope });
    const fields = (r: (typeof rows)[number], position: number) => ({ name: r.name, description: r.description, crossing: r.crossing, position });
    return reconcile(existing, rows, {
      differs: (b, r, p) => differsIn(b, fields(r, p)),
      remove: (ids) => tx.trustBoundary.deleteMany({ where: { ...scope, id: { in: ids } } }),
      update: (b, r, p) => tx.trustBoundary.update({ where: { id: b.id }, data: fields(r, p) }),
      create: (r, p) => tx.trustBoundary.create({ data: { ...scope, ...fields(r, p) }, select: { id: true } }),
    }, idsByKey);
  },

  async assets(tx: Tx, scope: Scope, rows: z.output<typeof ZAssetRow>[], idsByKey: Record<string, string>) {
    const existing = await tx.asset.findMany({ where: scope });
    const fields = (r: (typeof rows)[number], position: number) => ({ name: r.name, classification: r.classification, compromiseImpact: r.compromiseImpact, position });
    return reconcile(existing, rows, {
      differs: (b, r, p) => differsIn(b, fields(r, p)),
      remove: (ids) => tx.asset.deleteMany({ where: { ...scope, id: { in: ids } } }),
      update: (b, r, p) => tx.asset.update({ where: { id: b.id }, data: fields(r, p) }),
      create: (r, p) => tx.asset.create({ data: { ...scope, ...fields(r, p) }, select: { id: true } }),
    }, idsByKey);
  },

  async threats(
    tx: Tx,
    scope: Scope,
    save: { category: z.output<typeof ZThreatRow>["category"]; rows: z.output<typeof ZThreatRow>[] },
    idsByKey: Record<string, string>,
  ) {
    const { category, rows } = save;
    if (rows.some((r) => r.category !== category)) throw new InvalidInputError("A threat was sent under the wrong STRIDE category.");
    const others = await tx.threat.count({ where: { ...scope, category: { not: category } } });
    if (others + rows.length > LIMITS.threatsPerModel) throw new InvalidInputError(`A threat model has at most ${LIMITS.threatsPerModel} threats.`);
    const allowed = await mitigationIdsOf(tx, scope.threatModelId);
    for (const r of rows) assertLinks(r.mitigationIds, allowed);
    const settings = await tx.organization.findUniqueOrThrow({ where: { id: scope.organizationId }, select: { fixByDaysHigh: true, fixByDaysMedium: true, fixByDaysLow: true } });

    const existing = await tx.threat.findMany({ where: { ...scope, category }, include: { mitigations: { select: { mitigationId: true } } } });
    const fields = (r: (typeof rows)[number], position: number, discoveredAt: Date) => {
      const priority = r.priorityOverride ?? suggestPriority(r.likelihood, r.impact);
      return {
        category: r.category,
        title: r.title,
        description: r.description,
        attackVectors: r.attackVectors,
        likelihood: r.likelihood,
        impact: r.impact,
        priority,
        priorityOverrideReason: r.priorityOverride ? r.priorityOverrideReason : null,
        residualRisk: r.residualRisk,
        residualRiskJustification: r.residualRiskJustification,
        dueDate: fixByDate(priority, discoveredAt, settings),
        position,
      };
    };
    const relink = async (threatId: string, mitigationIds: string[]) => {
      await tx.threatMitigation.deleteMany({ where: { threatId } });
      await tx.threatMitigation.createMany({ data: [...new Set(mitigationIds)].map((mitigationId) => ({ organizationId: scope.organizationId, threatId, mitigationId })) });
    };
    return reconcile(existing, rows, {
      differs: (b, r, p) => differsIn(b, fields(r, p, b.createdAt)) || !sameSet(b.mitigations.map((l) => l.mitigationId), r.mitigationIds),
      remove: (ids) => tx.threat.deleteMany({ where: { ...scope, id: { in: ids } } }),
      update: async (b, r, p) => {
        await tx.threat.update({ where: { id: b.id }, data: fields(r, p, b.createdAt) });
        if (!sameSet(b.mitigations.map((l) => l.mitigationId), r.mitigationIds)) await relink(b.id, r.mitigationIds);
      },
      create: async (r, p) => {
        const created = await tx.threat.create({ data: { ...scope, ...fields(r, p, new Date()) }, select: { id: true } });
        await relink(created.id, r.mitigationIds);
        return created;
      },
    }, idsByKey);
  },

  async strideAssessment(tx: Tx, scope: Scope, data: z.output<typeof ZStrideAssessment>) {
    const where = { threatModelId_category: { threatModelId: scope.threatModelId, category: data.category } };
    const before = await tx.strideAssessment.findUnique({ where, select: { residualRisk: true, justification: true } });
    const unchanged = before ? before.residualRisk === data.residualRisk && before.justification === data.justification : data.residualRisk === null && !data.justification;
    if (unchanged) return { changed: [] };
    if (data.residualRisk === null && !data.justification) {
      await tx.strideAssessment.deleteMany({ where: { ...scope, category: data.category } });
    } else {
      if (data.residualRisk === null) throw new InvalidInputError("Choose the category's residual risk before justifying it.", { residualRisk: ["Choose a residual risk."] });
      await tx.strideAssessment.upsert({
        where,
        create: { ...scope, category: data.category, residualRisk: data.residualRisk, justification: data.justification },
        update: { residualRisk: data.residualRisk, justification: data.justification },
      });
    }
    return { changed: [data.category] };
  },

  async mitigations(tx: Tx, scope: Scope, rows: z.output<typeof ZMitigationRow>[], idsByKey: Record<string, string>) {
    await assertMembers(tx, scope.organizationId, rows.map((r) => r.ownerId));
    const existing = await tx.mitigation.findMany({ where: scope });
    const fields = (r: (typeof rows)[number], position: number) => ({
      title: r.title,
      description: r.description,
      status: r.status,
      taskRef: r.taskRef,
      implementedIn: r.implementedIn,
      ownerId: r.ownerId,
      dueDate: toDate(r.dueDate),
      position,
    });
    return reconcile(existing, rows, {
      differs: (b, r, p) => differsIn(b, fields(r, p)),
      // Removing a mitigation removes its links to threats and scenarios with it (cascade).
      remove: (ids) => tx.mitigation.deleteMany({ where: { ...scope, id: { in: ids } } }),
      update: (b, r, p) => tx.mitigation.update({ where: { id: b.id }, data: fields(r, p) }),
      create: (r, p) => tx.mitigation.create({ data: { ...scope, ...fields(r, p) }, select: { id: true } }),
    }, idsByKey);
  },

  async scenarios(tx: Tx, scope: Scope, rows: z.output<typeof ZScenarioRow>[], idsByKey: Record<string, string>) {
    const allowed = await mitigationIdsOf(tx, scope.threatModelId);
    for (const r of rows) assertLinks(r.mitigationIds, allowed);
    const existing = await tx.attackScenario.findMany({ where: scope, include: { mitigations: { select: { mitigationId: true } } } });
    const fields = (r: (typeof rows)[number], position: number) => ({ title: r.title, description: r.description, likelihood: r.likelihood, impact: r.impact, position });
    const relink = async (scenarioId: string, mitigationIds: string[]) => {
      await tx.scenarioMitigation.deleteMany({ where: { scenarioId } });
      await tx.scenarioMitigation.createMany({ data: [...new Set(mitigationIds)].map((mitigationId) => ({ organizationId: scope.organizationId, scenarioId, mitigationId })) });
    };
    return reconcile(existing, rows, {
      differs: (b, r, p) => differsIn(b, fields(r, p)) || !sameSet(b.mitigations.map((l) => l.mitigationId), r.mitigationIds),
      remove: (ids) => tx.attackScenario.deleteMany({ where: { ...scope, id: { in: ids } } }),
      update: async (b, r, p) => {
        await tx.attackScenario.update({ where: { id: b.id }, data: fields(r, p) });
        if (!sameSet(b.mitigations.map((l) => l.mitigationId), r.mitigationIds)) await relink(b.id, r.mitigationIds);
      },
      create: async (r, p) => {
        const created = await tx.attackScenario.create({ data: { ...scope, ...fields(r, p) }, select: { id: true } });
        await relink(created.id, r.mitigationIds);
        return created;
      },
    }, idsByKey);
  },

  async controls(tx: Tx, scope: Scope, rows: z.output<typeof ZControlRow>[], idsByKey: Record<string, string>) {
    const existing = await tx.securityControl.findMany({ where: scope });
    const fields = (r: (typeof rows)[number], position: number) => ({ name: r.name, status: r.status, effectiveness: r.effectiveness, position });
    return reconcile(existing, rows, {
      differs: (b, r, p) => differsIn(b, fields(r, p)),
      remove: (ids) => tx.securityControl.deleteMany({ where: { ...scope, id: { in: ids } } }),
      update: (b, r, p) => tx.securityControl.update({ where: { id: b.id }, data: fields(r, p) }),
      create: (r, p) => tx.securityControl.create({ data: { ...scope, ...fields(r, p) }, select: { id: true } }),
    }, idsByKey);
  },

  async invariants(tx: Tx, scope: Scope, rows: z.output<typeof ZInvariantRow>[], idsByKey: Record<string, string>) {
    const seen = new Set<number>();
    for (const r of rows) {
      if (seen.has(r.article)) throw new InvalidInputError(`Article ${r.article} is used twice: give each invariant its own number.`);
      seen.add(r.article);
    }
    const existing = await tx.securityInvariant.findMany({ where: scope });
    // Article numbers are unique per model and may be swapped in one save, so unchanged rows
    // are kept and the changed ones are moved out of the way before being written.
    const fields = (r: (typeof rows)[number]) => ({ article: r.article, topic: r.topic, condition: r.condition, requirement: r.requirement });
    const changing = rows.filter((r) => r.id && differsIn(existing.find((e) => e.id === r.id)!, fields(r)));
    for (const [i, r] of changing.entries()) await tx.securityInvariant.update({ where: { id: r.id! }, data: { article: -1 - i } });
    return reconcile(
      existing.map((e) => (changing.some((c) => c.id === e.id) ? { ...e, article: -1 } : e)),
      rows,
      {
        differs: (b, r) => differsIn(b, fields(r)),
        remove: (ids) => tx.securityInvariant.deleteMany({ where: { ...scope, id: { in: ids } } }),
        update: (b, r) => tx.securityInvariant.update({ where: { id: b.id }, data: fields(r) }),
        create: (r) => tx.securityInvariant.create({ data: { ...scope, ...fields(r) }, select: { id: true } }),
      },
      idsByKey,
    );
  },

  async residualRisks(tx: Tx, scope: Scope, rows: z.output<typeof ZResidualRiskRow>[], idsByKey: Record<string, string>, proposedById: string) {
    const threatIds = new Set((await tx.threat.findMany({ where: scope, select: { id: true } })).map((t) => t.id));
    for (const r of rows) {
      if (r.threatId && !threatIds.has(r.threatId)) throw new InvalidInputError("A residual risk points to a threat that is not part of this threat model.");
    }
    const existing = await tx.residualRiskAcceptance.findMany({ where: scope });
    const fields = (r: (typeof rows)[number]) => ({ threatId: r.threatId, threatTitle: r.threatTitle, reason: r.reason, riskOwner: r.riskOwner, reviewDate: toDate(r.reviewDate)! });
    return reconcile(existing, rows, {
      differs: (b, r) => differsIn(b, fields(r)),
      remove: (ids) => tx.residualRiskAcceptance.deleteMany({ where: { ...scope, id: { in: ids } } }),
      // A changed proposal is a new proposal: an earlier sign-off does not cover the new text.
      update: (b, r) =>
        tx.residualRiskAcceptance.update({
          where: { id: b.id },
          data: { ...fields(r), status: "PROPOSED", decidedById: null, decidedAt: null, decisionComment: "" },
        }),
      create: (r) => tx.residualRiskAcceptance.create({ data: { ...scope, ...fields(r), proposedById }, select: { id: true } }),
    }, idsByKey);
  },
};

/** One section as stored, in the shape the editor saves it (rows keyed by their id, links sorted). */
export function storedSectionData(state: EditorState, save: TSectionSave): SectionData {
  const sorted = (ids: string[]) => [...ids].sort();
  switch (save.section) {
    case "fields":
      return state.fields;
    case "threats":
      return state.threats
        .filter((t) => t.category === save.category)
        .map(({ priority: _priority, dueDate: _dueDate, mitigationIds, ...t }) => ({ ...t, mitigationIds: sorted(mitigationIds) }));
    case "strideAssessment":
      return state.strideAssessments.find((a) => a.category === save.data.category) ?? { category: save.data.category, residualRisk: null, justification: "" };
    case "scenarios":
      return state.scenarios.map(({ mitigationIds, ...s }) => ({ ...s, mitigationIds: sorted(mitigationIds) }));
    case "residualRisks":
      return state.residualRisks.map(({ status: _status, decidedBy: _decidedBy, ...r }) => r);
    default:
      return state[save.section];
  }
}

/**
 * Saves one section of a model. Writers are serialized by the model's row: the bump of its
 * lockVersion below locks it until the transaction ends. A save without a base names the
 * lockVersion it saw and is refused when anyone wrote since. A save with a base (what the
 * section held when its author started editing) is merged with what is stored, field by field
 * and row by row: only a field changed on both sides is a conflict, and then nothing is written.
 */
export async function saveModelSection(ctx: OrgContext, input: z.output<typeof ZSaveSection>) {
  requirePermission(ctx, "model.edit");
  const { modelId, lockVersion, base } = input;
  let { save } = input;
  return db().$transaction(async (tx) => {
    const bumped = await tx.threatModel.updateMany({
      where: { id: modelId, organizationId: ctx.organizationId, ...(base === undefined ? { lockVersion } : {}), status: { in: EDITABLE_STATUSES } },
      data: { lockVersion: { increment: 1 } },
    });
    if (bumped.count !== 1) {
      const current = await tx.threatModel.findFirst({ where: { id: modelId, organizationId: ctx.organizationId }, select: { lockVersion: true, status: true } });
      if (!current) throw new NotFoundError("That threat model");
      const locked = analysisLockedReason(current.status);
      if (locked) throw new SafeError(locked, "locked");
      throw new VersionConflictError(current.lockVersion);
    }
    let newVersion = lockVersion + 1;
    let othersWrote = false;
    if (base !== undefined) {
      const stored = (await findThreatModel(tx, ctx.organizationId, modelId))!;
      newVersion = stored.lockVersion;
      // The version before this save's bump: anything else means someone wrote in between.
      othersWrote = stored.lockVersion - 1 !== lockVersion;
      const theirs = normalizedSectionData(save, storedSectionData(toEditorState(stored), save)) as SectionData;
      const merge = mergeSection(normalizedSectionData(save, base) as SectionData, theirs, save.data as SectionData);
      if (merge.conflicts.length) throw new VersionConflictError(stored.lockVersion - 1, merge.conflicts);
      save = { ...save, data: merge.merged } as typeof save;
    }
    const scope = { organizationId: ctx.organizationId, threatModelId: modelId };
    const idsByKey: Record<string, string> = {};
    let summary: Record<string, unknown>;
    switch (save.section) {
      case "fields":
        summary = await SECTION_WRITERS.fields(tx, scope, save.data);
        break;
      case "threats":
        summary = strip(await SECTION_WRITERS.threats(tx, scope, { category: save.category, rows: save.data }, idsByKey));
        summary.category = save.category;
        break;
      case "strideAssessment":
        summary = await SECTION_WRITERS.strideAssessment(tx, scope, save.data);
        break;
      case "residualRisks":
        summary = strip(await SECTION_WRITERS.residualRisks(tx, scope, save.data, idsByKey, ctx.userId));
        break;
      case "trustBoundaries":
        summary = strip(await SECTION_WRITERS.trustBoundaries(tx, scope, save.data, idsByKey));
        break;
      case "assets":
        summary = strip(await SECTION_WRITERS.assets(tx, scope, save.data, idsByKey));
        break;
      case "mitigations":
        summary = strip(await SECTION_WRITERS.mitigations(tx, scope, save.data, idsByKey));
        break;
      case "scenarios":
        summary = strip(await SECTION_WRITERS.scenarios(tx, scope, save.data, idsByKey));
        break;
      case "controls":
        summary = strip(await SECTION_WRITERS.controls(tx, scope, save.data, idsByKey));
        break;
      case "invariants":
        summary = strip(await SECTION_WRITERS.invariants(tx, scope, save.data, idsByKey));
        break;
    }
    // A save that changes nothing writes nothing: no version, no audit event, no withdrawn approval.
    if (changedNothing(summary)) {
      const { status } = await tx.threatModel.findUniqueOrThrow({ where: { id: modelId }, select: { status: true } });
      // The rollback undoes this save's bump: the stored version is the one before it.
      throw new NothingChanged({
        lockVersion: newVersion - 1,
        idsByKey: {},
        status,
        withdrawnApprovals: 0,
        section: base === undefined ? undefined : (save.data as SectionData),
        othersWrote,
      });
    }
    await appendAuditEvent(tx, {
      ...actedBy(ctx),
      action: "threat-model.edited",
      targetType: "threat-model",
      targetId: modelId,
      summary: { section: save.section, ...summary, lockVersion: newVersion } as Prisma.InputJsonObject,
    });
    const review = await onModelEdited(tx, ctx, modelId);
    // With a base: the section as now stored (others' changes merged in, new rows with their
    // ids), and whether anyone else wrote since the version the editor named.
    const section = base === undefined ? undefined : withCreatedIds(save.data as SectionData, idsByKey);
    return { lockVersion: newVersion, idsByKey, status: review.status, withdrawnApprovals: review.withdrawnApprovals, section, othersWrote };
  }).catch((error: unknown) => {
    if (error instanceof NothingChanged) return error.result;
    throw error;
  });
}

function withCreatedIds(data: SectionData, idsByKey: Record<string, string>): SectionData {
  return Array.isArray(data) ? data.map((r) => (r.id || !r.key || !idsByKey[r.key] ? r : { ...r, id: idsByKey[r.key] })) : data;
}

type SaveResult = {
  lockVersion: number;
  idsByKey: Record<string, string>;
  status: ThreatModelStatus;
  withdrawnApprovals: number;
  section?: SectionData;
  othersWrote: boolean;
};

/** Rolls a save's transaction back (its version bump included) when the save changed nothing. */
class NothingChanged extends Error {
  constructor(readonly result: SaveResult) {
    super("nothing changed");
  }
}

function changedNothing(summary: Record<string, unknown>): boolean {
  if (Array.isArray(summary.changed)) return summary.changed.length === 0;
  return summary.created === 0 && summary.updated === 0 && summary.removed === 0;
}

function strip(counts: Counts & { idByRow: string[] }): Record<string, unknown> {
  return { created: counts.created, updated: counts.updated, removed: counts.removed };
}

// ─── Mitigation tracking ─────────────────────────────────────────────────────────────────

/** A mitigation's tracking fields as the editor holds them (dates as YYYY-MM-DD). */
function trackingValuesOf(m: { status: TTrackingValues["status"] & string; taskRef: string; implementedIn: string; ownerId: string | null; dueDate: Date | null }): Required<TTrackingValues> {
  return { status: m.status, taskRef: m.taskRef, implementedIn: m.implementedIn, ownerId: m.ownerId, dueDate: ymd(m.dueDate) };
}

export type TrackingSaveResult =
  | { saved: true; changed: MitigationTrackingField[]; values: Required<TTrackingValues>; lockVersion: number; status: ThreatModelStatus }
  /** Someone else changed these fields since the user's base: nothing was written. */
  | { saved: false; conflicts: MitigationTrackingField[]; values: Required<TTrackingValues>; lockVersion: number; status: ThreatModelStatus };

/**
 * Saves one mitigation's tracking fields (lib/domain/tracking.ts says which), the path that
 * stays open once a model is approved. Each field names the value it had when the user started
 * editing it: a field someone else changed since is a conflict, reported with the current
 * values, and nothing is written; fields nobody else touched are saved.
 *
 * On an approved model the edit leaves the approval and the model's version alone: the version
 * is what reviewers decide on and what the approved revision records, and a tracking edit does
 * not change the analysis they approved. In the statuses where everything is editable it is an
 * edit like any other (version bump, approvals in review withdrawn).
 */
export async function saveMitigationTracking(ctx: OrgContext, input: TTrackingEdit): Promise<TrackingSaveResult> {
  requirePermission(ctx, "model.edit");
  return db().$transaction(async (tx) => {
    // Held like every review transition holds it, so this edit and an approval, a new revision
    // or an archive run one after the other.
    const [model] = await tx.$queryRaw<{ id: string; status: ThreatModelStatus; lockVersion: number }[]>`
      SELECT id, status::text AS status, "lockVersion" FROM "ThreatModel"
      WHERE id = ${input.modelId} AND "organizationId" = ${ctx.organizationId}
      FOR UPDATE`;
    if (!model) throw new NotFoundError("That threat model");
    const fields = MITIGATION_TRACKING_FIELDS.filter((f) => f in input.value);
    if (fields.some((f) => !mayEditField(model.status, "mitigations", f))) throw new SafeError(analysisLockedReason(model.status) ?? "This threat model cannot be changed now.", "locked");
    const mitigation = await tx.mitigation.findFirst({ where: { id: input.mitigationId, threatModelId: model.id, organizationId: ctx.organizationId } });
    if (!mitigation) throw new NotFoundError("That mitigation");
    const current = trackingValuesOf(mitigation);
    const outcome = { values: current, lockVersion: model.lockVersion, status: model.status };

    const conflicts = fields.filter((f) => input.base[f] !== current[f] && input.value[f] !== current[f]);
    if (conflicts.length) return { saved: false as const, conflicts, ...outcome };
    const changed = fields.filter((f) => input.value[f] !== current[f]);
    if (!changed.length) return { saved: true as const, changed, ...outcome };
    if (changed.includes("ownerId")) await assertMembers(tx, ctx.organizationId, [input.value.ownerId]);

    const next = { ...current, ...Object.fromEntries(changed.map((f) => [f, input.value[f]])) } as Required<TTrackingValues>;
    await tx.mitigation.update({
      where: { id: mitigation.id },
      data: { status: next.status, taskRef: next.taskRef, implementedIn: next.implementedIn, ownerId: next.ownerId, dueDate: toDate(next.dueDate) },
    });
    const keepsApproval = trackingEditKeepsApproval(model.status);
    const lockVersion = keepsApproval ? model.lockVersion : model.lockVersion + 1;
    if (!keepsApproval) await tx.threatModel.update({ where: { id: model.id }, data: { lockVersion } });
    await appendAuditEvent(tx, {
      ...actedBy(ctx),
      action: "threat-model.edited",
      targetType: "threat-model",
      targetId: model.id,
      summary: {
        section: "mitigations",
        tracking: true,
        mitigation: mitigation.title.slice(0, AUDIT_TEXT_MAX),
        changes: Object.fromEntries(changed.map((f) => [f, { before: current[f] ?? "", after: next[f] ?? "" }])),
        lockVersion,
      },
    });
    const status = keepsApproval ? model.status : (await onModelEdited(tx, ctx, model.id)).status;
    return { saved: true as const, changed, values: next, lockVersion, status };
  });
}
