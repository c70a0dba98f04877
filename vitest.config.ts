import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // lib/data is server-only; tests are the server.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    env: { THREATDESK_LOG: "silent", AUDIT_SECRET: "test-audit-secret-not-for-production", NEXTAUTH_SECRET: "test-nextauth-secret-not-for-production" },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts", "tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/setup.ts"],
          hookTimeout: 120_000,
          testTimeout: 30_000,
          // One database for the run; tests isolate by creating their own organizations.
          fileParallelism: false,
        },
      },
    ],
  },
});
