import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

// Created on first use, not at import: `next build` imports pages without a database.
const globalForPrisma = globalThis as unknown as { threatdeskPrisma?: PrismaClient };

export function db(): PrismaClient {
  if (!globalForPrisma.threatdeskPrisma) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set");
    const adapter = new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    globalForPrisma.threatdeskPrisma = new PrismaClient({ adapter });
  }
  return globalForPrisma.threatdeskPrisma;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
