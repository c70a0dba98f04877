import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { checkDatabase } from "@/lib/data/health";

describe("checkDatabase", () => {
  it("is true against the migrated test database", async () => {
    await expect(checkDatabase()).resolves.toBe(true);
    // …and that database is the migrated one, not just any reachable server.
    const rows = await db().$queryRaw<{ name: string }[]>`SELECT tgname::text AS name FROM pg_trigger WHERE tgname = 'audit_event_no_update_or_delete'`;
    expect(rows.map((r) => r.name)).toEqual(["audit_event_no_update_or_delete"]);
  });
});
