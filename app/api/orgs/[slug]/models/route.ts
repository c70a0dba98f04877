import { orgRoute, readJson } from "@/lib/api/route";
import { createThreatModel } from "@/lib/data/threat-models/create-threat-model";
import { listThreatModels } from "@/lib/data/threat-models/list-threat-models";
import { ZCreateThreatModel, ZListThreatModels } from "@/lib/validation/threat-model";

// GET: the organization's threat models, paginated. POST: create one.
export const GET = orgRoute({ name: "threat-models.list", permission: "model.read" }, async (ctx, request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return listThreatModels(ctx, ZListThreatModels.parse(params));
});

export const POST = orgRoute(
  { name: "threat-models.create", permission: "model.create" },
  async (ctx, request) => createThreatModel(ctx, ZCreateThreatModel.parse(await readJson(request))),
  201,
);
