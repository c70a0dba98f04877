import { LEVEL_LABELS } from "@/lib/domain/threat-model";
import { ImplementationBadge } from "../badges";
import { tableSection } from "./section";

export const SecurityControlsSection = tableSection(
  "security-controls",
  { caption: "Security controls", empty: "No security controls recorded." },
  (model) => model.securityControls,
  [
    ["Control", (c) => c.name],
    ["Status", (c) => <ImplementationBadge status={c.status} />],
    ["Effectiveness", (c) => LEVEL_LABELS[c.effectiveness]],
  ],
);
