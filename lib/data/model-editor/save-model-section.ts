import "server-only";
import type { z } from "zod";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db, type Tx } from "@/lib/db/client";
import { today } from "@/lib/domain/calendar";
import { mergeSection, type SectionData } from "@/lib/domain/section-merge";
import type { ThreatModelStatus } from "@/lib/domain/threat-model";
import { ANALYSIS_EDITABLE_STATUSES, analysisLockedReason } from "@/lib/domain/tracking";
import { NotFoundError, SafeError, VersionConflictError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { normalizedSectionData, type ZSaveSection } from "@/lib/validation/model-editor";
import { actedBy, recordAuditEvent } from "../audit";
import { COVERAGE_SECTIONS, refreshCoverage } from "../diagrams/refresh-coverage";
import { onModelEdited } from "../review/on-model-edited";
import { findThreatModel } from "../threat-models/find-threat-model";
import { storedSectionData, toEditorState } from "./editor-state";
import type { Counts } from "./reconcile";
import { SECTION_WRITERS, type Scope } from "./section-writers";

type SectionSave = z.output<typeof ZSaveSection>["save"];

/** Runs the section's writer; its summary goes to the audit event. */
async function writeSection(tx: Tx, ctx: OrgContext, scope: Scope, save: SectionSave, idsByKey: Record<string, string>): Promise<Record<string, unknown>> {
  switch (save.section) {
    case "fields":
      return SECTION_WRITERS.fields(tx, scope, save.data);
    case "strideAssessment":
      return SECTION_WRITERS.strideAssessment(tx, scope, save.data);
    case "threats":
      return { ...strip(await SECTION_WRITERS.threats(tx, scope, { category: save.category, rows: save.data }, idsByKey)), category: save.category };
    case "residualRisks":
      return strip(await SECTION_WRITERS.residualRisks(tx, scope, save.data, idsByKey, { proposedById: ctx.userId, today: today() }));
    default:
      return strip(await writeRows(tx, scope, save, idsByKey));
  }
}

type RowSectionName = "trustBoundaries" | "assets" | "mitigations" | "scenarios" | "controls" | "invariants" | "diagrams" | "dismissals";
type RowsOf = { [K in RowSectionName]: Extract<SectionSave, { section: K }>["data"] };
const ROW_WRITERS: {
  [K in RowSectionName]: (tx: Tx, scope: Scope, rows: RowsOf[K], idsByKey: Record<string, string>) => Promise<Counts & { idByRow: string[] }>;
} = SECTION_WRITERS;

/** The sections that are rows only, each written by its own writer. */
function writeRows<K extends RowSectionName>(tx: Tx, scope: Scope, save: { section: K; data: RowsOf[K] }, idsByKey: Record<string, string>) {
  return ROW_WRITERS[save.section](tx, scope, save.data, idsByKey);
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
  return db()
    .$transaction(async (tx) => {
      const bumped = await tx.threatModel.updateMany({
        where: { id: modelId, organizationId: ctx.organizationId, ...(base === undefined ? { lockVersion } : {}), status: { in: ANALYSIS_EDITABLE_STATUSES } },
        data: { lockVersion: { increment: 1 } },
      });
      if (bumped.count !== 1) {
        const current = await tx.threatModel.findFirst({
          where: { id: modelId, organizationId: ctx.organizationId },
          select: { lockVersion: true, status: true },
        });
        if (!current) throw new NotFoundError("That threat model");
        const locked = analysisLockedReason(current.status);
        if (locked) throw new SafeError(locked, "locked");
        throw new VersionConflictError(current.lockVersion);
      }
      // Everyone who changes the revision is one of its editors (who may count as its authors).
      await tx.$executeRaw`
        UPDATE "ThreatModel" SET "revisionEditorIds" = array_append("revisionEditorIds", ${ctx.userId})
        WHERE id = ${modelId} AND NOT (${ctx.userId} = ANY("revisionEditorIds"))`;
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
      const summary = await writeSection(tx, ctx, scope, save, idsByKey);
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
      if (COVERAGE_SECTIONS.has(save.section)) await refreshCoverage(tx, modelId);
      await recordAuditEvent(tx, actedBy(ctx), "threat-model.edited", { type: "threat-model", id: modelId }, {
        section: save.section,
        ...summary,
        lockVersion: newVersion,
      } as Prisma.InputJsonObject);
      const review = await onModelEdited(tx, ctx, modelId);
      // With a base: the section as now stored (others' changes merged in, new rows with their
      // ids), and whether anyone else wrote since the version the editor named.
      const section = base === undefined ? undefined : withCreatedIds(save.data as SectionData, idsByKey);
      return { lockVersion: newVersion, idsByKey, status: review.status, withdrawnApprovals: review.withdrawnApprovals, section, othersWrote };
    })
    .catch((error: unknown) => {
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
