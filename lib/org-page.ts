import "server-only";
import { redirect } from "next/navigation";
import type { OrgContext } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";
import { requireOrgPage } from "@/lib/auth/session";

/** A page's URL query, as Next hands it over. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** What Next passes a page under /[org]: its route params and its URL query. */
export type OrgPageProps<P extends Record<string, string> = Record<never, string>> = {
  params: Promise<{ org: string } & P>;
  searchParams: Promise<SearchParams>;
};

/**
 * Opens a page inside an organization: the member's context (signed-out visitors go to sign-in,
 * others get 404) and the page's URL state. `parseQuery` never throws: a hand-edited URL with a
 * bad value shows the page with that value's default, not an error page.
 */
export async function openOrgPage<Q>(
  props: OrgPageProps,
  parseQuery: (raw: SearchParams) => Q,
  permission?: Permission,
): Promise<{ ctx: OrgContext; query: Q; base: string }> {
  const { org } = await props.params;
  const ctx = await requireOrgPage(org, permission);
  const query = parseQuery(await props.searchParams);
  return { ctx, query, base: `/${ctx.organizationSlug}` };
}

/**
 * Past the last page of a list (its last row was just deleted, narrower filters, or an old link):
 * redirects to the last page instead of showing an empty one.
 */
export function redirectPastLastPage(list: { shown: number; total: number; pageSize: number }, pageHref: (page: number) => string): void {
  if (list.shown === 0 && list.total > 0) redirect(pageHref(Math.max(1, Math.ceil(list.total / list.pageSize))));
}
