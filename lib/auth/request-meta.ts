import "server-only";
import { headers } from "next/headers";
import { config } from "@/lib/config";
import { clientIp, parseTrustedProxies, type TrustedProxies } from "./client-ip";
import type { RequestMeta } from "./context";

export const REQUEST_ID_HEADER = "x-request-id";
/** The X-Request-Id the client sent, moved here by proxy.ts. */
export const CLIENT_REQUEST_ID_HEADER = "x-client-request-id";

let trusted: { text: string; proxies: TrustedProxies } | undefined;

/** TRUSTED_PROXIES, parsed once (again only if the setting changes, as it does in tests). */
function trustedProxies(): TrustedProxies {
  const text = config.trustedProxies();
  if (trusted?.text !== text) trusted = { text, proxies: parseTrustedProxies(text) };
  return trusted.proxies;
}

/** The request id (set by proxy.ts), client IP, user agent and client's own request id of the current request. */
export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return metaFromHeaders(h);
}

export function metaFromHeaders(h: Headers | { get(name: string): string | null }): RequestMeta {
  return {
    requestId: h.get(REQUEST_ID_HEADER) ?? "unknown",
    ip: clientIp(h, trustedProxies()),
    userAgent: h.get("user-agent")?.slice(0, 512) ?? null,
    clientRequestId: h.get(CLIENT_REQUEST_ID_HEADER)?.slice(0, 64) ?? null,
  };
}
