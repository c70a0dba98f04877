import { orgRoute } from "@/lib/api/route";
import { createThreatModel } from "@/lib/data/threat-models/create-threat-model";
import { listThreatModels } from "@/lib/data/threat-models/list-threat-models";
import { ZCreateThreatModel, ZListThreatModels } from "@/lib/validation/threat-model";

// GET: the organization's threat models, paginated. POST: create one (JSON from this site only).
export const GET = orgRoute({ name: "threat-models.list", permission: "model.read", query: ZListThreatModels }, async (ctx, { query }) =>
  listThreatModels(ctx, query),
);

export const POST = orgRoute(
  { name: "threat-models.create", permission: "model.create", body: ZCreateThreatModel },
  async (ctx, { body }) => createThreatModel(ctx, body),
  201,
);
