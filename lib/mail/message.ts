// What every email builder returns: plain text only, so nothing a user typed can become markup
// in someone's mail client.
export type MailMessage = { to: string; subject: string; text: string };

/** A name or title as it may appear in a subject or a line: one line, bounded. */
export function oneLine(value: string, max = 120): string {
  const flat = value.replace(/[\r\n\t\u2028\u2029]+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The closing every message shares: who sent it and what to do when it was not expected. */
export function signature(unexpected: string): string {
  return `\n\n${unexpected}\n\n— ThreatDesk`;
}
