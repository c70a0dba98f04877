import { signature, type MailMessage } from "../message";

/** To the owner of an address someone tried to sign up with again: the sign-up page answered as for a new one. */
export function signUpAttemptMessage(input: { to: string; signInLink: string; resetLink: string }): MailMessage {
  return {
    to: input.to,
    subject: "Someone tried to create a ThreatDesk account with your address",
    text:
      `Someone tried to create a new ThreatDesk account with ${input.to}, which already has one. No account was created and nothing changed.\n\n` +
      `If it was you, sign in instead:\n${input.signInLink}\n\nForgot your password? Choose a new one:\n${input.resetLink}` +
      signature("If it was not you, you need not do anything: your account is as it was."),
  };
}
