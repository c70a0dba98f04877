import { describe, expect, it } from "vitest";
import { TEMPLATE_THREATS_PER_CATEGORY } from "@/tests/helpers/seeds";
import { suggestPriority } from "./priority";
import {
  BUILT_IN_LIBRARY,
  compareLibraryEntries,
  findBuiltInEntry,
  isBuiltInLibraryId,
  joinMitigationTitles,
  libraryEntryToThreat,
  type LibraryEntry,
} from "./threat-library";
import { IMPACTS, LIKELIHOODS, STRIDE_CATEGORIES, type Impact, type Likelihood, type Priority, type StrideCategory } from "./threat-model";

// The example rows of section 5 of the team template (shared/seeds/003_…), written out by hand
// so a drift in either direction fails here: title, L, I, the template's Priority column, mitigation.
// prettier-ignore
const TEMPLATE_ROWS: [StrideCategory, string, Likelihood, Impact, Priority, string][] = [
  ["SPOOFING", "Stolen JWT allows user impersonation", "HIGH", "HIGH", "CRITICAL", "Short expiry (15min), refresh rotation, token revocation list"],
  ["SPOOFING", "API key theft allows service impersonation", "MEDIUM", "HIGH", "HIGH", "API key hashing in storage, rate limiting per key, rotation policy"],
  ["TAMPERING", "IDOR: user modifies another user's record via /api/users/{id}", "HIGH", "HIGH", "CRITICAL", "Verify ownership: request.userId === record.userId before update"],
  ["TAMPERING", "SQL injection via search parameter", "MEDIUM", "HIGH", "HIGH", "Parameterized queries only (never string concatenation in SQL)"],
  ["TAMPERING", "Request body tampering (mass assignment)", "HIGH", "MEDIUM", "HIGH", "Explicit allowlist of updatable fields (never update all body fields)"],
  ["REPUDIATION", "User denies making a financial transaction", "MEDIUM", "HIGH", "HIGH", "Immutable audit log with user ID, timestamp, action"],
  ["REPUDIATION", "Admin denies making a configuration change", "LOW", "HIGH", "MEDIUM", "Admin action logging with identity proof"],
  ["INFORMATION_DISCLOSURE", "Verbose error reveals internal paths/DB structure", "HIGH", "MEDIUM", "HIGH", "Sanitize error messages in production (generic 500 message)"],
  ["INFORMATION_DISCLOSURE", "PII in server logs accessible to unauthorized staff", "MEDIUM", "HIGH", "HIGH", "Remove PII from logs, restrict log access"],
  ["INFORMATION_DISCLOSURE", "SSRF allows reading internal services", "LOW", "HIGH", "MEDIUM", "URL allowlist for any user-controlled URL fetching"],
  ["DENIAL_OF_SERVICE", "Brute force on login endpoint", "HIGH", "HIGH", "CRITICAL", "Rate limit: 5 attempts/min per IP, 3 per account, lockout"],
  ["DENIAL_OF_SERVICE", "Large file upload overwhelms storage", "MEDIUM", "MEDIUM", "MEDIUM", "File size limit (10MB), type validation, async processing"],
  ["DENIAL_OF_SERVICE", "Expensive query abuse via API", "MEDIUM", "MEDIUM", "MEDIUM", "Query timeout (30s), pagination required (max 100 records)"],
  ["ELEVATION_OF_PRIVILEGE", "Horizontal privilege escalation via IDOR", "HIGH", "HIGH", "CRITICAL", "Resource ownership check on every authenticated endpoint"],
  ["ELEVATION_OF_PRIVILEGE", "JWT algorithm confusion attack", "LOW", "HIGH", "HIGH", 'Enforce algorithm in JWT verification (HS256, reject "none")'],
  ["ELEVATION_OF_PRIVILEGE", "Role check bypass via parameter manipulation", "MEDIUM", "HIGH", "HIGH", "Server-side role check from auth token, never from request body"],
];

