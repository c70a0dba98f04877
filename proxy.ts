import { NextResponse, type NextRequest } from "next/server";
import { refusalOf } from "@/lib/api/request-guard";
import { contentSecurityPolicy, createNonce, servedOverHttps, STRICT_TRANSPORT_SECURITY } from "@/lib/http/content-security-policy";

// Gives every request an id of the server's own that logs, error messages and audit events share,
// and every response its Content-Security-Policy with a nonce of its own. An X-Request-Id the
// client sent (a caller's correlation id, or a forgery meant to collide with another request's)
// travels on as x-client-request-id, recorded as the client's claim and never as the server's id.
// Requests the framework would fail on with a 500 are answered here with a 4xx
// (lib/api/request-guard.ts). Not the authorization boundary: that is in every page, action and
// route handler.
export async function proxy(request: NextRequest) {
  const incoming = request.headers.get("x-request-id");
  const requestId = crypto.randomUUID();
  const https = servedOverHttps({ protocol: request.nextUrl.protocol, publicUrl: process.env.NEXTAUTH_URL });
  const refusal = await refusalOf(request, request.nextUrl.pathname);
  if (refusal) {
    const refused = NextResponse.json(
      { error: { code: refusal.status === 403 ? "forbidden" : "bad-request", message: refusal.message, requestId } },
      { status: refusal.status, headers: { "x-request-id": requestId, "cache-control": "no-store" } },
    );
    if (https) refused.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
    return refused;
  }
  const nonce = createNonce();
  const policy = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });

  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  // Only this proxy sets it: a client's own x-client-request-id is dropped.
  headers.delete("x-client-request-id");
  if (incoming && /^[A-Za-z0-9._:-]{1,64}$/.test(incoming)) headers.set("x-client-request-id", incoming);
  headers.set("x-request-path", request.nextUrl.pathname);
  // Next reads the nonce from the policy on the request and puts it on its own scripts; x-nonce
  // is for the app's (headers().get("x-nonce")). Pages are rendered per request, so every
  // response carries a nonce nobody saw before.
  headers.set("content-security-policy", policy);
  headers.set("x-nonce", nonce);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
