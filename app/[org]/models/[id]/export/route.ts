import { orgRoute } from "@/lib/api/route";
import { exportThreatModel } from "@/lib/data/exports";
import { ZExportQuery } from "@/lib/validation/imports";

// GET ?format=md|json|threat-dragon[&revision=<id>]: the model (or one approved revision) as a
// download. Another organization's model is a 404, like everywhere.
export const GET = orgRoute({ name: "threat-model.export", permission: "model.read", query: ZExportQuery }, async (ctx, { query, params }) => {
  const file = await exportThreatModel(ctx, { id: String(params.id), format: query.format, revisionId: query.revision });
  return new Response(file.body, {
    headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.fileName}"`, "cache-control": "private, no-store" },
  });
});
