import { NextResponse } from "next/server";
import { z } from "zod";
import { requestMeta } from "@/lib/auth/request-meta";
import { getCurrentUser } from "@/lib/auth/session";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

const BODY_MAX = 16_000;

const ZClientError = z.object({
  message: z.string().max(2_000).default(""),
  digest: z.string().max(100).optional(),
  path: z.string().max(2_000).optional(),
  stack: z.string().max(8_000).optional(),
});

/**
 * An error the browser's error page caught, reported once: one log line carrying this request's
 * id, which is the reference the page shows. The id the page chose (sent as x-request-id, shown
 * when the report cannot be sent) is logged beside it as the client's. A server error's digest
 * rides along, so the reference also leads to the server's own line.
 */
export async function POST(request: Request) {
  const { requestId, clientRequestId } = await requestMeta();
  const headers = { "x-request-id": requestId, "cache-control": "no-store" };
  const text = await request.text();
  if (text.length > BODY_MAX)
    return NextResponse.json({ error: { code: "bad-request", message: "The report is too large.", requestId } }, { status: 413, headers });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const parsed = ZClientError.safeParse(body);
  if (!parsed.success)
    return NextResponse.json({ error: { code: "invalid", message: "The report is not an error report.", requestId } }, { status: 400, headers });
  const user = await getCurrentUser().catch(() => null);
  log.error("client.error", { requestId, clientRequestId, userId: user?.userId, ...parsed.data });
  return NextResponse.json({ reference: requestId }, { headers });
}
