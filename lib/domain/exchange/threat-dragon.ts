// OWASP Threat Dragon v2 models (https://owasp.org/www-project-threat-dragon/): reading a diagram
// file into a ThreatModelDocument (threat-dragon-import.ts), and writing one back
// (threat-dragon-export.ts), in the vocabulary of threat-dragon-format.ts.
export { isThreatDragon, NOT_APPLICABLE_JUSTIFICATION } from "./threat-dragon-format";
export { importThreatDragon } from "./threat-dragon-import";
export { exportThreatDragon, exportThreatDragonJson } from "./threat-dragon-export";
