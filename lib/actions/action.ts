import "server-only";
import type { z } from "zod";
import { defineEndpoint } from "@/lib/api/endpoints";
import { authorizeMember, knownFailure } from "@/lib/api/guard";
import type { OrgContext, RequestMeta, UserContext } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";
import { requestMeta } from "@/lib/auth/request-meta";
import { getCurrentUser, getOrgContext, getSecondFactorSession, type SecondFactorSession } from "@/lib/auth/session";
import { SafeError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { ActionResult } from "./result";

const SIGNED_OUT = { unauthenticated: "Your session has ended. Sign in again.", notFound: "That organization was not found." };

async function run<T>(name: string, who: { userId?: string; organizationId?: string }, body: () => Promise<T>): Promise<ActionResult<T>> {
  const started = performance.now();
  const meta = await requestMeta();
  const line = { action: name, requestId: meta.requestId, ...who };
  try {
    const data = await body();
    log.info("action", { ...line, outcome: "ok", ms: Math.round(performance.now() - started) });
    return { ok: true, data };
  } catch (error) {
    const known = knownFailure(error);
    if (known) {
      const outcome = known.kind === "invalid" ? "invalid" : known.error.code;
      log.info("action", { ...line, outcome, ms: Math.round(performance.now() - started) });
      return known.kind === "invalid"
        ? { ok: false, code: "invalid", message: "Some fields need attention.", fieldErrors: known.fieldErrors }
        : { ok: false, code: known.error.code, message: known.error.message, fieldErrors: known.error.fieldErrors };
    }
    // Framework control flow (redirect(), notFound()) must propagate.
    if (error && typeof error === "object" && "digest" in error && String((error as { digest: unknown }).digest).startsWith("NEXT_")) throw error;
    log.error("action.failed", { ...line, error });
    return { ok: false, code: "error", message: `Something went wrong on our side. If it keeps happening, quote reference ${meta.requestId}.` };
  }
}

/**
 * A server action inside an organization. Every action goes through here, so none can skip a
 * step: parse the input with the shared zod schema, resolve the caller's membership from the
 * session (never from the input), check the permission, then call lib/data.
 */
export function orgAction<S extends z.ZodType, T>(
  options: { name: string; permission: Permission; schema: S },
  handler: (ctx: OrgContext, input: z.output<S>) => Promise<T>,
) {
  const action = async (organizationSlug: string, rawInput: z.input<S>): Promise<ActionResult<T>> => {
    const user = await getCurrentUser();
    const ctx = user && typeof organizationSlug === "string" ? await getOrgContext(organizationSlug) : null;
    return run(options.name, { userId: user?.userId, organizationId: ctx?.organizationId }, async () => {
      const member = await authorizeMember(user, ctx, options, SIGNED_OUT);
      return handler(member, options.schema.parse(rawInput));
    });
  };
  return defineEndpoint(action, { kind: "org-action", name: options.name, input: options.schema, permission: options.permission });
}

/** A server action of a signed-in user outside any organization (create an organization, accept an invite). */
export function userAction<S extends z.ZodType, T>(options: { name: string; schema: S }, handler: (user: UserContext, input: z.output<S>) => Promise<T>) {
  const action = async (rawInput: z.input<S>): Promise<ActionResult<T>> => {
    const user = await getCurrentUser();
    return run(options.name, { userId: user?.userId }, async () => {
      if (!user) throw new SafeError(SIGNED_OUT.unauthenticated, "unauthenticated");
      return handler(user, options.schema.parse(rawInput));
    });
  };
  return defineEndpoint(action, { kind: "user-action", name: options.name, input: options.schema });
}

/**
 * A server action of a session that may give its second factor now: one whose password was
 * accepted and whose second factor is still due, or a signed-in one stepping up. Nothing else.
 */
export function secondFactorAction<S extends z.ZodType, T>(
  options: { name: string; schema: S },
  handler: (session: SecondFactorSession, meta: RequestMeta, input: z.output<S>) => Promise<T>,
) {
  const action = async (rawInput: z.input<S>): Promise<ActionResult<T>> => {
    const session = await getSecondFactorSession();
    return run(options.name, { userId: session?.user.id }, async () => {
      if (!session) throw new SafeError(SIGNED_OUT.unauthenticated, "unauthenticated");
      return handler(session, await requestMeta(), options.schema.parse(rawInput));
    });
  };
  return defineEndpoint(action, { kind: "second-factor-action", name: options.name, input: options.schema });
}

/** A server action open to signed-out visitors (sign-up, accepting an invite with a new account). */
export function publicAction<S extends z.ZodType, T>(options: { name: string; schema: S }, handler: (input: z.output<S>) => Promise<T>) {
  const action = async (rawInput: z.input<S>): Promise<ActionResult<T>> => run(options.name, {}, async () => handler(options.schema.parse(rawInput)));
  return defineEndpoint(action, { kind: "public-action", name: options.name, input: options.schema });
}
