import Link from "next/link";
import { Alert } from "@/components/ui/alert";

/** After sign-up with email configured: the same words whether or not the address had an account. */
export function CheckInbox({ email }: { email: string }) {
  return (
    <div className="space-y-4" data-testid="check-inbox">
      <Alert tone="success" title="Check your inbox">
        <p>
          We sent a message to <strong>{email}</strong>. Open the link in it to confirm your address; it works for 24 hours.
        </p>
      </Alert>
      <p className="text-sm text-slate-600">
        You can{" "}
        <Link href={`/login?email=${encodeURIComponent(email)}`} className="font-medium text-brand-700 hover:underline">
          sign in
        </Link>{" "}
        with your new password now. Until the address is confirmed you can use ThreatDesk, but nobody can make you a security lead or tech lead.
      </p>
    </div>
  );
}
