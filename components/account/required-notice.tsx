import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";

/**
 * What a member sent here by an organization that requires two-step sign-in reads first: why,
 * and, once they have a factor, the way back in.
 */
export function RequiredNotice({ organizationName, slug, enrolled }: { organizationName: string; slug: string; enrolled: boolean }) {
  return (
    <Alert tone={enrolled ? "success" : "warning"} title={`${organizationName} requires two-step sign-in.`}>
      {enrolled ? (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p>Your account now has a second factor, so {organizationName} is open to you.</p>
          <ButtonLink href={`/${slug}`} size="sm">
            Continue to {organizationName}
          </ButtonLink>
        </div>
      ) : (
        <p>
          Add an authenticator app or a passkey to continue.{" "}
          <a href="#two-step" className="font-medium underline">
            Go to Two-step sign-in
          </a>
        </p>
      )}
    </Alert>
  );
}
