import { describe, expect, it } from "vitest";
import { isCommonPassword } from "./common-passwords";

describe("isCommonPassword", () => {
  it("finds listed passwords whatever their case and Unicode form", () => {
    for (const p of ["passwordpassword", "PasswordPassword", "1qaz2wsx3edc4rfv", "ｐａｓｓｗｏｒｄｐａｓｓｗｏｒｄ"]) expect(isCommonPassword(p), p).toBe(true);
  });

  it("finds a listed password with digits or symbols around it, or repeated", () => {
    for (const p of ["qwertyuiop123456", "iloveyou1234567!", "!!dragon2024!!!!", "monkeymonkeymonkey", "aaaaaaaaaaaaaaa", "abcabcabcabcabc"]) {
      expect(isCommonPassword(p), p).toBe(true);
    }
  });

  it("lets a passphrase through", () => {
    for (const p of ["correct horse battery staple", "a brand new passphrase for today", "threat models need sign-off", "zq9!vuLp2#wXr7e"]) {
      expect(isCommonPassword(p), p).toBe(false);
    }
  });
});
