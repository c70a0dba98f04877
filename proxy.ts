import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce, servedOverHttps, STRICT_TRANSPORT_SECURITY } from "@/lib/http/content-security-policy";

// Gives every request an id that logs, error messages and audit events share, and every response
// its Content-Security-Policy with a nonce of its own. Not an authorization boundary:
// authorization happens in every page, action and route handler.
export function proxy(request: NextRequest) {
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && /^[A-Za-z0-9-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
  const https = servedOverHttps({ protocol: request.nextUrl.protocol, publicUrl: process.env.NEXTAUTH_URL });
  const nonce = createNonce();
  const policy = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });

  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
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
