import type { Metadata } from "next";
import { AddLibraryEntry } from "@/components/threat-library/add-library-entry";
import { LibraryFilter } from "@/components/threat-library/library-filter";
import { LibraryEntryView } from "@/components/threat-library/library-entry-view";
import { ManagedLibraryEntry } from "@/components/threat-library/managed-library-entry";
import { RetireUndoProvider } from "@/components/threat-library/retire-undo";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader, EmptyState, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { type LibraryListEntry } from "@/lib/data/threat-library/library-entry";
import { listLibrary } from "@/lib/data/threat-library/list-library";
import { STRIDE_CATEGORIES, STRIDE_LABELS, type StrideCategory } from "@/lib/domain/threat-model";
import { openOrgPage, type OrgPageProps, type SearchParams } from "@/lib/org-page";
import { ZLibraryFilter } from "@/lib/validation/threat-library";

export const metadata: Metadata = { title: "Threat library" };

function parseLibraryFilter(raw: SearchParams) {
  const parsed = ZLibraryFilter.safeParse({ category: raw.category || undefined, includeRetired: raw.retired === "1" });
  return parsed.success ? parsed.data : ZLibraryFilter.parse({});
}

export default async function LibraryPage(props: OrgPageProps) {
  // A hand-edited URL with a bad filter shows the whole library.
  const { ctx, query: filter, base } = await openOrgPage(props, parseLibraryFilter);
  const manage = can(ctx.role, "library.manage");
  // Retired entries only matter to whoever can restore them.
  const includeRetired = manage && filter.includeRetired;
  const entries = await listLibrary(ctx, { category: filter.category, includeRetired });

  const slug = ctx.organizationSlug;
  const basePath = `${base}/library`;
  const categories: readonly StrideCategory[] = filter.category ? [filter.category] : STRIDE_CATEGORIES;
  const byCategory = new Map<StrideCategory, LibraryListEntry[]>(categories.map((c) => [c, []]));
  for (const e of entries) byCategory.get(e.category)?.push(e);
  const builtInCount = entries.filter((e) => e.builtIn).length;
  const ownCount = entries.length - builtInCount;
  const retiredCount = entries.filter((e) => e.retiredAt).length;

  const list = (
    <div className="space-y-6">
      {categories.map((category) => {
        const label = STRIDE_LABELS[category];
        const rows = byCategory.get(category) ?? [];
        const headingId = `library-${category.toLowerCase()}`;
        return (
          <Card key={category}>
            <CardHeader
              id={headingId}
              title={`${label.letter} · ${label.name}`}
              description={label.question}
              actions={
                <span className="text-sm text-slate-600">
                  {rows.length} {rows.length === 1 ? "entry" : "entries"}
                </span>
              }
            />
            {rows.length === 0 ? (
              <EmptyState
                title={`No ${label.name} entries`}
                description={
                  manage
                    ? "Add one with “Add entry” above, or save a threat from one of your models."
                    : "Owners, admins and security leads can add entries for this category."
                }
              />
            ) : (
              <ul aria-labelledby={headingId} className="divide-y divide-slate-100">
                {rows.map((entry) => (
                  <li key={entry.id} className={entry.retiredAt ? "bg-slate-50 px-5 py-4" : "px-5 py-4"}>
                    {manage && !entry.builtIn ? <ManagedLibraryEntry organizationSlug={slug} entry={entry} /> : <LibraryEntryView entry={entry} />}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        );
      })}
    </div>
  );

  return (
    <>
      <PageHeader
        title="Threat library"
        description="Threats that come up again and again, by STRIDE category, with how to mitigate them: the team template's examples and your organization's own."
      />
      {manage ? (
        <AddLibraryEntry organizationSlug={slug} defaultCategory={filter.category} />
      ) : (
        <Alert tone="info" className="mb-6">
          Owners, admins and security leads curate this library. You can read every entry.
        </Alert>
      )}
      <Card className="mb-6">
        <LibraryFilter basePath={basePath} category={filter.category} includeRetired={includeRetired} canShowRetired={manage} />
        <p className="px-5 py-3 text-sm text-slate-600">
          {entries.length} {entries.length === 1 ? "entry" : "entries"}
          {filter.category ? ` in ${STRIDE_LABELS[filter.category].name}` : ""}: {builtInCount} built-in, {ownCount} from {ctx.organizationName}
          {includeRetired ? ` (${retiredCount} retired)` : ""}.
        </p>
      </Card>
      {manage ? <RetireUndoProvider organizationSlug={slug}>{list}</RetireUndoProvider> : list}
    </>
  );
}
