import { Prisma } from "@/lib/generated/prisma/client";

// Timestamps are stored as UTC in `timestamp(3)` columns. Raw statements pass and read them as
// UTC explicitly, so no driver or session time zone can shift them.

/** An instant as a `timestamp(3)` in UTC. */
export function utcTimestamp(at: Date): Prisma.Sql {
  return Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}
