// The Content-Security-Policy every page is served with, and the other transport headers decided
// per request. Pure: proxy.ts calls these with what it knows of the request.

/** Where browsers send violation reports (app/api/csp-report/route.ts). */
export const CSP_REPORT_PATH = "/api/csp-report";

/** HSTS for two years, subdomains included (the value hstspreload.org asks for, without `preload`). */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** A fresh nonce: 128 random bits, base64 (the form CSP's `'nonce-…'` source takes). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const NONCE_SHAPE = /^[A-Za-z0-9+/]{16,}={0,2}$/;

export function contentSecurityPolicy({ nonce, dev = false, https = false }: { nonce: string; dev?: boolean; https?: boolean }): string {
  // A nonce is pasted into the header: one that could carry a quote or a semicolon would let it
  // add sources of its own. createNonce never makes one; refuse rather than trust a caller.
  if (!NONCE_SHAPE.test(nonce)) throw new Error("A CSP nonce must be base64 of at least 12 bytes.");
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // Only scripts carrying this response's nonce run, and what they load ('strict-dynamic':
    // Next's chunks are loaded by its nonced runtime). 'self' is a fallback for browsers that do
    // not know 'strict-dynamic'; those that do ignore 'self' here. Next's development server
    // evaluates code (React's server error stacks, fast refresh); production never does.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // Styles may be inline: React renders `style={…}` props as style attributes (widths of bars
    // and columns, positions Radix computes for menus and dialogs), which a nonce cannot cover —
    // nonces apply to <style> elements only. An injected style can restyle a page but runs no
    // code, and img-src and font-src keep it from fetching anything from another origin.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(https ? ([["upgrade-insecure-requests"]] as [string][]) : []),
    // report-uri, not report-to: every browser sends a report-uri report as the violation
    // happens. Given report-to as well, Chromium ignores report-uri and queues the report for the
    // Reporting API, which sends batches later (headless Chromium had sent nothing 70 seconds
    // on). app/api/csp-report reads both formats.
    ["report-uri", CSP_REPORT_PATH],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/**
 * Whether the request reached the app over https: its own URL says so, or the public URL does
 * (a TLS-terminating proxy in front forwards plain http). HSTS and upgrade-insecure-requests
 * are sent only then; on plain http (development, the browser tests) they would pin or break
 * localhost.
 */
export function servedOverHttps({ protocol, publicUrl }: { protocol: string; publicUrl?: string | undefined }): boolean {
  return protocol === "https:" || (publicUrl ?? "").startsWith("https://");
}
