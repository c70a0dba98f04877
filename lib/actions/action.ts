import "server-only";
import { z } from "zod";
import type { OrgContext, UserContext } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import { requestMeta } from "@/lib/auth/request-meta";
import { getCurrentUser, getOrgContext } from "@/lib/auth/session";
import { recordAccessDenied } from "@/lib/data/audit";
import { SafeError } from "@/lib/errors";
import { log } from "@/lib/log";
import { fieldErrorsOf } from "@/lib/validation/errors";
import type { ActionResult } from "./result";

async function run<T>(
  name: string,
  who: { userId?: string; organizationId?: string },
  body: () => Promise<T>,
): Promise<ActionResult<T>> {
  const started = performance.now();
  const meta = await requestMeta();
  const line = { action: name, requestId: meta.requestId, ...who };
  try {
    const data = await body();
    log.info("action", { ...line, outcome: "ok", ms: Math.round(performance.now() - started) });
    return { ok: true, data };
  } catch (error) {
    if (error instanceof z.ZodError) {
      log.info("action", { ...line, outcome: "invalid", ms: Math.round(performance.now() - started) });
      return { ok: false, code: "invalid", message: "Some fields need attention.", fieldErrors: fieldErrorsOf(error) };
    }
    if (error instanceof SafeError) {
      log.info("action", { ...line, outcome: error.code, ms: Math.round(performance.now() - started) });
      return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
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
  return async (organizationSlug: string, rawInput: z.input<S>): Promise<ActionResult<T>> => {
    const user = await getCurrentUser();
    const ctx = user && typeof organizationSlug === "string" ? await getOrgContext(organizationSlug) : null;
    return run(options.name, { userId: user?.userId, organizationId: ctx?.organizationId }, async () => {
      if (!user) throw new SafeError("Your session has ended. Sign in again.", "unauthenticated");
      if (!ctx) throw new SafeError("That organization was not found.", "not-found");
      try {
        requirePermission(ctx, options.permission);
      } catch (error) {
        await recordAccessDenied(ctx, { action: options.name, permission: options.permission });
        throw error;
      }
      const input = options.schema.parse(rawInput);
      return handler(ctx, input);
    });
  };
}

/** A server action of a signed-in user outside any organization (create an organization, accept an invite). */
export function userAction<S extends z.ZodType, T>(options: { name: string; schema: S }, handler: (user: UserContext, input: z.output<S>) => Promise<T>) {
  return async (rawInput: z.input<S>): Promise<ActionResult<T>> => {
    const user = await getCurrentUser();
    return run(options.name, { userId: user?.userId }, async () => {
      if (!user) throw new SafeError("Your session has ended. Sign in again.", "unauthenticated");
      return handler(user, options.schema.parse(rawInput));
    });
  };
}

/** A server action open to signed-out visitors (sign-up, accepting an invite with a new account). */
export function publicAction<S extends z.ZodType, T>(options: { name: string; schema: S }, handler: (input: z.output<S>) => Promise<T>) {
  return async (rawInput: z.input<S>): Promise<ActionResult<T>> => run(options.name, {}, async () => handler(options.schema.parse(rawInput)));
}
