// The threat library: reusable threats a team starts a model from. The built-in entries are the
// example rows of the team template's section 5 ("STRIDE Threat Analysis"); they ship with the
// code rather than as rows, so every organization has them and no migration has to seed them.
// An organization's own entries live in the ThreatLibraryEntry table (lib/data/threat-library/).
import { suggestPriority } from "./priority";
import { STRIDE_CATEGORIES, type Impact, type Likelihood, type Priority, type StrideCategory } from "./threat-model";

export type LibraryEntry = {
  id: string;
  category: StrideCategory;
  title: string;
  description: string;
  likelihood: Likelihood;
  impact: Impact;
  /** What the template's "Mitigation" column says; becomes the new threat's mitigation title. */
  mitigation: string;
  builtIn: boolean;
};

/** Built-in ids carry this prefix; database ids are cuids, which never start with it. */
export const BUILT_IN_ID_PREFIX = "builtin-";

export function isBuiltInLibraryId(id: string): boolean {
  return id.startsWith(BUILT_IN_ID_PREFIX);
}

type BuiltInRow = Omit<LibraryEntry, "id" | "description" | "builtIn"> & { slug: string };

// The template's rows as written, its L/M/H mapped to LOW/MEDIUM/HIGH. Its Priority column is
// not copied: priority is always computed from likelihood × impact (lib/domain/priority.ts), and
// the template's own "High" for "JWT algorithm confusion attack" (L × H) disagrees with the
// matrix, which gives Medium. The editor shows priority as a computed suggestion either way.
// Ids are part of the contract (a threat may remember which entry it came from): never rename.
const ROWS: BuiltInRow[] = [
  {
    slug: "spoofing-stolen-jwt",
    category: "SPOOFING",
    title: "Stolen JWT allows user impersonation",
    likelihood: "HIGH",
    impact: "HIGH",
    mitigation: "Short expiry (15min), refresh rotation, token revocation list",
  },
  {
    slug: "spoofing-api-key-theft",
    category: "SPOOFING",
    title: "API key theft allows service impersonation",
    likelihood: "MEDIUM",
    impact: "HIGH",
    mitigation: "API key hashing in storage, rate limiting per key, rotation policy",
  },
  {
    slug: "tampering-idor-modify-record",
    category: "TAMPERING",
    title: "IDOR: user modifies another user's record via /api/users/{id}",
    likelihood: "HIGH",
    impact: "HIGH",
    mitigation: "Verify ownership: request.userId === record.userId before update",
  },
  {
    slug: "tampering-sql-injection",
    category: "TAMPERING",
    title: "SQL injection via search parameter",
    likelihood: "MEDIUM",
    impact: "HIGH",
    mitigation: "Parameterized queries only (never string concatenation in SQL)",
  },
  {
    slug: "tampering-mass-assignment",
    category: "TAMPERING",
    title: "Request body tampering (mass assignment)",
    likelihood: "HIGH",
    impact: "MEDIUM",
    mitigation: "Explicit allowlist of updatable fields (never update all body fields)",
  },
  {
    slug: "repudiation-financial-transaction",
    category: "REPUDIATION",
    title: "User denies making a financial transaction",
    likelihood: "MEDIUM",
    impact: "HIGH",
    mitigation: "Immutable audit log with user ID, timestamp, action",
  },
  {
    slug: "repudiation-admin-config-change",
    category: "REPUDIATION",
    title: "Admin denies making a configuration change",
    likelihood: "LOW",
    impact: "HIGH",
    mitigation: "Admin action logging with identity proof",
  },
  {
    slug: "information-disclosure-verbose-errors",
    category: "INFORMATION_DISCLOSURE",
    title: "Verbose error reveals internal paths/DB structure",
    likelihood: "HIGH",
    impact: "MEDIUM",
    mitigation: "Sanitize error messages in production (generic 500 message)",
  },
  {
    slug: "information-disclosure-pii-in-logs",
    category: "INFORMATION_DISCLOSURE",
    title: "PII in server logs accessible to unauthorized staff",
    likelihood: "MEDIUM",
    impact: "HIGH",
    mitigation: "Remove PII from logs, restrict log access",
  },
  {
    slug: "information-disclosure-ssrf",
    category: "INFORMATION_DISCLOSURE",
    title: "SSRF allows reading internal services",
    likelihood: "LOW",
    impact: "HIGH",
    mitigation: "URL allowlist for any user-controlled URL fetching",
  },
  {
    slug: "denial-of-service-login-brute-force",
    category: "DENIAL_OF_SERVICE",
    title: "Brute force on login endpoint",
    likelihood: "HIGH",
    impact: "HIGH",
    mitigation: "Rate limit: 5 attempts/min per IP, 3 per account, lockout",
  },
  {
    slug: "denial-of-service-large-upload",
    category: "DENIAL_OF_SERVICE",
    title: "Large file upload overwhelms storage",
    likelihood: "MEDIUM",
    impact: "MEDIUM",
    mitigation: "File size limit (10MB), type validation, async processing",
  },
  {
    slug: "denial-of-service-expensive-query",
    category: "DENIAL_OF_SERVICE",
    title: "Expensive query abuse via API",
    likelihood: "MEDIUM",
    impact: "MEDIUM",
    mitigation: "Query timeout (30s), pagination required (max 100 records)",
  },
  {
    slug: "elevation-of-privilege-horizontal-idor",
    category: "ELEVATION_OF_PRIVILEGE",
    title: "Horizontal privilege escalation via IDOR",
    likelihood: "HIGH",
    impact: "HIGH",
    mitigation: "Resource ownership check on every authenticated endpoint",
  },
  {
    slug: "elevation-of-privilege-jwt-algorithm-confusion",
    category: "ELEVATION_OF_PRIVILEGE",
    title: "JWT algorithm confusion attack",
    likelihood: "LOW",
    impact: "HIGH",
    mitigation: 'Enforce algorithm in JWT verification (HS256, reject "none")',
  },
  {
    slug: "elevation-of-privilege-role-check-bypass",
    category: "ELEVATION_OF_PRIVILEGE",
    title: "Role check bypass via parameter manipulation",
    likelihood: "MEDIUM",
    impact: "HIGH",
    mitigation: "Server-side role check from auth token, never from request body",
  },
];

