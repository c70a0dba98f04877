import "server-only";
import type { ThreatModelDocument } from "@/lib/domain/model-document";
import type { ReviewCapacity } from "@/lib/domain/review";

/** What an approved revision stores: the whole model as it was approved, and who approved it. */
export type RevisionSnapshot = {
  format: 1;
  document: ThreatModelDocument;
  approvals: { reviewerId: string; reviewerName: string; capacity: ReviewCapacity; at: string; comment: string }[];
};
