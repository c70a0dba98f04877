// The demo organization's open-risk history: made-up daily snapshots, one a week for the seven
// weeks before the demo was seeded, so its dashboard shows what a trend looks like. They are
// stored with demo = true and the dashboard labels them as demo data; the weeks before them show
// as not recorded, and from the day of seeding on the snapshots are real records.
import type { Priority } from "@/lib/domain/threat-model";

export type DemoRiskSnapshot = { daysAgo: number; open: Record<Priority, number> };

export const DEMO_RISK_HISTORY: readonly DemoRiskSnapshot[] = [
  { daysAgo: 49, open: { CRITICAL: 3, HIGH: 6, MEDIUM: 7, LOW: 3 } },
  { daysAgo: 42, open: { CRITICAL: 3, HIGH: 5, MEDIUM: 8, LOW: 3 } },
  { daysAgo: 35, open: { CRITICAL: 2, HIGH: 5, MEDIUM: 7, LOW: 2 } },
  { daysAgo: 28, open: { CRITICAL: 2, HIGH: 4, MEDIUM: 6, LOW: 2 } },
  { daysAgo: 21, open: { CRITICAL: 1, HIGH: 4, MEDIUM: 6, LOW: 1 } },
  { daysAgo: 14, open: { CRITICAL: 1, HIGH: 3, MEDIUM: 5, LOW: 1 } },
  { daysAgo: 7, open: { CRITICAL: 1, HIGH: 3, MEDIUM: 4, LOW: 1 } },
];
