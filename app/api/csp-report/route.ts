import { requestMeta } from "@/lib/auth/request-meta";
import { enforceRateLimit } from "@/lib/data/rate-limits/enforce-rate-limit";
import { RateLimitedError } from "@/lib/errors";
import { readBoundedBytes } from "@/lib/api/json-body";
import { CSP_REPORT_MAX_BYTES, parseCspReport } from "@/lib/http/csp-report";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

/**
 * Content-Security-Policy violation reports (the policy's report-uri and report-to, proxy.ts):
 * one `csp.violation` warning per violation, URLs without queries or tokens. Signed-out pages
 * report too, so no session is asked for; a browser ignores the answer, so a report that is not
 * one gets a 4xx and a line of its own, never a 500. Counted per address against the
 * "csp-report" limit, so a flood of reports is refused (429) rather than logged.
 */
export async function POST(request: Request) {
  const meta = await requestMeta();
  const { requestId, userAgent } = meta;
  const headers = { "x-request-id": requestId, "cache-control": "no-store" };
  try {
    await enforceRateLimit("csp-report", { ip: meta.ip }, meta);
  } catch (error) {
    if (error instanceof RateLimitedError) return new Response(null, { status: 429, headers: { ...headers, "retry-after": String(error.retryAfterSeconds) } });
    throw error;
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  let body: string | null;
  try {
    const bytes = declared > CSP_REPORT_MAX_BYTES ? null : await readBoundedBytes(request.body, CSP_REPORT_MAX_BYTES);
    body = bytes && new TextDecoder().decode(bytes);
  } catch {
    log.warn("csp.report-refused", { requestId, reason: "unreadable" });
    return new Response(null, { status: 400, headers });
  }
  if (body === null) {
    log.warn("csp.report-refused", { requestId, reason: "too-large" });
    return new Response(null, { status: 413, headers });
  }
  const parsed = parseCspReport(request.headers.get("content-type"), body);
  if (!parsed.ok) {
    log.warn("csp.report-refused", { requestId, reason: parsed.reason });
    return new Response(null, { status: parsed.reason === "content-type" ? 415 : 400, headers });
  }
  for (const violation of parsed.violations) log.warn("csp.violation", { requestId, userAgent, ...violation });
  if (parsed.dropped > 0) log.warn("csp.report-truncated", { requestId, dropped: parsed.dropped });
  return new Response(null, { status: 204, headers });
}
