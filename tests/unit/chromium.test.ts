import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ChromiumNotFound, findChromium, tarEntries } from "@/scripts/chromium";

const saved = { CHROME_PATH: process.env.CHROME_PATH, THREATDESK_CHROMIUM_SEARCH: process.env.THREATDESK_CHROMIUM_SEARCH };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe("the browser tests' Chromium", () => {
  it("is CHROME_PATH when that names an executable, with no lookup and no fetch", async () => {
    process.env.CHROME_PATH = process.execPath;
    process.env.THREATDESK_CHROMIUM_SEARCH = "none";
    await expect(findChromium({ fetch: false })).resolves.toMatchObject({ executablePath: process.execPath, source: "CHROME_PATH", env: {} });
  });

  it("says what is wrong when CHROME_PATH names no executable", async () => {
    process.env.CHROME_PATH = path.join(os.tmpdir(), "no-such-chrome");
    await expect(findChromium({ fetch: false })).rejects.toThrow(
      new ChromiumNotFound(`CHROME_PATH is ${process.env.CHROME_PATH}, which is not an executable file.`),
    );
  });

  it("unpacks the package's tar archives: directories, files with their modes, long names", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "threatdesk-tar-"));
    try {
      const long = `${"d".repeat(60)}/${"f".repeat(70)}.txt`;
      fs.mkdirSync(path.join(dir, "src", "lib"), { recursive: true });
      fs.mkdirSync(path.join(dir, "src", path.dirname(long)), { recursive: true });
      fs.writeFileSync(path.join(dir, "src", "lib", "libnss3.so"), "x".repeat(1500), { mode: 0o755 });
      fs.writeFileSync(path.join(dir, "src", long), "long");
      execFileSync("tar", ["--format=gnu", "-cf", path.join(dir, "a.tar"), "-C", path.join(dir, "src"), "lib", long]);
      const entries = [...tarEntries(fs.readFileSync(path.join(dir, "a.tar")))];
      expect(entries.map((e) => [e.name.replace(/\/$/, ""), e.type])).toEqual([
        ["lib", "directory"],
        ["lib/libnss3.so", "file"],
        [long, "file"],
      ]);
      expect(entries[1]!.body.toString()).toBe("x".repeat(1500));
      expect(entries[1]!.mode & 0o111).not.toBe(0);
      expect(entries[2]!.body.toString()).toBe("long");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
