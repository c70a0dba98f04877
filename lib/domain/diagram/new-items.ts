// New diagram items with the defaults a freshly drawn one has: in scope, unnamed attributes at
// their least alarming value (the analyst turns on what applies), no position until placed.
import type { DataFlow, DataStore, ExternalEntity, Process, TrustBoundaryBox, TrustBoundaryLine } from "./diagram";

const base = { description: "", outOfScope: false, outOfScopeReason: "" };

export function newEntity(fields: Partial<ExternalEntity> & Pick<ExternalEntity, "id" | "name">): ExternalEntity {
  return { ...base, kind: "entity", actor: "system", position: null, ...fields };
}

export function newProcess(fields: Partial<Process> & Pick<Process, "id" | "name">): Process {
  return { ...base, kind: "process", privilege: "service", handlesUntrustedInput: false, position: null, ...fields };
}

export function newStore(fields: Partial<DataStore> & Pick<DataStore, "id" | "name">): DataStore {
  return { ...base, kind: "store", holdsCredentials: false, isLog: false, encryptedAtRest: false, position: null, ...fields };
}

export function newFlow(fields: Partial<DataFlow> & Pick<DataFlow, "id" | "from" | "to">): DataFlow {
  return { ...base, kind: "flow", name: "", label: "", protocol: "", encrypted: false, crossesPublicNetwork: false, authenticated: false, ...fields };
}

export function newBoundaryBox(fields: Partial<TrustBoundaryBox> & Pick<TrustBoundaryBox, "id" | "name">): TrustBoundaryBox {
  return { ...base, kind: "box", trustBoundaryId: null, x: 0, y: 0, width: 0, height: 0, ...fields };
}

export function newBoundaryLine(fields: Partial<TrustBoundaryLine> & Pick<TrustBoundaryLine, "id" | "name" | "points">): TrustBoundaryLine {
  return { ...base, kind: "line", trustBoundaryId: null, ...fields };
}
