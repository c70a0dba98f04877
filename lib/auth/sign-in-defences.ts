import "server-only";
import { findSignInLock } from "@/lib/data/lockouts/find-sign-in-lock";
import { enforceRateLimit } from "@/lib/data/rate-limits/enforce-rate-limit";
import { lockedMessage } from "@/lib/domain/lockout";
import { retryAfterSeconds } from "@/lib/domain/rate-limit";
import { RateLimitedError } from "@/lib/errors";
import { log } from "@/lib/log";
import { metaFromHeaders } from "./request-meta";

type RouteHandler<C> = (request: Request, context: C) => Promise<Response>;

/** The refusals a browser can tell apart: the form shows `message`; `url` keeps next-auth's client working. */
export type SignInRefusal = { error: "RateLimited" | "AccountLocked"; message: string; url: string };

function refuse(request: Request, error: SignInRefusal["error"], message: string, seconds: number): Response {
  const url = new URL(`/login?error=${error}`, request.url).toString();
  const body: SignInRefusal = { error, message, url };
  return Response.json(body, { status: 429, headers: { "Retry-After": String(seconds), "Cache-Control": "no-store" } });
}

/**
 * Wraps next-auth's POST: a password sign-in (the credentials callback) first counts against
 * the sign-in limits, per client IP and per account, and is refused while the account is locked,
 * both as HTTP 429 with Retry-After before any password is hashed. Everything else passes through.
 */
export function withSignInDefences<C>(handler: RouteHandler<C>, now: () => Date = () => new Date()): RouteHandler<C> {
  return async (request, context) => {
    if (!new URL(request.url).pathname.endsWith("/callback/credentials")) return handler(request, context);
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const typed = form?.get("email");
    const email = typeof typed === "string" ? typed.trim().toLowerCase().slice(0, 320) : "";
    const meta = metaFromHeaders(request.headers);
    const at = now();
    try {
      await enforceRateLimit("sign-in", { ip: meta.ip, account: email || null }, meta, at);
    } catch (error) {
      if (error instanceof RateLimitedError) return refuse(request, "RateLimited", error.message, error.retryAfterSeconds);
      throw error;
    }
    const lock = email ? await findSignInLock(email, at) : null;
    if (lock) {
      log.info("auth.sign-in-locked", { requestId: meta.requestId, ip: meta.ip, email });
      return refuse(request, "AccountLocked", lockedMessage(lock.lockedUntil, at), retryAfterSeconds(lock.lockedUntil, at));
    }
    return handler(request, context);
  };
}
