import { describe, expect, it } from "vitest";
import {
  FRESH_SECOND_FACTOR_MINUTES,
  normalizeRecoveryCode,
  normalizeTotpCode,
  organizationGate,
  recoveryCodeFromBytes,
  removalNeedsFreshFactor,
  requirementRefusal,
  secondFactorIsFresh,
} from "./second-factor";

const AT = new Date("2026-12-02T09:00:00.000Z");
const minutesBefore = (minutes: number) => new Date(AT.getTime() - minutes * 60_000);

describe("organizationGate", () => {
  it.each([
    // requireMfa, enrolled, passedAt, gate
    [false, false, null, "open"],
    [false, true, null, "open"],
    [false, true, AT, "open"],
    [true, false, null, "enrol"],
    // An unconfirmed factor counts for nothing, whatever the session says.
    [true, false, AT, "enrol"],
    [true, true, null, "verify"],
    [true, true, AT, "open"],
    // Once given, the factor holds for the session: the gate asks for no freshness.
    [true, true, minutesBefore(600), "open"],
  ] as const)("requireMfa %s, enrolled %s, passed %s → %s", (requireMfa, enrolled, passedAt, gate) => {
    expect(organizationGate(requireMfa, { enrolled, passedAt })).toBe(gate);
  });
});

describe("requirementRefusal (an Owner turning the requirement on)", () => {
  it("refuses an Owner without a factor, pointing to Account", () => {
    expect(requirementRefusal({ enrolled: false, passedAt: null })).toEqual({
      code: "enrol",
      message: "Add a second factor to your own account first, under Account.",
    });
  });

  it("refuses a session that has not given the Owner's factor", () => {
    expect(requirementRefusal({ enrolled: true, passedAt: null })?.code).toBe("verify");
  });

  it("lets an Owner whose session passed it turn it on", () => {
    expect(requirementRefusal({ enrolled: true, passedAt: AT })).toBeNull();
  });
});

describe("secondFactorIsFresh", () => {
  it.each([
    [null, false],
    [AT, true],
    [minutesBefore(FRESH_SECOND_FACTOR_MINUTES - 1), true],
    [minutesBefore(FRESH_SECOND_FACTOR_MINUTES), false],
    [minutesBefore(FRESH_SECOND_FACTOR_MINUTES + 1), false],
  ] as const)("passed at %s → %s", (passedAt, fresh) => {
    expect(secondFactorIsFresh(passedAt, AT)).toBe(fresh);
  });
});

describe("removalNeedsFreshFactor", () => {
  it.each([
    [["a"], "a", true],
    [["a", "b"], "a", false],
    [["a", "b"], "b", false],
    // Not one of the account's factors: removing it takes nothing away.
    [["a"], "z", false],
    [[], "a", false],
  ] as const)("factors %j, removing %s → %s", (ids, id, needsFresh) => {
    expect(removalNeedsFreshFactor(ids, id)).toBe(needsFresh);
  });
});

describe("recoveryCodeFromBytes", () => {
  it("maps each byte's low 5 bits to the alphabet, in two groups of five", () => {
    expect(recoveryCodeFromBytes(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBe("01234-56789");
    expect(recoveryCodeFromBytes(Uint8Array.from([10, 17, 18, 20, 21, 22, 26, 27, 31, 63]))).toBe("AHJMN-PTVZZ");
  });

  it("uses only the first 10 bytes and never a letter that reads like another", () => {
    const code = recoveryCodeFromBytes(Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 3));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(code).toBe(recoveryCodeFromBytes(Uint8Array.from({ length: 10 }, (_, i) => i * 7 + 3)));
  });

  it("refuses fewer than 10 bytes", () => {
    expect(() => recoveryCodeFromBytes(new Uint8Array(9))).toThrow("10 random bytes");
  });
});

describe("normalizeRecoveryCode", () => {
  it.each([
    ["7KQ2M-X9D4P", "7KQ2M-X9D4P"],
    ["7kq2m x9d4p", "7KQ2M-X9D4P"],
    ["  7KQ2MX9D4P  ", "7KQ2M-X9D4P"],
    // Look-alikes fold to the digits they are mistaken for.
    ["IKQ2M-X9D4O", "1KQ2M-X9D40"],
    ["lkq2m-x9d4o", "1KQ2M-X9D40"],
  ])("%j → %s", (typed, canonical) => {
    expect(normalizeRecoveryCode(typed)).toBe(canonical);
  });

  it.each([[""], ["7KQ2M-X9D4"], ["7KQ2M-X9D4PP"], ["7KQ2M-X9D4U"], ["7KQ2M_X9D4P"]])("%j is not a recovery code", (typed) => {
    expect(normalizeRecoveryCode(typed)).toBeNull();
  });

  it("accepts every code it generates", () => {
    const code = recoveryCodeFromBytes(Uint8Array.from([255, 128, 64, 32, 16, 8, 4, 2, 1, 0]));
    expect(normalizeRecoveryCode(code.toLowerCase())).toBe(code);
  });
});

describe("normalizeTotpCode", () => {
  it.each([
    ["123456", "123456"],
    ["123 456", "123456"],
    [" 012345 ", "012345"],
  ])("%j → %s", (typed, code) => {
    expect(normalizeTotpCode(typed)).toBe(code);
  });

  it.each([[""], ["12345"], ["1234567"], ["12345a"], ["123-456"]])("%j is not a one-time code", (typed) => {
    expect(normalizeTotpCode(typed)).toBeNull();
  });
});
