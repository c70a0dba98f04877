import { z } from "zod";
import { orgRoute } from "@/lib/api/route";
import { exportDiagramSvg } from "@/lib/data/diagrams/export-diagram-svg";
import { NotFoundError } from "@/lib/errors";
import { ZId } from "@/lib/validation/fields";

// GET: one saved diagram of the model as an SVG download. Another organization's model or
// diagram is a 404, like an address that cannot be an id.
export const GET = orgRoute({ name: "diagram.export-svg", permission: "model.read", query: z.object({}) }, async (ctx, { params }) => {
  const modelId = ZId.safeParse(params.id);
  const diagramId = ZId.safeParse(params.diagramId);
  if (!modelId.success || !diagramId.success) throw new NotFoundError("That diagram");
  const file = await exportDiagramSvg(ctx, { modelId: modelId.data, diagramId: diagramId.data });
  return new Response(file.body, {
    headers: {
      "content-type": "image/svg+xml; charset=utf-8",
      "content-disposition": `attachment; filename="${file.fileName}"`,
      "cache-control": "private, no-store",
      // Opened directly, the picture is a document of its own: it may run nothing and load nothing.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
});
