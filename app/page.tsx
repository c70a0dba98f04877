import { redirect } from "next/navigation";
import { requireUserPage } from "@/lib/auth/session";
import { listMemberships } from "@/lib/data/accounts/list-memberships";
import { getLastOrganizationId } from "@/lib/data/accounts/last-organization";

// "/" sends people where they work: their last organization, any organization, or onboarding.
export default async function Home() {
  const user = await requireUserPage();
  const memberships = await listMemberships(user);
  if (memberships.length === 0) redirect("/orgs/new");
  const lastId = await getLastOrganizationId(user);
  const target = memberships.find((m) => m.organizationId === lastId) ?? memberships[0]!;
  redirect(`/${target.slug}`);
}
