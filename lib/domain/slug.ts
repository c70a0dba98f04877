// How a name becomes ASCII for an address, a key or a file name: one rule for all of them.

// Letters that have no Unicode decomposition to strip accents from, spelled as they are in ASCII.
const TRANSLITERATIONS: Record<string, string> = { ß: "ss", æ: "ae", ø: "o", œ: "oe", ł: "l", đ: "d", þ: "th", ð: "d" };

/**
 * "Crème Brûlée, Inc." → "creme-brulee-inc": lowercase ASCII letters and digits (and dots, with
 * `dots`) in runs joined by single hyphens, accents stripped, at most `max` characters, never
 * starting or ending with a separator. Empty when nothing of the text survives.
 */
export function asciiSlug(text: string, options: { max: number; dots?: boolean }): string {
  const separators = options.dots ? /[^a-z0-9.]+/g : /[^a-z0-9]+/g;
  const edges = options.dots ? /^[-.]+|[-.]+$/g : /^-+|-+$/g;
  const slug = text
    .toLowerCase()
    .replace(/[ßæøœłđþð]/g, (c) => TRANSLITERATIONS[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(separators, "-")
    .replace(/\.{2,}/g, ".")
    .replace(edges, "");
  return slug.slice(0, options.max).replace(options.dots ? /[-.]+$/g : /-+$/g, "");
}

/**
 * Addresses an organization may not have: every top-level route of the app (an organization at
 * /login would be unreachable, or would shadow the sign-in page), and names that read as the
 * app's own. tests/unit/reserved-slugs.test.ts keeps the list in step with the app/ folder.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  "account",
  "admin",
  "api",
  "auth",
  "forgot-password",
  "health",
  "invite",
  "login",
  "logout",
  "new",
  "orgs",
  "reset-password",
  "settings",
  "signin",
  "signout",
  "signup",
  "static",
  "threatdesk",
  "verify-email",
]);

export function isReservedSlug(slug: string): boolean {
  return RESERVED_SLUGS.has(slug);
}

/** "Acme Security, Inc." → "acme-security-inc": the organization's address in URLs (never a reserved one). */
export function slugify(name: string): string {
  const slug = asciiSlug(name, { max: 40 });
  if (slug.length < 2) return `org-${slug || "new"}`;
  return isReservedSlug(slug) ? `${slug}-org` : slug;
}
