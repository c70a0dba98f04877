import { describe, expect, it } from "vitest";
import { seal, unseal } from "./sealed-box";

describe("sealed secrets", () => {
  it("read back as sealed, and never appear in the sealed form", () => {
    const sealed = seal("JBSWY3DPEHPK3PXP");
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(unseal(sealed)).toBe("JBSWY3DPEHPK3PXP");
    expect(seal("JBSWY3DPEHPK3PXP")).not.toBe(sealed);
  });

  it("refuse a tampered value and one sealed under another key", () => {
    const sealed = seal("secret");
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[2]!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => unseal([parts[0], parts[1], flipped.toString("base64url"), parts[3]].join("."))).toThrow();
    const previous = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = "another-installation";
    try {
      expect(() => unseal(sealed)).toThrow();
    } finally {
      process.env.NEXTAUTH_SECRET = previous;
    }
    expect(() => unseal("not sealed")).toThrow();
  });
});
