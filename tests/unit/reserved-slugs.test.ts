import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RESERVED_SLUGS, slugify } from "@/lib/domain/slug";
import { ZSlug } from "@/lib/validation/fields";
import { ZCreateOrganization } from "@/lib/validation/organization";

const APP = path.resolve(import.meta.dirname, "../../app");

/** The first path segment of every route the app serves itself (route groups looked into, dynamic segments skipped). */
function topLevelRoutes(dir = APP): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("[") && !entry.name.startsWith("_"))
    .flatMap((entry) => (entry.name.startsWith("(") ? topLevelRoutes(path.join(dir, entry.name)) : [entry.name]));
}

describe("reserved organization addresses", () => {
  it("include every top-level route of the app", () => {
    const routes = topLevelRoutes();
    expect(routes).toEqual(expect.arrayContaining(["login", "signup", "invite", "api", "orgs", "account"]));
    for (const route of routes) expect(RESERVED_SLUGS.has(route), `/${route} must be reserved`).toBe(true);
  });

  it.each([...RESERVED_SLUGS])("%s is refused as an address, with a message", (slug) => {
    const result = ZCreateOrganization.safeParse({ name: "Acme", slug });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/used by ThreatDesk itself/);
    expect(ZSlug.safeParse(slug.toUpperCase()).success).toBe(false);
  });

  it("an address made from a name steps around them", () => {
    expect(slugify("Login")).toBe("login-org");
    expect(slugify("API")).toBe("api-org");
    expect(slugify("Acme Security")).toBe("acme-security");
  });
});