export const BUILT_IN_LIBRARY: LibraryEntry[] = ROWS.map(({ slug, ...row }) => ({
  id: `${BUILT_IN_ID_PREFIX}${slug}`,
  ...row,
  description: "",
  builtIn: true,
}));

export function findBuiltInEntry(id: string): LibraryEntry | undefined {
  return BUILT_IN_LIBRARY.find((e) => e.id === id);
}

/** The fields of a new threat started from a library entry. */
export function libraryEntryToThreat(entry: Pick<LibraryEntry, "category" | "title" | "description" | "likelihood" | "impact" | "mitigation">): {
  category: StrideCategory;
  title: string;
  description: string;
  likelihood: Likelihood;
  impact: Impact;
  priority: Priority;
  mitigationTitle: string;
} {
  return {
    category: entry.category,
    title: entry.title,
    description: entry.description,
    likelihood: entry.likelihood,
    impact: entry.impact,
    priority: suggestPriority(entry.likelihood, entry.impact),
    mitigationTitle: entry.mitigation,
  };
}

const CATEGORY_ORDER = new Map<StrideCategory, number>(STRIDE_CATEGORIES.map((c, i) => [c, i]));

/**
 * The order the library is read in: STRIDE order, then title (case- and accent-insensitive), a
 * built-in before an organization's entry of the same title, then id so the order is stable.
 */
export function compareLibraryEntries(
  a: Pick<LibraryEntry, "id" | "category" | "title" | "builtIn">,
  b: Pick<LibraryEntry, "id" | "category" | "title" | "builtIn">,
): number {
  return (
    CATEGORY_ORDER.get(a.category)! - CATEGORY_ORDER.get(b.category)! ||
    a.title.localeCompare(b.title, "en", { sensitivity: "base" }) ||
    Number(b.builtIn) - Number(a.builtIn) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The mitigation text of an entry saved from a threat: its mitigations' titles, once each, in order. */
export function joinMitigationTitles(titles: readonly string[]): string {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of titles) {
    const title = raw.trim();
    if (!title || seen.has(title)) continue;
    seen.add(title);
    kept.push(title);
  }
  return kept.join("; ");
}
