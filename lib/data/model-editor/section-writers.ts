import "server-only";
import type { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { fromDay, toDay } from "@/lib/domain/calendar";
import { reviewDateRefusal } from "@/lib/domain/acceptance";
import { modelDiagramRefusals, type Diagram } from "@/lib/domain/diagram/diagram";
import { effectivePriority } from "@/lib/domain/priority";
import { fixByDateAfterEdit } from "@/lib/domain/sla";
import { InvalidInputError } from "@/lib/errors";
import {
  LIMITS,
  type ZAssetRow,
  type ZControlRow,
  type ZDiagramRow,
  type ZDismissalRow,
  type ZInvariantRow,
  type ZMitigationRow,
  type ZModelFields,
  type ZResidualRiskRow,
  type ZScenarioRow,
  type ZStrideAssessment,
  type ZThreatRow,
  type ZTrustBoundaryRow,
} from "@/lib/validation/model-editor";
import { diagramItemIds } from "../diagrams/diagram-item-ids";
import { getFixBySettings } from "../fix-by-settings";
import { assertLinks, assertMembers, assertOwnRows, differsIn, mitigationIdsOf, replaceRows, type Scope } from "./reconcile";

/** How much of a changed text an audit event keeps. */
export const AUDIT_TEXT_MAX = 200;

export type { Scope };

/** One writer per section of the editor: each brings its rows to what was sent and says what changed. */
export const SECTION_WRITERS = {
  async fields(tx: Tx, scope: Scope, data: z.output<typeof ZModelFields>) {
    if (data.ownerId !== undefined) await assertMembers(tx, scope.organizationId, [data.ownerId]);
    const { nextReviewDate, ...rest } = data;
    const before = await tx.threatModel.findUniqueOrThrow({ where: { id: scope.threatModelId } });
    await tx.threatModel.update({
      where: { id: scope.threatModelId },
      data: { ...rest, ...(nextReviewDate !== undefined ? { nextReviewDate: fromDay(nextReviewDate) } : {}) },
    });
    // The audit trail says what each field was and became (long texts cut short).
    const shown = (v: unknown) => {
      const text = v instanceof Date ? toDay(v) : v === null || v === undefined ? "" : String(v);
      return text && text.length > AUDIT_TEXT_MAX ? `${text.slice(0, AUDIT_TEXT_MAX)}…` : text;
    };
    const changes = Object.fromEntries(
      (Object.keys(data) as (keyof typeof data)[])
        .map((k) => [k, { before: shown(before[k]), after: shown(data[k]) }] as const)
        .filter(([, c]) => c.before !== c.after),
    );
    return { changed: Object.keys(changes), changes };
  },

  trustBoundaries: async (tx: Tx, scope: Scope, rows: z.output<typeof ZTrustBoundaryRow>[], idsByKey: Record<string, string>) =>
    replaceRows(tx, scope, rows, idsByKey, {
      table: (t) => t.trustBoundary,
      existing: await tx.trustBoundary.findMany({ where: scope }),
      fields: (r, position) => ({ name: r.name, description: r.description, crossing: r.crossing, position }),
    }),

  assets: async (tx: Tx, scope: Scope, rows: z.output<typeof ZAssetRow>[], idsByKey: Record<string, string>) =>
    replaceRows(tx, scope, rows, idsByKey, {
      table: (t) => t.asset,
      existing: await tx.asset.findMany({ where: scope }),
      fields: (r, position) => ({ name: r.name, classification: r.classification, compromiseImpact: r.compromiseImpact, position }),
    }),

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
    await assertLinksOf(tx, scope, rows);
    const settings = await getFixBySettings(tx, scope.organizationId);
    const { approvedAt } = await tx.threatModel.findUniqueOrThrow({ where: { id: scope.threatModelId }, select: { approvedAt: true } });
    // An item deleted from a diagram (perhaps by someone else meanwhile) no longer holds the threat.
    const onDiagram = rows.some((r) => r.elementIds.length) ? await diagramItemIds(tx, scope.threatModelId) : new Set<string>();
    return replaceRows(tx, scope, rows, idsByKey, {
      table: (t) => t.threat,
      existing: await tx.threat.findMany({ where: { ...scope, category }, include: { mitigations: { select: { mitigationId: true } } } }),
      // The fix-by clock is approval's (lib/domain/sla.ts): an edit keeps a threat's date unless its priority changes.
      fields: (r, position, stored) => {
        const priority = effectivePriority(r);
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
          dueDate: fixByDateAfterEdit(priority, stored, approvedAt, settings),
          elementIds: [...new Set(r.elementIds)].filter((id) => onDiagram.has(id)),
          position,
        };
      },
      links: mitigationLinks(tx, scope, "threat"),
    });
  },

  async strideAssessment(tx: Tx, scope: Scope, data: z.output<typeof ZStrideAssessment>) {
    const where = { threatModelId_category: { threatModelId: scope.threatModelId, category: data.category } };
    const before = await tx.strideAssessment.findUnique({ where, select: { residualRisk: true, justification: true } });
    const unchanged = before
      ? before.residualRisk === data.residualRisk && before.justification === data.justification
      : data.residualRisk === null && !data.justification;
    if (unchanged) return { changed: [] };
    if (data.residualRisk === null && !data.justification) {
      await tx.strideAssessment.deleteMany({ where: { ...scope, category: data.category } });
    } else {
      if (data.residualRisk === null)
        throw new InvalidInputError("Choose the category's residual risk before justifying it.", { residualRisk: ["Choose a residual risk."] });
      await tx.strideAssessment.upsert({
        where,
        create: { ...scope, category: data.category, residualRisk: data.residualRisk, justification: data.justification },
        update: { residualRisk: data.residualRisk, justification: data.justification },
      });
    }
    return { changed: [data.category] };
  },

  async mitigations(tx: Tx, scope: Scope, rows: z.output<typeof ZMitigationRow>[], idsByKey: Record<string, string>) {
    await assertMembers(
      tx,
      scope.organizationId,
      rows.map((r) => r.ownerId),
    );
    // Removing a mitigation removes its links to threats and scenarios with it (cascade).
    return replaceRows(tx, scope, rows, idsByKey, {
      table: (t) => t.mitigation,
      existing: await tx.mitigation.findMany({ where: scope }),
      fields: (r, position) => ({
        title: r.title,
        description: r.description,
        status: r.status,
        taskRef: r.taskRef,
        implementedIn: r.implementedIn,
        ownerId: r.ownerId,
        dueDate: fromDay(r.dueDate),
        position,
      }),
    });
  },

  async scenarios(tx: Tx, scope: Scope, rows: z.output<typeof ZScenarioRow>[], idsByKey: Record<string, string>) {
    await assertLinksOf(tx, scope, rows);
    return replaceRows(tx, scope, rows, idsByKey, {
      table: (t) => t.attackScenario,
      existing: await tx.attackScenario.findMany({ where: scope, include: { mitigations: { select: { mitigationId: true } } } }),
      fields: (r, position) => ({ title: r.title, description: r.description, likelihood: r.likelihood, impact: r.impact, position }),
      links: mitigationLinks(tx, scope, "scenario"),
    });
  },

  controls: async (tx: Tx, scope: Scope, rows: z.output<typeof ZControlRow>[], idsByKey: Record<string, string>) =>
    replaceRows(tx, scope, rows, idsByKey, {
      table: (t) => t.securityControl,
      existing: await tx.securityControl.findMany({ where: scope }),
      fields: (r, position) => ({ name: r.name, status: r.status, effectiveness: r.effectiveness, position }),
    }),

  async invariants(tx: Tx, scope: Scope, rows: z.output<typeof ZInvariantRow>[], idsByKey: Record<string, string>) {
    const seen = new Set<number>();
    for (const r of rows) {
      if (seen.has(r.article)) throw new InvalidInputError(`Article ${r.article} is used twice: give each invariant its own number.`);
      seen.add(r.article);
    }
    const existing = await tx.securityInvariant.findMany({ where: scope });
    // Checked before the article shuffle below, which looks each named row up.
    assertOwnRows(existing, rows);
    // Article numbers are unique per model and may be swapped in one save, so unchanged rows
    // are kept and the changed ones are moved out of the way before being written.
    const fields = (r: (typeof rows)[number]) => ({ article: r.article, topic: r.topic, condition: r.condition, requirement: r.requirement });
    const changing = rows.filter(
      (r) =>
        r.id &&
        differsIn(
          existing.find((e) => e.id === r.id)!,
          fields(r),
        ),
    );
    for (const [i, r] of changing.entries()) await tx.securityInvariant.update({ where: { id: r.id! }, data: { article: -1 - i } });
    return replaceRows(tx, scope, rows, idsByKey, {
      table: (t) => t.securityInvariant,
      existing: existing.map((e) => (changing.some((c) => c.id === e.id) ? { ...e, article: -1 } : e)),
      fields,
    });
  },

  async residualRisks(
    tx: Tx,
    scope: Scope,
    rows: z.output<typeof ZResidualRiskRow>[],
    idsByKey: Record<string, string>,
    proposal: { proposedById: string; today: string },
  ) {
    const threatIds = new Set((await tx.threat.findMany({ where: scope, select: { id: true } })).map((t) => t.id));
    for (const r of rows) {
      if (r.threatId && !threatIds.has(r.threatId)) throw new InvalidInputError("A residual risk points to a threat that is not part of this threat model.");
    }
    const existing = await tx.residualRiskAcceptance.findMany({ where: scope });
    const { acceptanceHorizonYears } = await tx.organization.findUniqueOrThrow({
      where: { id: scope.organizationId },
      select: { acceptanceHorizonYears: true },
    });
    // A date already stored stays as it is (it was checked when set, perhaps under another
    // horizon); a new or changed one is checked against today's horizon.
    for (const r of rows) {
      const stored = r.id ? existing.find((e) => e.id === r.id) : undefined;
      if (stored && toDay(stored.reviewDate) === r.reviewDate) continue;
      const refusal = reviewDateRefusal(r.reviewDate, proposal.today, acceptanceHorizonYears);
      if (refusal) throw new InvalidInputError(`Residual risk “${r.threatTitle}”: ${refusal}`);
    }
    const proposedById = proposal.proposedById;
    return replaceRows(tx, scope, rows, idsByKey, {
      table: (t) => t.residualRiskAcceptance,
      existing,
      fields: (r, _position, stored) => ({
        threatId: r.threatId,
        threatTitle: r.threatTitle,
        reason: r.reason,
        riskOwner: r.riskOwner,
        reviewDate: fromDay(r.reviewDate)!,
        // Whoever first proposed it stays its proposer.
        proposedById: stored?.proposedById ?? proposedById,
      }),
      // A changed proposal is a new proposal: an earlier sign-off does not cover the new text.
      onUpdate: { status: "PROPOSED" as const, decidedById: null, decidedAt: null, decisionComment: "" },
    });
  },

  async diagrams(tx: Tx, scope: Scope, rows: z.output<typeof ZDiagramRow>[], idsByKey: Record<string, string>) {
    const [assets, boundaries] = await Promise.all([
      tx.asset.findMany({ where: scope, select: { id: true } }),
      tx.trustBoundary.findMany({ where: scope, select: { id: true } }),
    ]);
    const assetIds = new Set(assets.map((a) => a.id));
    const boundaryIds = new Set(boundaries.map((b) => b.id));
    for (const d of rows) {
      for (const item of [...d.elements, ...d.flows])
        if (item.assetIds?.some((id) => !assetIds.has(id)))
          throw new InvalidInputError(`Diagram “${d.name}”: “${item.name || item.id}” is linked to an asset that is not part of this threat model.`);
      for (const b of d.boundaries)
        if (b.trustBoundaryId !== null && !boundaryIds.has(b.trustBoundaryId))
          throw new InvalidInputError(`Diagram “${d.name}”: the boundary “${b.name}” is linked to a trust boundary that is not part of this threat model.`);
    }
    const refusals = modelDiagramRefusals(
      rows.map((d): Diagram => ({ id: d.id ?? d.key, name: d.name, elements: d.elements, flows: d.flows, boundaries: d.boundaries })),
    );
    if (refusals.length) throw new InvalidInputError(refusals.slice(0, 5).join(" ") + (refusals.length > 5 ? ` (and ${refusals.length - 5} more)` : ""));

    const counts = await replaceRows(tx, scope, rows, idsByKey, {
      table: (t) => t.diagram,
      existing: await tx.diagram.findMany({ where: scope }),
      fields: (r, position) => ({ name: r.name, content: { elements: r.elements, flows: r.flows, boundaries: r.boundaries }, position }),
    });
    // What was on a deleted item goes with it: threats stay in the model, no longer on the item,
    // and a dismissal of a suggestion for it has nothing left to answer.
    const kept = [...new Set(rows.flatMap((d) => [...d.elements, ...d.flows].map((i) => i.id)))];
    await tx.$executeRaw`
      UPDATE "Threat" SET "elementIds" = ARRAY(SELECT e FROM unnest("elementIds") AS e WHERE e = ANY(${kept}::text[]))
      WHERE "threatModelId" = ${scope.threatModelId} AND NOT ("elementIds" <@ ${kept}::text[])`;
    await tx.suggestionDismissal.deleteMany({ where: { ...scope, elementId: { notIn: kept } } });
    return counts;
  },

  async dismissals(tx: Tx, scope: Scope, rows: z.output<typeof ZDismissalRow>[], idsByKey: Record<string, string>) {
    const seen = new Set<string>();
    for (const r of rows) {
      const pair = `${r.elementId} ${r.category}`;
      if (seen.has(pair)) throw new InvalidInputError("The same suggestion is dismissed twice. Reload the page and try again.");
      seen.add(pair);
    }
    // A dismissal of an item deleted meanwhile is dropped, like the item's other links.
    const onDiagram = rows.length ? await diagramItemIds(tx, scope.threatModelId) : new Set<string>();
    const existing = await tx.suggestionDismissal.findMany({ where: scope });
    return replaceRows(
      tx,
      scope,
      rows.filter((r) => onDiagram.has(r.elementId)),
      idsByKey,
      {
        table: (t) => t.suggestionDismissal,
        existing,
        fields: (r, position) => ({ elementId: r.elementId, category: r.category, reason: r.reason, position }),
      },
    );
  },
};

