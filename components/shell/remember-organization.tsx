"use client";
import { useEffect } from "react";
import { rememberOrganizationAction } from "@/lib/actions/account";

/**
 * Records the organization the user is looking at, so "/" brings them back to it. Done from the
 * browser after the page shows, never while rendering: prefetches render layouts too.
 */
export function RememberOrganization({ slug }: { slug: string }) {
  useEffect(() => {
    void rememberOrganizationAction({ slug }).catch(() => undefined);
  }, [slug]);
  return null;
}
