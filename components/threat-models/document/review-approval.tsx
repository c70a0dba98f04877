import { signOffRows } from "@/lib/domain/exchange/sign-offs";
import { templateSection } from "@/lib/domain/team-template";
import { tableSection } from "./section";

export const ReviewApprovalSection = tableSection(
  "review-approval",
  { caption: "Approvals", empty: `No review decisions yet. ${templateSection("review-approval").guidance}` },
  (model) =>
    signOffRows(
      model.approvals.map((a) => ({ capacity: a.capacity, name: a.reviewer.name, email: null, decision: a.decision, at: a.createdAt.toISOString() })),
    ),
  [
    ["Role", (r) => r.role],
    ["Name", (r) => r.name],
    ["Decision", (r) => r.decision],
    ["Date", (r) => r.date],
  ],
);
