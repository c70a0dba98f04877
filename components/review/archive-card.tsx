import { ArchiveToggle } from "@/components/review/review-actions";
import { Card, CardHeader } from "@/components/ui/card";

/** Archiving the model, or restoring it once archived. */
export function ArchiveCard({ organizationSlug, model }: { organizationSlug: string; model: { id: string; title: string; status: string } }) {
  const archived = model.status === "ARCHIVED";
  return (
    <Card>
      <CardHeader title={archived ? "Archived" : "Archive"} />
      <div className="px-5 py-4">
        <ArchiveToggle organizationSlug={organizationSlug} modelId={model.id} archived={archived} title={model.title} />
      </div>
    </Card>
  );
}
