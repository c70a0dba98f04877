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

/** "Acme Security, Inc." → "acme-security-inc": the organization's address in URLs. */
export function slugify(name: string): string {
  const slug = asciiSlug(name, { max: 40 });
  return slug.length >= 2 ? slug : `org-${slug || "new"}`;
}
