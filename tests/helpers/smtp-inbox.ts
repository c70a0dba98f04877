// A real SMTP server in the test process: it accepts every message on a free port, parses it
// and keeps it, so tests read what ThreatDesk actually sent. Optionally it also writes each
// message as JSON into a folder, for a browser test running in another process.
import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { to: string[]; from: string; subject: string; text: string; receivedAt: string };

export type SmtpInbox = {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** The first message to `to` (matching `subject` when given) received from now on or already, waiting up to `timeoutMs`. */
  waitFor: (to: string, options?: { subject?: RegExp; timeoutMs?: number; after?: number }) => Promise<ReceivedMail>;
  /** Messages to `to` so far. */
  to: (to: string) => ReceivedMail[];
  close: () => Promise<void>;
};

export async function startSmtpInbox(options: { writeTo?: string; unref?: boolean } = {}): Promise<SmtpInbox> {
  const messages: ReceivedMail[] = [];
  if (options.writeTo) fs.mkdirSync(options.writeTo, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: ReceivedMail = {
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            receivedAt: new Date().toISOString(),
          };
          messages.push(mail);
          if (options.writeTo) fs.writeFileSync(path.join(options.writeTo, `${Date.now()}-${messages.length}.json`), JSON.stringify(mail));
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  // A server for a whole browser-test run must not keep the runner alive once it is done.
  if (options.unref) server.server.unref();
  const { port } = server.server.address() as AddressInfo;
  const to = (address: string) => messages.filter((m) => m.to.includes(address.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    to,
    async waitFor(address, { subject, timeoutMs = 10_000, after = 0 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = to(address).find((m, i) => i >= after && (!subject || subject.test(m.subject)));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no email to ${address}${subject ? ` matching ${subject}` : ""} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a message's text that starts with `prefix`. */
export function linkIn(mail: ReceivedMail, pathPrefix: string): string {
  const match = mail.text.match(new RegExp(`https?://\\S+${pathPrefix.replace(/[/]/g, "\\/")}\\S+`));
  if (!match) throw new Error(`no ${pathPrefix} link in: ${mail.text}`);
  return match[0];
}
