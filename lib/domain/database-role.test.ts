import { describe, expect, it } from "vitest";
import { APPEND_ONLY_TABLES, databaseRoleWarnings, type DatabaseRoleFacts } from "./database-role";

const APP_ROLE: DatabaseRoleFacts = {
  role: "threatdesk_app",
  superuser: false,
  createRole: false,
  ownedTables: [],
  mayCreateInSchema: false,
  rewritableAppendOnly: [],
};

describe("the application's database role", () => {
  it("keeps the audit trail append-only", () => {
    expect(APPEND_ONLY_TABLES).toContain("AuditEvent");
  });

  it("is fine when it owns nothing, creates nothing and may only add to the append-only tables", () => {
    expect(databaseRoleWarnings(APP_ROLE)).toEqual([]);
  });

  it("is named unsafe as a superuser, once, whatever else it may do", () => {
    expect(
      databaseRoleWarnings({
        ...APP_ROLE,
        role: "postgres",
        superuser: true,
        createRole: true,
        ownedTables: ["AuditEvent", "User"],
        mayCreateInSchema: true,
        rewritableAppendOnly: ["AuditEvent"],
      }),
    ).toEqual([`"postgres" is a superuser: it can switch the audit trail's triggers off (session_replication_role)`]);
  });

  it("is named unsafe when it owns the tables (the audit table among them), may create tables or roles, or may rewrite the audit table", () => {
    expect(
      databaseRoleWarnings({
        ...APP_ROLE,
        role: "threatdesk",
        ownedTables: ["AuditEvent", "Organization", "User"],
        mayCreateInSchema: true,
        rewritableAppendOnly: ["AuditEvent"],
      }),
    ).toEqual([
      `"threatdesk" owns 3 tables, AuditEvent among them: it can disable their triggers (ALTER TABLE … DISABLE TRIGGER) and alter them`,
      `"threatdesk" may create tables in the schema`,
    ]);
    expect(databaseRoleWarnings({ ...APP_ROLE, ownedTables: ["Scratch"] })).toEqual([
      `"threatdesk_app" owns 1 table: it can disable their triggers (ALTER TABLE … DISABLE TRIGGER) and alter them`,
    ]);
    expect(databaseRoleWarnings({ ...APP_ROLE, createRole: true, rewritableAppendOnly: ["AuditEvent"] })).toEqual([
      `"threatdesk_app" may create roles`,
      `"threatdesk_app" holds UPDATE, DELETE or TRUNCATE on AuditEvent: only the triggers refuse it`,
    ]);
  });
});
