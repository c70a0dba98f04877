import { isSameOrigin, jsonDepth, JSON_MAX_DEPTH } from "./json-body";

// What the framework itself would answer with a 500 before any of the app's code runs: an address
// whose percent-encoding does not decode, a server action posted from another site (Next.js
// throws "Invalid Server Actions request"), and an action's arguments nested so deep that
// decoding them overflows the stack. proxy.ts asks here first and answers these with a 4xx.

/** The header Next.js sends with every server action call. */
const ACTION_HEADER = "next-action";

/** Whether every segment of the path decodes (`%E0%A4%A` does not). */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export type RequestRefusal = { status: 400 | 403; message: string };

/** Why the request is refused before it reaches a page, an action or a route, or null. */
export async function refusalOf(request: Request, pathname: string): Promise<RequestRefusal | null> {
  if (!isDecodablePath(pathname)) return { status: 400, message: "The address is not valid: it holds a percent-encoding that does not decode." };
  if (request.method !== "POST" || !request.headers.has(ACTION_HEADER)) return null;
  if (!isSameOrigin(request)) return { status: 403, message: "This request came from another site, so it was refused." };
  // A call without files is sent as text; one with files as multipart, whose parts the action's
  // own schema bounds.
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType === "text/plain" && jsonDepth(await request.clone().text(), JSON_MAX_DEPTH) > JSON_MAX_DEPTH)
    return { status: 400, message: `The request body is nested more than ${JSON_MAX_DEPTH} levels deep.` };
  return null;
}