describe("BUILT_IN_LIBRARY", () => {
  it("holds exactly the 16 example rows of the template", () => {
    expect(BUILT_IN_LIBRARY).toHaveLength(16);
    expect(BUILT_IN_LIBRARY.map((e) => e.title)).toEqual(TEMPLATE_ROWS.map((r) => r[1]));
  });

  it("has the template's count per STRIDE category", () => {
    const counts = Object.fromEntries(STRIDE_CATEGORIES.map((c) => [c, BUILT_IN_LIBRARY.filter((e) => e.category === c).length]));
    expect(counts).toEqual(TEMPLATE_THREATS_PER_CATEGORY);
  });

  it.each(TEMPLATE_ROWS)("%s: %s has the template's category, L, I and mitigation", (category, title, likelihood, impact, _priority, mitigation) => {
    const entry = BUILT_IN_LIBRARY.find((e) => e.title === title);
    expect(entry).toMatchObject({ category, title, likelihood, impact, mitigation, description: "", builtIn: true });
  });

  it("gives every entry a likelihood, an impact and a mitigation", () => {
    for (const e of BUILT_IN_LIBRARY) {
      expect(LIKELIHOODS).toContain(e.likelihood);
      expect(IMPACTS).toContain(e.impact);
      expect(e.mitigation.trim().length, e.id).toBeGreaterThan(0);
    }
  });

  it("has unique, stable built-in ids", () => {
    const ids = BUILT_IN_LIBRARY.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^builtin-[a-z0-9]+(?:-[a-z0-9]+)*$/);
      // Ids must pass ZId (≤ 64 characters) to reach the data layer's built-in refusal.
      expect(id.length).toBeLessThanOrEqual(64);
      expect(isBuiltInLibraryId(id)).toBe(true);
    }
    expect(findBuiltInEntry("builtin-spoofing-stolen-jwt")?.title).toBe("Stolen JWT allows user impersonation");
    expect(findBuiltInEntry("builtin-elevation-of-privilege-jwt-algorithm-confusion")?.title).toBe("JWT algorithm confusion attack");
  });

  it("lists entries in STRIDE order", () => {
    const order = BUILT_IN_LIBRARY.map((e) => STRIDE_CATEGORIES.indexOf(e.category));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("computes the template's priority for every row but one, where the matrix wins", () => {
    const disagreements = TEMPLATE_ROWS.filter(([, , l, i, p]) => suggestPriority(l, i) !== p).map((r) => r[1]);
    // The template says High for L × H; the matrix (and so the library) says Medium.
    expect(disagreements).toEqual(["JWT algorithm confusion attack"]);
    expect(libraryEntryToThreat(findBuiltInEntry("builtin-elevation-of-privilege-jwt-algorithm-confusion")!).priority).toBe("MEDIUM");
  });
});

describe("isBuiltInLibraryId", () => {
  it("tells built-in ids from database ids", () => {
    expect(isBuiltInLibraryId("builtin-anything")).toBe(true);
    expect(isBuiltInLibraryId("cmabc123def456")).toBe(false);
    expect(isBuiltInLibraryId("xbuiltin-spoofing")).toBe(false);
  });
});

describe("libraryEntryToThreat", () => {
  it("returns the fields of a new threat with the computed priority and the mitigation as its title", () => {
    expect(libraryEntryToThreat(findBuiltInEntry("builtin-spoofing-stolen-jwt")!)).toEqual({
      category: "SPOOFING",
      title: "Stolen JWT allows user impersonation",
      description: "",
      likelihood: "HIGH",
      impact: "HIGH",
      priority: "CRITICAL",
      mitigationTitle: "Short expiry (15min), refresh rotation, token revocation list",
    });
  });

  it("works for an organization's own entry too", () => {
    const own: LibraryEntry = {
      id: "cm123",
      category: "TAMPERING",
      title: "Webhook replay",
      description: "Signed but not time-bound",
      likelihood: "LOW",
      impact: "CRITICAL",
      mitigation: "Timestamp in the signature",
      builtIn: false,
    };
    expect(libraryEntryToThreat(own)).toMatchObject({
      description: "Signed but not time-bound",
      priority: "HIGH",
      mitigationTitle: "Timestamp in the signature",
    });
  });
});

describe("compareLibraryEntries", () => {
  const entry = (id: string, category: StrideCategory, title: string, builtIn = false) => ({ id, category, title, builtIn });

  it("sorts by STRIDE category, then title ignoring case, built-in first on a tie, then id", () => {
    const sorted = [
      entry("c3", "ELEVATION_OF_PRIVILEGE", "a"),
      entry("c2", "SPOOFING", "zebra"),
      entry("c1", "SPOOFING", "Apple"),
      entry("c0", "SPOOFING", "apple"),
      entry("builtin-x", "SPOOFING", "apple", true),
      entry("c4", "TAMPERING", "b"),
    ].sort(compareLibraryEntries);
    expect(sorted.map((e) => e.id)).toEqual(["builtin-x", "c0", "c1", "c2", "c4", "c3"]);
  });
});

describe("joinMitigationTitles", () => {
  it("joins with a semicolon, skipping blanks and repeats", () => {
    expect(joinMitigationTitles(["Rate limiting", " Key rotation ", "", "Rate limiting"])).toBe("Rate limiting; Key rotation");
    expect(joinMitigationTitles([])).toBe("");
  });
});
