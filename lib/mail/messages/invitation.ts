import { oneLine, signature, type MailMessage } from "../message";

export function invitationMessage(input: {
  to: string;
  organizationName: string;
  invitedBy: string;
  roleLabel: string;
  link: string;
  expiresOn: string;
}): MailMessage {
  const organization = oneLine(input.organizationName);
  return {
    to: input.to,
    subject: `${oneLine(input.invitedBy, 60)} invited you to ${organization} on ThreatDesk`,
    text:
      `${oneLine(input.invitedBy)} invited you to join ${organization} on ThreatDesk as ${input.roleLabel}.\n\n` +
      `Accept the invitation:\n${input.link}\n\n` +
      `The link works once and expires on ${input.expiresOn}. Accepting it also confirms that this address is yours.` +
      signature("If you did not expect this invitation, ignore this email: nothing happens unless the link is used."),
  };
}
