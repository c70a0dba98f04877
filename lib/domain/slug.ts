/** "Acme Security, Inc." → "acme-security-inc": the organization's address in URLs. */
const TRANSLITERATIONS: Record<string, string> = { ß: "ss", æ: "ae", ø: "o", œ: "oe", ł: "l", đ: "d", þ: "th", ð: "d" };

export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[ßæøœłđþð]/g, (c) => TRANSLITERATIONS[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug.length >= 2 ? slug : `org-${slug || "new"}`;
}
