import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { threatBadges } from "@/lib/domain/diagram/badges";
import { diagramSvg } from "@/lib/domain/diagram/svg";
import { asciiSlug } from "@/lib/domain/slug";
import { NotFoundError } from "@/lib/errors";
import { diagramContentOf } from "../model-editor/editor-state";

/**
 * One saved diagram of a model as a standalone SVG picture, each item badged with its threats
 * and their highest priority. Another organization's model or diagram is not found.
 */
export async function exportDiagramSvg(ctx: OrgContext, input: { modelId: string; diagramId: string }) {
  requirePermission(ctx, "model.read");
  const diagram = await db().diagram.findFirst({
    where: { id: input.diagramId, threatModelId: input.modelId, organizationId: ctx.organizationId },
    select: { id: true, name: true, content: true, threatModel: { select: { title: true } } },
  });
  if (!diagram) throw new NotFoundError("That diagram");
  const content = diagramContentOf(diagram.content);
  const threats = await db().threat.findMany({
    where: { threatModelId: input.modelId, organizationId: ctx.organizationId, elementIds: { isEmpty: false } },
    select: { priority: true, elementIds: true },
  });
  const badges = threatBadges(
    [...content.elements, ...content.flows].map((i) => i.id),
    threats,
  );
  const name = asciiSlug(`${diagram.threatModel.title} ${diagram.name}`, { max: 100 }) || "diagram";
  return { fileName: `${name}.svg`, body: diagramSvg({ id: diagram.id, name: diagram.name, ...content }, { badges }) };
}
