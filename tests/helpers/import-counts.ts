// The counts an import preview shows for one document, written as only the ones that are not
// zero: every section and category left out is expected to count zero.
import type { ImportCounts } from "@/lib/domain/exchange/prepare";
import { IMPLEMENTATION_STATUSES, STRIDE_CATEGORIES } from "@/lib/domain/threat-model";

type SomeCounts = Partial<Omit<ImportCounts, "threatsByCategory" | "mitigationsByStatus" | "elementsByKind">> & {
  threatsByCategory?: Partial<ImportCounts["threatsByCategory"]>;
  mitigationsByStatus?: Partial<ImportCounts["mitigationsByStatus"]>;
  elementsByKind?: Partial<ImportCounts["elementsByKind"]>;
};

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function importCounts({ threatsByCategory, mitigationsByStatus, elementsByKind, ...sections }: SomeCounts): ImportCounts {
  return {
    threatsByCategory: { ...zeroes(STRIDE_CATEGORIES), ...threatsByCategory },
    mitigationsByStatus: { ...zeroes(IMPLEMENTATION_STATUSES), ...mitigationsByStatus },
    scenarios: 0,
    controls: 0,
    assets: 0,
    boundaries: 0,
    invariants: 0,
    residualRisks: 0,
    diagrams: 0,
    elementsByKind: { entity: 0, process: 0, store: 0, ...elementsByKind },
    flows: 0,
    drawnBoundaries: 0,
    ...sections,
  };
}
