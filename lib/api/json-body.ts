import "server-only";
import { config } from "@/lib/config";
import { SafeError } from "@/lib/errors";

// How every state-changing route handler reads its request: from this site only, as JSON only,
// within a size and a nesting depth. A browser sends a cross-origin form (text/plain,
// urlencoded, multipart) without asking first, with the user's cookies if the other site is a
// sibling on the same site; only a same-origin page can send application/json, so both checks
// together keep another site from acting as the signed-in user.

/** The largest JSON body a route handler reads, unless it names its own. */
export const JSON_BODY_MAX_BYTES = 1_000_000;
/** No request of the app nests deeper; deeper JSON is refused before it is parsed. */
export const JSON_MAX_DEPTH = 64;

/**
 * Whether the request comes from a page of this site, or from no browser at all (an API client
 * sends neither Origin nor Sec-Fetch-Site). "Same site" is not enough: a sibling subdomain is
 * another origin on the same site.
 */
export function isSameOrigin(request: Request): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    // "null" (a sandboxed frame, a file, a redirect across sites) and anything unreadable.
    return false;
  }
  const ownHosts = [request.headers.get("x-forwarded-host"), request.headers.get("host"), new URL(config.publicUrl()).host];
  return ownHosts.some((own) => own !== null && own.toLowerCase() === host.toLowerCase());
}

/** Refuses a request another site's page sent. */
export function refuseCrossOrigin(request: Request): void {
  if (!isSameOrigin(request)) throw new SafeError("This request came from another site, so it was refused.", "forbidden");
}

/** The deepest nesting of arrays and objects in a JSON text, counted without parsing it (so any depth can be measured). */
export function jsonDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * The body's bytes, or null when it holds more than `maxBytes`: read in chunks and abandoned at
 * the limit, so a large body costs no more than the limit.
 */
export async function readBoundedBytes(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array | null> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new SafeError(`The request body is larger than ${maxBytes.toLocaleString("en")} bytes.`, "too-large");
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const bytes = await readBoundedBytes(request.body, maxBytes);
  if (bytes === null) throw tooLarge();
  return bytes;
}

/**
 * The request's JSON body, or a SafeError with a message: another site's request (403), a body
 * that is not application/json (415), larger than `maxBytes` (413), not UTF-8, not JSON or
 * nested deeper than JSON_MAX_DEPTH (400). Never a 500.
 */
export async function readJsonBody(request: Request, { maxBytes = JSON_BODY_MAX_BYTES }: { maxBytes?: number } = {}): Promise<unknown> {
  refuseCrossOrigin(request);
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/json") throw new SafeError("Send the request body as JSON, with Content-Type: application/json.", "unsupported-media-type");
  const bytes = await readLimited(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new SafeError("The request body is not valid UTF-8 text.", "bad-request");
  }
  if (jsonDepth(text, JSON_MAX_DEPTH) > JSON_MAX_DEPTH)
    throw new SafeError(`The request body is nested more than ${JSON_MAX_DEPTH} levels deep.`, "bad-request");
  try {
    return JSON.parse(text);
  } catch {
    throw new SafeError("The request body is not valid JSON.", "bad-request");
  }
}

/** A handler that reads its own body (next-auth's forms) but answers only requests from this site: another's get a 403. */
export function sameOriginOnly<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    if (!isSameOrigin(request))
      return Response.json({ error: { code: "forbidden", message: "This request came from another site, so it was refused." } }, { status: 403 });
    return handler(request, context);
  };
}
