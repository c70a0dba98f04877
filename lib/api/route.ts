import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import type { OrgContext, RequestMeta } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";
import { requestMeta } from "@/lib/auth/request-meta";
import { getCurrentUser, getOrgContext } from "@/lib/auth/session";
import { HTTP_STATUS } from "@/lib/errors";
import { log } from "@/lib/log";
import { defineEndpoint } from "./endpoints";
import { authorizeMember, knownFailure } from "./guard";
import { readJsonBody, refuseCrossOrigin } from "./json-body";

/** Route parameters; the organization is `[slug]` under /api/orgs and `[org]` in the app's own routes. */
type RouteParams = Record<string, string | string[] | undefined>;
type RouteContext = { params: Promise<RouteParams> };

function jsonError(status: number, error: { code: string; message: string; requestId: string; fieldErrors?: unknown }) {
  return NextResponse.json({ error }, { status, headers: { "x-request-id": error.requestId } });
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a route handler receives: its body and query as its schemas parsed them, its path parameters, the request. */
export type RouteInput<B, Q> = { body: Parsed<B>; query: Parsed<Q>; params: RouteParams; request: Request };

type RouteOptions<B, Q> = {
  name: string;
  /** The JSON body, read through lib/api/json-body (same origin, application/json, size and depth) and then parsed. */
  body?: B;
  /** The search params, parsed strictly (a value that does not parse is a 422, as API clients need to know). */
  query?: Q;
  /** The largest body read, in bytes. */
  maxBytes?: number;
};

async function parseInput<B extends z.ZodType | undefined, Q extends z.ZodType | undefined>(
  options: RouteOptions<B, Q>,
  request: Request,
  params: RouteParams,
): Promise<RouteInput<B, Q>> {
  const query = options.query ? options.query.parse(Object.fromEntries(new URL(request.url).searchParams)) : undefined;
  const body = options.body ? options.body.parse(await readJsonBody(request, { maxBytes: options.maxBytes })) : undefined;
  return { body: body as Parsed<B>, query: query as Parsed<Q>, params, request };
}

/** The JSON error answer for a failure the wrapper caught: shown as it is when known, else logged with a reference. */
function failureResponse(error: unknown, requestId: string, logFailure: (error: unknown) => void, finish: (status: number) => void) {
  const known = knownFailure(error);
  if (known?.kind === "invalid") {
    finish(422);
    return jsonError(422, { code: "invalid", message: "The request has invalid fields.", requestId, fieldErrors: known.fieldErrors });
  }
  if (known) {
    const status = HTTP_STATUS[known.error.code];
    finish(status);
    return jsonError(status, { code: known.error.code, message: known.error.message, requestId, fieldErrors: known.error.fieldErrors });
  }
  logFailure(error);
  return jsonError(500, { code: "error", message: "Something went wrong on our side.", requestId });
}

/**
 * A route handler inside an organization: the same steps as server actions (session → membership
 * → permission → validated input → lib/data), with errors mapped to statuses once, here. What the
 * handler returns is sent as JSON, unless it is a Response already (a file download).
 */
export function orgRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, T = unknown>(
  options: RouteOptions<B, Q> & { permission: Permission },
  handler: (ctx: OrgContext, input: RouteInput<B, Q>) => Promise<T>,
  successStatus = 200,
) {
  const route = async (request: Request, context: RouteContext) => {
    const started = performance.now();
    const params = await context.params;
    const slug = String(params.slug ?? params.org ?? "");
    const meta = await requestMeta();
    const line: Record<string, unknown> = { route: options.name, method: request.method, requestId: meta.requestId };
    const finish = (status: number) => log.info("request", { ...line, status, ms: Math.round(performance.now() - started) });
    try {
      // Before the session is even read: another site's request gets nothing, not even an access.denied event.
      if (options.body) refuseCrossOrigin(request);
      const user = await getCurrentUser();
      const ctx = user ? await getOrgContext(slug) : null;
      Object.assign(line, { userId: user?.userId, organizationId: ctx?.organizationId });
      const member = await authorizeMember(user, ctx, options, { unauthenticated: "Sign in first.", notFound: "Not found." });
      const data = await handler(member, await parseInput(options, request, params));
      if (data instanceof Response) {
        finish(data.status);
        data.headers.set("x-request-id", meta.requestId);
        return data;
      }
      finish(successStatus);
      return NextResponse.json(data, { status: successStatus, headers: { "x-request-id": meta.requestId } });
    } catch (error) {
      return failureResponse(error, meta.requestId, (e) => log.error("request.failed", { ...line, error: e }), finish);
    }
  };
  return defineEndpoint(route, { kind: "org-route", name: options.name, body: options.body, query: options.query, maxBytes: options.maxBytes });
}

/** A route handler open to anyone (no session needed), with the same input reading and error answers. */
export function publicRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, T = unknown>(
  options: RouteOptions<B, Q>,
  handler: (input: RouteInput<B, Q>, meta: RequestMeta) => Promise<T>,
) {
  const route = async (request: Request, context: RouteContext) => {
    const started = performance.now();
    const meta = await requestMeta();
    const line = { route: options.name, method: request.method, requestId: meta.requestId };
    const finish = (status: number) => log.info("request", { ...line, status, ms: Math.round(performance.now() - started) });
    try {
      if (options.body) refuseCrossOrigin(request);
      const data = await handler(await parseInput(options, request, await context.params), meta);
      finish(200);
      return NextResponse.json(data, { headers: { "x-request-id": meta.requestId, "cache-control": "no-store" } });
    } catch (error) {
      return failureResponse(error, meta.requestId, (e) => log.error("request.failed", { ...line, error: e }), finish);
    }
  };
  return defineEndpoint(route, { kind: "public-route", name: options.name, body: options.body, query: options.query, maxBytes: options.maxBytes });
}
