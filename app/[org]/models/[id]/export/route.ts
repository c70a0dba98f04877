import { requirePermission } from "@/lib/auth/require";
import { requestMeta } from "@/lib/auth/request-meta";
import { getCurrentUser, getOrgContext } from "@/lib/auth/session";
import { recordAccessDenied } from "@/lib/data/audit";
import { exportThreatModel } from "@/lib/data/exports";
import { HTTP_STATUS, SafeError } from "@/lib/errors";
import { log } from "@/lib/log";
import { ZExportQuery } from "@/lib/validation/imports";

// GET ?format=md|json|threat-dragon[&revision=<id>]: the model (or one approved revision) as a
// download. The same chain as every page: session → membership → permission → lib/data, and
// another organization's model is a 404.
export async function GET(request: Request, context: { params: Promise<{ org: string; id: string }> }) {
  const started = performance.now();
  const { org, id } = await context.params;
  const meta = await requestMeta();
  const user = await getCurrentUser();
  const ctx = user ? await getOrgContext(org) : null;
  const line = { route: "threat-model.export", method: request.method, requestId: meta.requestId, userId: user?.userId, organizationId: ctx?.organizationId };
  const reply = (status: number, body: string, headers: Record<string, string> = {}) => {
    log.info("request", { ...line, status, ms: Math.round(performance.now() - started) });
    return new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store", "x-request-id": meta.requestId, ...headers } });
  };
  try {
    if (!user) return reply(401, "Sign in first.");
    if (!ctx) return reply(404, "Not found.");
    try {
      requirePermission(ctx, "model.read");
    } catch (error) {
      await recordAccessDenied(ctx, { action: "threat-model.export", permission: "model.read" });
      throw error;
    }
    const query = ZExportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return reply(400, "Choose a format: md, json or threat-dragon.");
    const file = await exportThreatModel(ctx, { id, format: query.data.format, revisionId: query.data.revision });
    return reply(200, file.body, {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.fileName}"`,
    });
  } catch (error) {
    if (error instanceof SafeError) return reply(HTTP_STATUS[error.code], error.message);
    log.error("request.failed", { ...line, error });
    return reply(500, `Something went wrong on our side. If it keeps happening, quote reference ${meta.requestId}.`);
  }
}
