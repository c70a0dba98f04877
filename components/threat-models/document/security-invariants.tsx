import { listSection } from "./section";

export const SecurityInvariantsSection = listSection(
  "security-invariants",
  { empty: "No security invariants recorded.", ordered: true, itemClassName: "rounded-md bg-slate-50 p-3 font-mono text-xs leading-relaxed text-slate-800" },
  (model) => model.securityInvariants,
  (i) => (
    <>
      <p className="font-semibold">
        Article {i.article} — {i.topic}
      </p>
      <p>WHEN {i.condition}</p>
      <p>THE SYSTEM SHALL {i.requirement}</p>
    </>
  ),
);
