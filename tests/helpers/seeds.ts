// The team's two seed documents, read for tests: the project's own copies in tests/fixtures
// first, the shared originals when those are missing.
import fs from "node:fs";
import path from "node:path";

export const SEED_EXAMPLE = "000_94c6fb0c6808696b.txt";
export const SEED_TEMPLATE = "003_454c8e7984fc86bf.txt";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/seeds");
const SHARED = path.resolve(import.meta.dirname, "../../../shared/seeds");

export function readSeed(name: string): string {
  for (const dir of [FIXTURES, SHARED]) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return fs.readFileSync(file, "utf8");
  }
  throw new Error(`Seed document ${name} is in neither ${FIXTURES} nor ${SHARED}`);
}

/** How many example threats the team template holds per STRIDE category. */
export const TEMPLATE_THREATS_PER_CATEGORY = {
  SPOOFING: 2,
  TAMPERING: 3,
  REPUDIATION: 2,
  INFORMATION_DISCLOSURE: 3,
  DENIAL_OF_SERVICE: 3,
  ELEVATION_OF_PRIVILEGE: 3,
};
