import { ResendVerification } from "@/components/account/resend-verification";

/** Shown on every page of an organization while the user's address is unconfirmed. */
export function VerifyEmailBanner({ email }: { email: string }) {
  return (
    <div
      role="region"
      aria-label="Confirm your email address"
      className="no-print border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900 sm:px-6 lg:px-8"
      data-testid="verify-email-banner"
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2">
        <p>
          <strong>Confirm your email address.</strong> We sent a link to {email}. Until you open it you cannot be made a security lead or tech lead.
        </p>
        <ResendVerification />
      </div>
    </div>
  );
}
