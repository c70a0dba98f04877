// The grant step gives the application's role exactly what it needs; README.md lists the same
// statements for operators who run them by hand.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { APP_ROLE, appRoleGrants } from "@/scripts/db-roles";

describe("the application role's grants", () => {
  it("take UPDATE and DELETE back on the append-only tables and everything on the migrations' own table", () => {
    expect(appRoleGrants("threatdesk", APP_ROLE)).toEqual([
      `GRANT CONNECT ON DATABASE "threatdesk" TO "threatdesk_app"`,
      `GRANT USAGE ON SCHEMA public TO "threatdesk_app"`,
      `REVOKE CREATE ON SCHEMA public FROM PUBLIC, "threatdesk_app"`,
      `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "threatdesk_app"`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "threatdesk_app"`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "threatdesk_app"`,
      `REVOKE ALL ON TABLE "_prisma_migrations" FROM "threatdesk_app"`,
      `REVOKE UPDATE, DELETE ON TABLE "AuditEvent" FROM "threatdesk_app"`,
      `REVOKE UPDATE, DELETE ON TABLE "AuditCheckpoint" FROM "threatdesk_app"`,
    ]);
    expect(appRoleGrants('odd"name', 'app"role')[0]).toBe(`GRANT CONNECT ON DATABASE "odd""name" TO "app""role"`);
  });

  it("are the ones README.md gives operators, in order", () => {
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
    const block = /```sql\n-- The application's grants[^\n]*\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, "README.md has the application's grants in a sql block").toBeDefined();
    const statements = block!
      .split("\n")
      .filter((line) => line.trim() && !line.startsWith("--"))
      .map((line) => line.replace(/;$/, ""));
    expect(statements).toEqual(appRoleGrants("threatdesk", APP_ROLE));
  });
});
