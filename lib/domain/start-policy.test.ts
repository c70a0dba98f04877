import { describe, expect, it } from "vitest";
import { demoBinding, isLoopbackHost, productionStartRefusals, weakDatabaseUrlReason, weakSecretReason } from "./start-policy";

const STRONG = "q9V1mXb0r2T8Lk4ZpYc6Wn3Hs7Ju5Ed1Fa0Gi2Ko4";
const OTHER_STRONG = "Zx8Cv7Bn6Mq5Wr4Et3Yu2Io1Pa0Sd9Fg8Hj7Kl6Qw";

describe("production secrets", () => {
  it("refuses missing, short, placeholder and repetitive secrets, naming the variable but never the value", () => {
    expect(weakSecretReason("NEXTAUTH_SECRET", undefined)).toBe("NEXTAUTH_SECRET must be set when DATABASE_URL is: generate one with: openssl rand -base64 32");
    expect(weakSecretReason("AUDIT_SECRET", "hunter2")).toBe("AUDIT_SECRET is 7 characters long, shorter than 32: generate one with: openssl rand -base64 32");
    expect(weakSecretReason("AUDIT_SECRET", "test-audit-secret-not-for-production")).toMatch(/^AUDIT_SECRET is a placeholder or a published example value/);
    expect(weakSecretReason("NEXTAUTH_SECRET", "change-me-change-me-change-me-change-me")).toMatch(/placeholder/);
    expect(weakSecretReason("NEXTAUTH_SECRET", "a".repeat(40))).toMatch(/^NEXTAUTH_SECRET repeats a few characters/);
    for (const value of ["hunter2", "a".repeat(40)]) expect(weakSecretReason("X", value)).not.toContain(value);
  });

  it("accepts what openssl rand -base64 32 and -hex 32 give", () => {
    expect(weakSecretReason("NEXTAUTH_SECRET", STRONG)).toBeNull();
    expect(weakSecretReason("AUDIT_SECRET", "3f9a1c7e5b2d8f4a6c0e9b1d3f5a7c9e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a")).toBeNull();
  });

  it("refuses default and weak database passwords, postgres:postgres first of all", () => {
    expect(weakDatabaseUrlReason("DATABASE_URL", "postgresql://postgres:postgres@db:5432/threatdesk")).toBe(
      'DATABASE_URL signs in as "postgres" with a default password: give the role a generated password (openssl rand -hex 24)',
    );
    expect(weakDatabaseUrlReason("DATABASE_URL", "postgresql://threatdesk:threatdesk@db/threatdesk")).toMatch(/default password/);
    expect(weakDatabaseUrlReason("DATABASE_URL", "postgresql://threatdesk:change-me@localhost:5432/threatdesk")).toMatch(/default password/);
    expect(weakDatabaseUrlReason("MIGRATION_DATABASE_URL", "postgres://owner:Sh0rt-pw@db/threatdesk")).toBe(
      `MIGRATION_DATABASE_URL's password for "owner" is shorter than 12 characters: give the role a generated password (openssl rand -hex 24)`,
    );
    expect(weakDatabaseUrlReason("DATABASE_URL", "not a url")).toMatch(/^DATABASE_URL is not a connection string/);
    expect(weakDatabaseUrlReason("DATABASE_URL", "mysql://app:9f8e7d6c5b4a39281706@db/threatdesk")).toBe(
      "DATABASE_URL is not a postgresql:// connection string",
    );
    // Never the password itself.
    expect(weakDatabaseUrlReason("DATABASE_URL", "postgres://owner:Sh0rt-pw@db/threatdesk")).not.toContain("Sh0rt-pw");
  });

  it("accepts generated database passwords, encoded ones, and none at all (certificate or peer authentication)", () => {
    expect(weakDatabaseUrlReason("DATABASE_URL", "postgresql://threatdesk_app:9f8e7d6c5b4a39281706a5b4@db:5432/threatdesk")).toBeNull();
    expect(weakDatabaseUrlReason("DATABASE_URL", `postgresql://threatdesk_app:${encodeURIComponent("k/9+Vb=2xQ#7mZ")}@db/threatdesk`)).toBeNull();
    expect(weakDatabaseUrlReason("DATABASE_URL", "postgresql://threatdesk_app@db/threatdesk?sslmode=verify-full")).toBeNull();
    expect(weakDatabaseUrlReason("MIGRATION_DATABASE_URL", undefined)).toBeNull();
  });

  it("lists every refusal of a production start, and refuses one value for both secrets", () => {
    expect(
      productionStartRefusals({ DATABASE_URL: "postgresql://postgres:postgres@localhost/threatdesk", NEXTAUTH_SECRET: "short", AUDIT_SECRET: STRONG }),
    ).toEqual([
      "NEXTAUTH_SECRET is 5 characters long, shorter than 32: generate one with: openssl rand -base64 32",
      'DATABASE_URL signs in as "postgres" with a default password: give the role a generated password (openssl rand -hex 24)',
    ]);
    expect(productionStartRefusals({ NEXTAUTH_SECRET: STRONG, AUDIT_SECRET: STRONG })).toEqual([
      "NEXTAUTH_SECRET and AUDIT_SECRET must differ: generate one with: openssl rand -base64 32",
    ]);
    expect(
      productionStartRefusals({
        DATABASE_URL: "postgresql://threatdesk_app:9f8e7d6c5b4a39281706a5b4@db/threatdesk",
        MIGRATION_DATABASE_URL: "postgresql://threatdesk_owner:0a1b2c3d4e5f60718293a4b5@db/threatdesk",
        NEXTAUTH_SECRET: STRONG,
        AUDIT_SECRET: OTHER_STRONG,
      }),
    ).toEqual([]);
  });
});

describe("where demo mode listens", () => {
  it("on 127.0.0.1 unless HOSTNAME says otherwise, and on any loopback name it gives", () => {
    expect(demoBinding({})).toEqual({ host: "127.0.0.1", warning: null });
    expect(demoBinding({ HOSTNAME: " " })).toEqual({ host: "127.0.0.1", warning: null });
    for (const host of ["localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]"]) expect(demoBinding({ HOSTNAME: host })).toEqual({ host, warning: null });
  });

  it("refuses any other address unless THREATDESK_DEMO=1 was set explicitly, and then warns", () => {
    for (const host of ["0.0.0.0", "::", "192.0.2.10", "threatdesk.example.com"]) {
      const refused = demoBinding({ HOSTNAME: host });
      expect(refused).toEqual({ refusal: expect.stringContaining(`demo mode listens on 127.0.0.1 only, and HOSTNAME=${host} asks for another address`) });
      expect(demoBinding({ HOSTNAME: host, THREATDESK_DEMO: "true" })).toEqual(refused);
      expect(demoBinding({ HOSTNAME: host, THREATDESK_DEMO: "1" })).toEqual({
        host,
        warning: `demo mode listens on ${host} (HOSTNAME, THREATDESK_DEMO=1): anyone who reaches it can sign in with the demo password`,
      });
    }
  });

  it("knows the loopback addresses", () => {
    expect(["localhost", "LOCALHOST", "127.0.0.1", "127.255.0.1", "::1", "[::1]", "::ffff:127.0.0.1"].filter(isLoopbackHost)).toHaveLength(7);
    expect(["0.0.0.0", "::", "128.0.0.1", "localhost.example.com", "10.0.0.1", "::2"].filter(isLoopbackHost)).toEqual([]);
  });
});
