import { NextResponse, type NextRequest } from "next/server";
import { refusalOf } from "@/lib/api/request-guard";

// Gives every request an id of the server's own that logs, error messages and audit events share.
// An X-Request-Id the client sent (a caller's correlation id, or a forgery meant to collide with
// another request's) travels on as x-client-request-id, recorded as the client's claim and never
// as the server's id. Requests the framework would fail on with a 500 are answered here with a
// 4xx (lib/api/request-guard.ts). Not the authorization boundary: that is in every page, action
// and route handler.
export async function proxy(request: NextRequest) {
  const incoming = request.headers.get("x-request-id");
  const requestId = crypto.randomUUID();
  const refusal = await refusalOf(request, request.nextUrl.pathname);
  if (refusal)
    return NextResponse.json(
      { error: { code: refusal.status === 403 ? "forbidden" : "bad-request", message: refusal.message, requestId } },
      { status: refusal.status, headers: { "x-request-id": requestId, "cache-control": "no-store" } },
    );
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  // Only this proxy sets it: a client's own x-client-request-id is dropped.
  headers.delete("x-client-request-id");
  if (incoming && /^[A-Za-z0-9._:-]{1,64}$/.test(incoming)) headers.set("x-client-request-id", incoming);
  headers.set("x-request-path", request.nextUrl.pathname);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
