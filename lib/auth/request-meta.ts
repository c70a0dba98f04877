import "server-only";
import { headers } from "next/headers";
import type { RequestMeta } from "./context";
import { normalizeIp } from "./ip-address";

export const REQUEST_ID_HEADER = "x-request-id";

/** The request id (set by proxy.ts), client IP and user agent of the current request. */
export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return metaFromHeaders(h);
}

export function metaFromHeaders(h: Headers | { get(name: string): string | null }): RequestMeta {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    requestId: h.get(REQUEST_ID_HEADER) ?? "unknown",
    ip: normalizeIp(forwarded || h.get("x-real-ip")),
    userAgent: h.get("user-agent")?.slice(0, 512) ?? null,
  };
}
