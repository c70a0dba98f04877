import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { findChromium } from "./scripts/chromium";
import { startSmtpInbox } from "./tests/helpers/smtp-inbox";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;
// The machine's Chromium, or the one fetched through the npm registry (scripts/chromium.ts).
const chromium = await findChromium();
const launchOptions = { executablePath: chromium.executablePath, args: chromium.args, env: { ...process.env, ...chromium.env } as Record<string, string> };

// A real SMTP server for the run, started once by the runner (the workers, which load this file
// too, inherit its port): the app sends through it and the specs read the messages it writes.
if (!process.env.E2E_SMTP_PORT) {
  const mailDir = path.resolve(".data/e2e-mail");
  fs.rmSync(mailDir, { recursive: true, force: true });
  const inbox = await startSmtpInbox({ writeTo: mailDir, unref: true });
  process.env.E2E_SMTP_PORT = String(inbox.port);
  process.env.E2E_MAIL_DIR = mailDir;
}

export const E2E_DATABASE_PORT = Number(process.env.E2E_DATABASE_PORT ?? 54339);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  // Every screenshot also runs axe-core over the page, which takes seconds on a busy machine.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  use: { baseURL, trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 }, launchOptions } }],
  webServer: {
    // The production build (`next build` runs before this in `npm run test:e2e`), on a fresh
    // embedded PostgreSQL with the demo data.
    command: "rm -rf .data/e2e-postgres .data/e2e-postgres-secrets.json && node_modules/.bin/tsx --conditions=react-server scripts/launcher.ts start",
    url: `${baseURL}/api/health`,
    env: {
      PORT: String(PORT),
      THREATDESK_DATA_DIR: ".data/e2e-postgres",
      THREATDESK_PG_PORT: String(E2E_DATABASE_PORT),
      NEXTAUTH_URL: baseURL,
      // Every spec signs in from this one machine, many times a minute: the sign-in limits are
      // proven on instances of their own (e2e/sign-in-limits.spec.ts); the lockout stays as shipped.
      RATE_LIMIT_SIGN_IN_IP: "1000/1m",
      RATE_LIMIT_SIGN_IN_ACCOUNT: "1000/1m",
      RATE_LIMIT_SIGN_UP_IP: "1000/1m",
      RATE_LIMIT_INVITE_ACCEPTANCE_IP: "1000/1m",
      RATE_LIMIT_PASSWORD_RESET_IP: "1000/1m",
      RATE_LIMIT_MFA_CODE_IP: "1000/1m",
      RATE_LIMIT_MFA_CODE_ACCOUNT: "1000/1m",
      SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT}`,
      MAIL_FROM: "ThreatDesk <threatdesk@example.test>",
    },
    reuseExistingServer: false,
    timeout: 180_000,
    // The app's JSON request log would drown the test report; its errors still show (stderr).
    stdout: "ignore",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
