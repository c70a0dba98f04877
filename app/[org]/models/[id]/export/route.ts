import { orgRoute } from "@/lib/api/route";
import { exportThreatModel } from "@/lib/data/exports";
import { NotFoundError } from "@/lib/errors";
import { ZId } from "@/lib/validation/fields";
import { ZExportQuery } from "@/lib/validation/imports";

// GET ?format=md|json|threat-dragon[&revision=<id>]: the model (or one approved revision) as a
// download. Another organization's model is a 404, like everywhere, and so is an address that
// cannot be a model's id (a NUL in it never reaches the database).
export const GET = orgRoute({ name: "threat-model.export", permission: "model.read", query: ZExportQuery }, async (ctx, { query, params }) => {
  const id = ZId.safeParse(params.id);
  if (!id.success) throw new NotFoundError("That threat model");
  const file = await exportThreatModel(ctx, { id: id.data, format: query.format, revisionId: query.revision });
  return new Response(file.body, {
    headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.fileName}"`, "cache-control": "private, no-store" },
  });
});
