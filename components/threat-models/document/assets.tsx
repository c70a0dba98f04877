import { CLASSIFICATION_LABELS } from "@/lib/domain/threat-model";
import { tableSection } from "./section";

export const AssetsSection = tableSection("assets", { caption: "Assets", empty: "No assets recorded." }, (model) => model.assets, [
  ["Asset", (a) => <strong>{a.name}</strong>],
  ["Classification", (a) => CLASSIFICATION_LABELS[a.classification]],
  ["If compromised", (a) => a.compromiseImpact],
]);
