// Kept apart from the template's sections: those are read by the browser, and the empty document
// comes with the document's whole schema.
import { emptyDocument, type ThreatModelDocument } from "./model-document";
import { TEMPLATE_ASSETS, TEMPLATE_TRUST_BOUNDARIES } from "./team-template";

/** A new draft with the template's trust boundaries and assets, for the user to edit. */
export function templateStartDocument(title: string, featureName: string, category: string): ThreatModelDocument {
  return {
    ...emptyDocument(title),
    featureName,
    category,
    // Copies, so a caller that edits the document cannot change the template for the next one.
    trustBoundaries: TEMPLATE_TRUST_BOUNDARIES.map((b) => ({ ...b })),
    assets: TEMPLATE_ASSETS.map((a) => ({ ...a })),
  };
}
