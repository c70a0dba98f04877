import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", "node_modules/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
    },
  },
  {
    // Only lib/data talks to the database.
    files: ["app/**", "components/**", "lib/auth/**", "lib/domain/**", "lib/actions/**", "lib/validation/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/generated/prisma/client", "@/lib/db/*"], message: "Use lib/data: it is the only layer that touches Prisma." }] },
      ],
    },
  },
  {
    // Browser tests take `test` from e2e/helpers.ts, whose fixture fails a test on any
    // Content-Security-Policy violation.
    files: ["e2e/**"],
    ignores: ["e2e/helpers.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@playwright/test", importNames: ["test"], message: "Import test from ./helpers: it fails a test on any CSP violation." }] },
      ],
    },
  },
];

export default config;
