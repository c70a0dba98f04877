import { tableSection } from "./section";

export const TrustBoundariesSection = tableSection(
  "trust-boundaries",
  { caption: "Trust boundaries", empty: "No trust boundaries recorded." },
  (model) => model.trustBoundaries,
  [
    ["Boundary", (b) => <strong>{b.name}</strong>],
    ["Description", (b) => b.description],
    ["What crosses it", (b) => b.crossing],
  ],
);
