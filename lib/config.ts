// Server configuration read from the environment (see .env.example). Read lazily so that
// `next build` works without any of it.
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see .env.example)`);
  return value;
}

export const config = {
  /** Keys the HMAC chain of the audit trail; changing it makes old events fail verification. */
  auditSecret: () => required("AUDIT_SECRET"),
  /** Demo mode shows the demo accounts on the sign-in page. Set by the launcher on embedded data. */
  demoMode: () => process.env.THREATDESK_DEMO === "1",
  demoPassword: () => process.env.THREATDESK_DEMO_PASSWORD ?? "threatdesk-demo-2026",
  /** Session lifetime in hours. */
  sessionHours: () => Number(process.env.SESSION_HOURS ?? 12),
  /** Outgoing mail server (smtp:// or smtps://, credentials in the URL); unset = no mail is sent. */
  smtpUrl: () => process.env.SMTP_URL || null,
  /** The sender of every email. */
  mailFrom: () => process.env.MAIL_FROM || "ThreatDesk <threatdesk@localhost>",
  /** The address links in emails point to. */
  publicUrl: () => (process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, ""),
};
