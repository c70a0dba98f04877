import { describe, expect, it } from "vitest";
import { repairMojibake } from "./mojibake";
import { readSeed, SEED_EXAMPLE, SEED_TEMPLATE } from "@/tests/helpers/seeds";

const exampleLines = readSeed(SEED_EXAMPLE).split("\n");
const line = (start: string) => {
  const found = exampleLines.find((l) => l.startsWith(start));
  if (!found) throw new Error(`no line starting with ${start}`);
  return found;
};

describe("repairMojibake", () => {
  it("repairs the example file's status markers", () => {
    expect(repairMojibake(line("- âœ… MFA"))).toEqual({ text: "- ✅ MFA (TOTP, WebAuthn)", repaired: true });
    expect(repairMojibake(line("- ðŸ”„ Device trust"))).toEqual({ text: "- 🔄 Device trust (planned)", repaired: true });
    expect(repairMojibake(line("| DDoS Protection"))).toEqual({ text: "| DDoS Protection | 📋 Planned | Medium |", repaired: true });
    expect(repairMojibake(line("| Risk-Based Auth"))).toEqual({ text: "| Risk-Based Auth | 🔄 In Progress | High |", repaired: true });
  });

  it("leaves no damaged sequence anywhere in the example file", () => {
    const { text, repaired } = repairMojibake(readSeed(SEED_EXAMPLE));
    expect(repaired).toBe(true);
    expect(text).not.toMatch(/Ã|â€|âœ|ðŸ/);
    expect(text.split("\n")).toHaveLength(exampleLines.length);
    expect(text.match(/✅/g)).toHaveLength(45);
    expect(text.match(/🔄/g)).toHaveLength(5);
    expect(text.match(/📋/g)).toHaveLength(1);
  });

  it("repairs text encoded twice over", () => {
    // What an editor does when it reads UTF-8 as Windows-1252 and saves it again.
    const high = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
    const mangle = (text: string) =>
      Array.from(new TextEncoder().encode(text), (b) => (b >= 0x80 && b <= 0x9f ? high[b - 0x80]! : String.fromCharCode(b))).join("");
    expect(mangle("✅")).toBe("âœ…");
    const twice = mangle(mangle("Internet → API ✅ café"));
    expect(twice).toContain("Ã");
    expect(repairMojibake(twice)).toEqual({ text: "Internet → API ✅ café", repaired: true });
    const thrice = mangle(twice);
    expect(repairMojibake(thrice)).toEqual({ text: "Internet → API ✅ café", repaired: true });
  });

  it("leaves genuine non-ASCII text alone", () => {
    for (const genuine of ["café", "naïve résumé", "Internet → API", "✅ done", "€100 and £5", "Zürich — 10°C", "日本語", "a — b"]) {
      expect(repairMojibake(genuine)).toEqual({ text: genuine, repaired: false });
    }
    expect(repairMojibake(readSeed(SEED_TEMPLATE)).repaired).toBe(false);
  });

  it("repairs damaged text next to genuine text", () => {
    expect(repairMojibake("café âœ… →")).toEqual({ text: "café ✅ →", repaired: true });
  });
});
