import "server-only";
import type { OrgContext } from "@/lib/auth/context";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { joinMitigationTitles } from "@/lib/domain/threat-library";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { ZLibraryEntryInput, type TSaveThreatToLibrary } from "@/lib/validation/threat-library";
import { insertLibraryEntry, type LibraryListEntry } from "./library-entry";

/**
 * Copies one of the organization's threats into its library: title, description, category,
 * likelihood, impact, and the titles of its linked mitigations as the mitigation text.
 */
export async function saveThreatToLibrary(ctx: OrgContext, input: TSaveThreatToLibrary): Promise<LibraryListEntry> {
  requirePermission(ctx, "library.manage");
  return db().$transaction(async (tx) => {
    const threat = await tx.threat.findFirst({
      where: { id: input.threatId, organizationId: ctx.organizationId },
      select: {
        id: true,
        threatModelId: true,
        category: true,
        title: true,
        description: true,
        likelihood: true,
        impact: true,
        mitigations: { select: { mitigation: { select: { title: true, position: true } } } },
      },
    });
    if (!threat) throw new NotFoundError("That threat");
    // In the order the model lists its mitigations, so the text reads like the document.
    const mitigationTitles = threat.mitigations
      .map((link) => link.mitigation)
      .sort((a, b) => a.position - b.position || a.title.localeCompare(b.title))
      .map((m) => m.title);
    // Through the entry schema, so a saved threat obeys the same limits as a typed-in entry
    // (many long mitigation titles could exceed them) and an edit of it later cannot fail on
    // data the user never typed.
    const parsed = ZLibraryEntryInput.safeParse({
      category: threat.category,
      title: threat.title,
      description: threat.description,
      likelihood: threat.likelihood,
      impact: threat.impact,
      mitigation: joinMitigationTitles(mitigationTitles),
    });
    if (!parsed.success) {
      throw new InvalidInputError("This threat does not fit in the library: shorten its title, description or mitigation titles, then save it again.");
    }
    return insertLibraryEntry(tx, ctx, parsed.data, { fromThreatId: threat.id, fromThreatModelId: threat.threatModelId });
  });
}
