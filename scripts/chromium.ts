// The Chromium the browser tests (and `bench:lighthouse`) drive. In order:
//   1. CHROME_PATH, when set (it must be an executable file);
//   2. a browser on this machine: Debian's chromium, chromium-browser, google-chrome, or the one
//      `npx playwright install chromium` downloaded (THREATDESK_CHROMIUM_SEARCH=none skips these);
//   3. the Chromium shipped inside the npm package @sparticuz/chromium, fetched once through the
//      npm registry into node_modules/.cache/ (a machine with Node alone reaches nothing else).
// `tsx scripts/chromium.ts` resolves (and fetches, if it must) and prints which one it uses.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");

/** The registry package and version, pinned: its Chromium is what the tests were run with. */
export const REGISTRY_CHROMIUM = { name: "@sparticuz/chromium", version: "153.0.0" } as const;
export const REGISTRY_CHROMIUM_DIR = path.join(root, "node_modules", ".cache", "threatdesk-chromium", REGISTRY_CHROMIUM.version);

const SYSTEM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];
const COMMANDS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
// Quiet, reproducible runs: no update checks, no sync, no first-run dialogs; root needs no sandbox.
const QUIET_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export type FoundChromium = {
  executablePath: string;
  /** Where it came from, for the log line. */
  source: "CHROME_PATH" | "system" | "playwright" | "npm registry";
  args: string[];
  /** What the browser process needs in its environment beyond the caller's (the bundled libraries and fonts). */
  env: Record<string, string>;
};

export class ChromiumNotFound extends Error {}

function isExecutable(file: string) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, command))) return path.join(dir, command);
  }
  return undefined;
}

async function playwrightBrowser(): Promise<string | undefined> {
  try {
    const { chromium } = await import("@playwright/test");
    const file = chromium.executablePath();
    return isExecutable(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

async function onThisMachine(): Promise<FoundChromium | undefined> {
  const system = SYSTEM_PATHS.find(isExecutable) ?? COMMANDS.map(onPath).find((p) => p !== undefined);
  if (system) return { executablePath: system, source: "system", args: QUIET_ARGS, env: {} };
  const playwright = await playwrightBrowser();
  if (playwright) return { executablePath: playwright, source: "playwright", args: QUIET_ARGS, env: {} };
  return undefined;
}

function registryChromium(dir: string): FoundChromium {
  return {
    executablePath: path.join(dir, "chromium"),
    source: "npm registry",
    args: [...QUIET_ARGS, "--no-zygote"],
    // The package's own NSS, NSPR and expat (a bare machine has none) and its fonts.
    env: { LD_LIBRARY_PATH: [path.join(dir, "lib"), process.env.LD_LIBRARY_PATH].filter(Boolean).join(":"), FONTCONFIG_PATH: dir },
  };
}

/** The entries of an uncompressed tar archive: regular files and directories, which is all these archives hold. */
export function* tarEntries(archive: Buffer): Generator<{ name: string; type: "file" | "directory"; mode: number; body: Buffer }> {
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return;
    const text = (from: number, length: number) => header.toString("utf8", from, from + length).replace(/\0.*$/s, "");
    const size = parseInt(text(124, 12).trim() || "0", 8);
    const type = text(156, 1) || "0";
    const prefix = text(345, 155);
    const body = archive.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === "L") {
      longName = body.toString("utf8").replace(/\0.*$/s, "");
      continue;
    }
    const name = longName ?? (prefix ? `${prefix}/${text(0, 100)}` : text(0, 100));
    longName = undefined;
    const mode = parseInt(text(100, 8).trim() || "644", 8);
    if (type === "0" || type === "7") yield { name, type: "file", mode, body };
    else if (type === "5") yield { name, type: "directory", mode, body };
  }
}

function extractTar(archive: Buffer, into: string) {
  for (const entry of tarEntries(archive)) {
    const target = path.resolve(into, entry.name);
    if (!target.startsWith(path.resolve(into) + path.sep)) throw new Error(`refusing the archive entry ${entry.name}`);
    if (entry.type === "directory") fs.mkdirSync(target, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, entry.body, { mode: entry.mode });
    }
  }
}

