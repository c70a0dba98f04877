import "server-only";
import { NextResponse } from "next/server";
import type { OrgContext } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";
import { requestMeta } from "@/lib/auth/request-meta";
import { getCurrentUser, getOrgContext } from "@/lib/auth/session";
import { HTTP_STATUS, SafeError } from "@/lib/errors";
import { log } from "@/lib/log";
import { authorizeMember, knownFailure } from "./guard";

/** Route parameters; the organization is `[slug]` under /api/orgs and `[org]` in the app's own routes. */
type RouteParams = Record<string, string | string[] | undefined>;
type RouteContext = { params: Promise<RouteParams> };

function jsonError(status: number, error: { code: string; message: string; requestId: string; fieldErrors?: unknown }) {
  return NextResponse.json({ error }, { status, headers: { "x-request-id": error.requestId } });
}

/**
 * A route handler inside an organization: the same steps as server actions (session → membership
 * → permission → validated input → lib/data), with errors mapped to statuses once, here. What the
 * handler returns is sent as JSON, unless it is a Response already (a file download).
 */
export function orgRoute<T>(
  options: { name: string; permission: Permission },
  handler: (ctx: OrgContext, request: Request, params: RouteParams) => Promise<T>,
  successStatus = 200,
) {
  return async (request: Request, context: RouteContext) => {
    const started = performance.now();
    const params = await context.params;
    const slug = String(params.slug ?? params.org ?? "");
    const meta = await requestMeta();
    const user = await getCurrentUser();
    const ctx = user ? await getOrgContext(slug) : null;
    const line = { route: options.name, method: request.method, requestId: meta.requestId, userId: user?.userId, organizationId: ctx?.organizationId };
    const finish = (status: number) => log.info("request", { ...line, status, ms: Math.round(performance.now() - started) });
    try {
      const member = await authorizeMember(user, ctx, options, { unauthenticated: "Sign in first.", notFound: "Not found." });
      const data = await handler(member, request, params);
      if (data instanceof Response) {
        finish(data.status);
        data.headers.set("x-request-id", meta.requestId);
        return data;
      }
      finish(successStatus);
      return NextResponse.json(data, { status: successStatus, headers: { "x-request-id": meta.requestId } });
    } catch (error) {
      const known = knownFailure(error);
      if (known?.kind === "invalid") {
        finish(422);
        return jsonError(422, { code: "invalid", message: "The request has invalid fields.", requestId: meta.requestId, fieldErrors: known.fieldErrors });
      }
      if (known) {
        const status = HTTP_STATUS[known.error.code];
        finish(status);
        return jsonError(status, { code: known.error.code, message: known.error.message, requestId: meta.requestId, fieldErrors: known.error.fieldErrors });
      }
      log.error("request.failed", { ...line, error });
      return jsonError(500, { code: "error", message: "Something went wrong on our side.", requestId: meta.requestId });
    }
  };
}

/** Reads a JSON body; a malformed one is a 400 with a message, never a 500. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > 1_000_000) throw new SafeError("The request body is larger than 1 MB.", "bad-request");
  try {
    return JSON.parse(text);
  } catch {
    throw new SafeError("The request body is not valid JSON.", "bad-request");
  }
}