/** Every link of the rows points to a mitigation of this model. */
async function assertLinksOf(tx: Tx, scope: Scope, rows: { mitigationIds: string[] }[]) {
  const allowed = await mitigationIdsOf(tx, scope.threatModelId);
  for (const r of rows) assertLinks(r.mitigationIds, allowed);
}

/** A threat's or a scenario's links to mitigations: those stored, and how to replace them. */
function mitigationLinks(tx: Tx, { organizationId }: Scope, owner: "threat" | "scenario") {
  return {
    of: (stored: { mitigations: { mitigationId: string }[] }) => stored.mitigations.map((l) => l.mitigationId),
    replace: async (rowId: string, mitigationIds: string[]) => {
      const ids = [...new Set(mitigationIds)];
      if (owner === "threat") {
        await tx.threatMitigation.deleteMany({ where: { threatId: rowId } });
        await tx.threatMitigation.createMany({ data: ids.map((mitigationId) => ({ organizationId, threatId: rowId, mitigationId })) });
      } else {
        await tx.scenarioMitigation.deleteMany({ where: { scenarioId: rowId } });
        await tx.scenarioMitigation.createMany({ data: ids.map((mitigationId) => ({ organizationId, scenarioId: rowId, mitigationId })) });
      }
    },
  };
}
