import path from "node:path";
import { defineConfig } from "prisma/config";
import { createMigrateAdapterFactory } from "./scripts/prisma-migrate-adapter";

// prisma.config.ts turns off Prisma's own .env loading; load it here (Node >= 20.12).
try {
  process.loadEnvFile();
} catch {
  // no .env file: the environment is enough
}

// With no DATABASE_URL, `prisma generate` falls back to downloading a native engine, which
// cannot work offline. Any syntactically valid value keeps it on the JavaScript engine.
const PLACEHOLDER_URL = "postgresql://placeholder@127.0.0.1:1/placeholder";
process.env.DATABASE_URL ||= PLACEHOLDER_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx --conditions=react-server prisma/seed.ts" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url || url === PLACEHOLDER_URL) throw new Error("DATABASE_URL is not set");
    return createMigrateAdapterFactory(url);
  },
});
