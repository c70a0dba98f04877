import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { config } from "@/lib/config";
import { log } from "@/lib/log";
import type { MailMessage } from "./message";

/** What became of a message: sent, not sent because no mail server is configured, or refused by it. */
export type MailOutcome = "sent" | "not-configured" | "failed";

let transport: { url: string; transporter: Transporter } | undefined;

function transporterFor(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

/** Whether this installation sends email at all (SMTP_URL is set). */
export function mailConfigured(): boolean {
  return config.smtpUrl() !== null;
}

/**
 * Sends one message through SMTP_URL. Never throws: a mail server that is down must not break
 * what the user was doing, so the failure is logged (without the message's links) and returned.
 */
export async function sendMail(message: MailMessage, kind: string): Promise<MailOutcome> {
  const url = config.smtpUrl();
  if (!url) return "not-configured";
  try {
    await transporterFor(url).sendMail({ from: config.mailFrom(), to: message.to, subject: message.subject, text: message.text });
    log.info("mail.sent", { kind });
    return "sent";
  } catch (error) {
    log.error("mail.failed", { kind, reason: error instanceof Error ? error.message : String(error) });
    return "failed";
  }
}
