import { describe, expect, it } from "vitest";
import { ZSlug } from "@/lib/validation/fields";
import { asciiSlug, slugify } from "./slug";

const SLUG_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

describe("slugify", () => {
  const PUNCTUATION = "case, spaces, punctuation";
  const ACCENTS = "accents and compatibility forms";
  const SHORT = "very short or empty names";
  it.each([
    ["Acme Security, Inc.", "acme-security-inc", PUNCTUATION],
    ["acme", "acme", PUNCTUATION],
    ["ACME", "acme", PUNCTUATION],
    ["Acme   Security", "acme-security", PUNCTUATION],
    ["  Acme Security  ", "acme-security", PUNCTUATION],
    ["Acme_Security/Team #2", "acme-security-team-2", PUNCTUATION],
    ["...Acme!!!", "acme", PUNCTUATION],
    ["R&D (EMEA)", "r-d-emea", PUNCTUATION],
    ["Team 42", "team-42", PUNCTUATION],
    ["Café Münchën", "cafe-munchen", ACCENTS],
    ["Crème brûlée & Co", "creme-brulee-co", ACCENTS],
    ["Ångström Åkesson", "angstrom-akesson", ACCENTS],
    ["Señor Niño", "senor-nino", ACCENTS],
    ["Łódź".normalize("NFD"), "lodz", ACCENTS], // Ł has no decomposition: transliterated; the combining marks are stripped
    ["Straße GmbH", "strasse-gmbh", ACCENTS],
    ["Søren & Æble", "soren-aeble", ACCENTS],
    ["ﬁnance", "finance", ACCENTS], // compatibility ligature
    ["Ｆｕｌｌｗｉｄｔｈ", "fullwidth", ACCENTS],
    ["", "org-new", SHORT],
    ["   ", "org-new", SHORT],
    ["!!!", "org-new", SHORT],
    ["--", "org-new", SHORT],
    ["東京セキュリティ", "org-new", SHORT],
    ["A", "org-a", SHORT],
    [" x ", "org-x", SHORT],
    ["a!", "org-a", SHORT],
    ["AB", "ab", SHORT],
  ])("%j → %j (%s)", (name, expected) => {
    expect(slugify(name)).toBe(expected);
  });

  it("gives the same slug for composed and decomposed accents", () => {
    expect(slugify("Café".normalize("NFC"))).toBe(slugify("Café".normalize("NFD")));
  });

  it("cuts long names to at most 40 characters, without a trailing hyphen", () => {
    const slug = slugify("The Quite Extraordinarily Long Name Of A Very Large Security Organization");
    expect(slug).toBe("the-quite-extraordinarily-long-name-of-a");
    expect(slug.length).toBeLessThanOrEqual(40);
  });

  it("drops the hyphen left when the cut falls right after a word", () => {
    // 39 letters, a space, then more: the 40th character would be "-".
    const slug = slugify(`${"a".repeat(39)} bbb`);
    expect(slug).toBe("a".repeat(39));
    expect(slug.endsWith("-")).toBe(false);
  });

  it("cuts a single very long word at exactly 40 characters", () => {
    expect(slugify("x".repeat(100))).toBe("x".repeat(40));
  });

  it.each([
    "Acme Security, Inc.",
    "",
    "A",
    "東京",
    "Straße GmbH",
    "Søren & Æble",
    "-leading and trailing-",
    "The Quite Extraordinarily Long Name Of A Very Large Security Organization",
    `${"word ".repeat(30)}`,
  ])("always produces a valid slug for %j", (name) => {
    const slug = slugify(name);
    expect(slug).toMatch(SLUG_SHAPE);
    expect(slug.length).toBeGreaterThanOrEqual(2);
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(ZSlug.safeParse(slug)).toMatchObject({ success: true, data: slug });
  });
});

describe("asciiSlug", () => {
  it("is the one rule behind organization slugs, mitigation keys and file names", () => {
    expect(asciiSlug("Straße & Søren", { max: 40 })).toBe("strasse-soren");
    expect(asciiSlug("--Rate limiting (per IP)--", { max: 48 })).toBe("rate-limiting-per-ip");
    expect(asciiSlug("...v2.1..rc-", { max: 32, dots: true })).toBe("v2.1.rc");
    expect(asciiSlug("x".repeat(30) + " y", { max: 31 })).toBe("x".repeat(30));
    expect(asciiSlug("🔐", { max: 10 })).toBe("");
  });
});
