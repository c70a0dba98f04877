import "server-only";
import { z } from "zod";
import type { OrgContext, UserContext } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require";
import { secondFactorGate, secondFactorRefusal } from "@/lib/auth/second-factor-gate";
import { recordAccessDenied } from "@/lib/data/audit";
import { SafeError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/errors";

// The chain every server action and route handler inside an organization runs, in one place:
// session → membership → permission, then (in the caller) zod → lib/data, with the errors that
// may be shown told apart from the unexpected ones. The wrappers only phrase the outcome: an
// ActionResult for the browser, or a JSON response with its HTTP status.

/** What the caller says when there is no session, or no membership in the organization named. */
type GuardMessages = { unauthenticated: string; notFound: string };

/**
 * The caller's membership with the permission, or a SafeError: unauthenticated, not found (a
 * non-member, or another organization, is never told more), forbidden (recorded as
 * `access.denied`, in its own transaction), or a second factor still to give where the
 * organization requires one.
 */
export async function authorizeMember(
  user: UserContext | null,
  ctx: OrgContext | null,
  what: { name: string; permission: Permission },
  messages: GuardMessages,
): Promise<OrgContext> {
  if (!user) throw new SafeError(messages.unauthenticated, "unauthenticated");
  if (!ctx) throw new SafeError(messages.notFound, "not-found");
  try {
    requirePermission(ctx, what.permission);
  } catch (error) {
    await recordAccessDenied(ctx, { action: what.name, permission: what.permission });
    throw error;
  }
  const gate = secondFactorGate(ctx);
  if (gate !== "open") throw new SafeError(secondFactorRefusal(ctx.organizationName, gate), gate === "verify" ? "step-up" : "forbidden");
  return ctx;
}

/** A failure that may be shown as it is: invalid input (per field) or a SafeError. */
type KnownFailure = { kind: "invalid"; fieldErrors: ReturnType<typeof fieldErrorsOf> } | { kind: "safe"; error: SafeError };

/** Tells the failures a caller may show from the unexpected (undefined: log it, show a reference). */
export function knownFailure(error: unknown): KnownFailure | undefined {
  if (error instanceof z.ZodError) return { kind: "invalid", fieldErrors: fieldErrorsOf(error) };
  if (error instanceof SafeError) return { kind: "safe", error };
  return undefined;
}
