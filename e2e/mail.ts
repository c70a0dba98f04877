// Reads what the app emailed during the run: the SMTP server the Playwright config starts writes
// each message it receives as JSON into E2E_MAIL_DIR.
import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import type { ReceivedMail } from "../tests/helpers/smtp-inbox";

function mails(): ReceivedMail[] {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir || !fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as ReceivedMail);
}

/** The latest message to `to` whose subject matches, waiting for it to arrive. */
export async function waitForMail(to: string, subject: RegExp): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(
      () => {
        found = mails()
          .filter((m) => m.to.includes(to.toLowerCase()) && subject.test(m.subject))
          .at(-1);
        return Boolean(found);
      },
      { message: `an email to ${to} matching ${subject}`, timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

/** The path (and token) of the first link in the message that goes to `pathPrefix`. */
export function linkPath(mail: ReceivedMail, pathPrefix: string): string {
  const match = mail.text.match(new RegExp(`https?://[^/\\s]+(${pathPrefix}\\S+)`));
  if (!match) throw new Error(`no ${pathPrefix} link in: ${mail.text}`);
  return match[1]!;
}
