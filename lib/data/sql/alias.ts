import { Prisma } from "@/lib/generated/prisma/client";

/** A table alias spliced into a fragment: a fixed identifier from the caller's code, never user input. */
export function alias(name: string): Prisma.Sql {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a SQL alias: ${name}`);
  return Prisma.raw(name);
}

/** Constants of the code as SQL literals ('A', 'B'): never user input. */
export function literals(values: readonly string[]): Prisma.Sql {
  return Prisma.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", "));
}