function npm(args: string[], cwd: string) {
  // Inside `npm test` npm names its own CLI; elsewhere the npm beside this Node.
  const cli = process.env.npm_execpath;
  if (cli && cli.endsWith(".js")) return execFileSync(process.execPath, [cli, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  return execFileSync("npm", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * Fetches the registry package's tarball with `npm pack` (the machine's own npm configuration:
 * registry, proxy, cache) and unpacks its brotli-compressed Chromium, libraries and fonts into
 * `dir`. Unpacks beside it first and renames, so a run that is interrupted leaves nothing half-made.
 */
export function fetchRegistryChromium(dir = REGISTRY_CHROMIUM_DIR, log: (message: string) => void = (m) => console.error(m)): FoundChromium {
  const spec = `${REGISTRY_CHROMIUM.name}@${REGISTRY_CHROMIUM.version}`;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const work = fs.mkdtempSync(`${dir}.partial-`);
  try {
    log(`[chromium] no browser on this machine; fetching ${spec} from the npm registry (about 70 MB, once)`);
    const packed = npm(["pack", spec, "--pack-destination", work, "--silent", "--no-fund", "--no-audit"], work).toString().trim().split("\n").pop()!;
    const tarball = path.join(work, path.basename(packed));
    const files = new Map<string, Buffer>();
    for (const entry of tarEntries(gunzipSync(fs.readFileSync(tarball)))) if (entry.type === "file") files.set(entry.name, entry.body);
    fs.rmSync(tarball);
    const unpack = (name: string) => {
      const body = files.get(`package/bin/${name}`);
      if (!body) throw new Error(`${spec} has no bin/${name}`);
      return brotliDecompressSync(body);
    };
    const out = path.join(work, "chromium");
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, "chromium"), unpack("chromium.br"), { mode: 0o755 });
    // al2023: the libraries its Chromium links against (NSS, NSPR, expat) under lib/.
    for (const archive of ["al2023.tar.br", "swiftshader.tar.br", "fonts.tar.br"]) extractTar(unpack(archive), out);
    // The package's fonts.conf names serverless paths; this one names the fonts just unpacked,
    // and the machine's own where it has any.
    fs.writeFileSync(
      path.join(out, "fonts.conf"),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${path.join(dir, "fonts")}</dir>\n  <dir>/usr/share/fonts</dir>\n  <cachedir>${path.join(os.tmpdir(), "threatdesk-chromium-fonts")}</cachedir>\n</fontconfig>\n`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(out, dir);
    log(`[chromium] unpacked into ${path.relative(root, dir)}`);
    return registryChromium(dir);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The browser to use, fetching the registry's when this machine has none. Throws ChromiumNotFound,
 * saying what to do, when there is none and the fetch fails.
 */
export async function findChromium(options: { fetch?: boolean; log?: (message: string) => void } = {}): Promise<FoundChromium> {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new ChromiumNotFound(`CHROME_PATH is ${fromEnv}, which is not an executable file.`);
    return { executablePath: fromEnv, source: "CHROME_PATH", args: QUIET_ARGS, env: {} };
  }
  if (process.env.THREATDESK_CHROMIUM_SEARCH !== "none") {
    const local = await onThisMachine();
    if (local) return local;
  }
  if (isExecutable(path.join(REGISTRY_CHROMIUM_DIR, "chromium"))) return registryChromium(REGISTRY_CHROMIUM_DIR);
  if (options.fetch === false) throw new ChromiumNotFound("No Chromium on this machine and none fetched yet.");
  try {
    return fetchRegistryChromium(REGISTRY_CHROMIUM_DIR, options.log);
  } catch (error) {
    const reason = error instanceof Error ? (error as { stderr?: Buffer }).stderr?.toString().trim() || error.message : String(error);
    throw new ChromiumNotFound(
      [
        "No Chromium for the browser tests. Any one of these gives one:",
        "  - CHROME_PATH=/path/to/chrome",
        "  - apt-get install chromium (Debian), or npx playwright install chromium",
        `Fetching ${REGISTRY_CHROMIUM.name}@${REGISTRY_CHROMIUM.version} from the npm registry failed: ${reason}`,
      ].join("\n"),
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  findChromium().then(
    (found) => console.log(`[chromium] ${found.source}: ${found.executablePath}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
