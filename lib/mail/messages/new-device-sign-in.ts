import { oneLine, signature, type MailMessage } from "../message";

export function newDeviceSignInMessage(input: { to: string; device: string; ip: string | null; at: string; resetLink: string }): MailMessage {
  return {
    to: input.to,
    subject: "New sign-in to your ThreatDesk account",
    text:
      `Your ThreatDesk account ${input.to} was signed in to from a device it had not been used on before.\n\n` +
      `When: ${input.at}\nDevice: ${oneLine(input.device, 200)}\nIP address: ${input.ip ?? "unknown"}\n\n` +
      `If this was you, there is nothing to do.` +
      signature(`If it was not you, reset your password now; that signs out every session:\n${input.resetLink}`),
  };
}
