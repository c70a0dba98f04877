import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZSignUp } from "./account";
import { PASSWORD_MAX, PASSWORD_MIN, ZEmail, ZNewPassword, ZSlug } from "./fields";

const EMOJI = "😀"; // one code point, two UTF-16 code units

describe("ZNewPassword", () => {
  it("has the NIST SP 800-63B-4 bounds", () => {
    expect(PASSWORD_MIN).toBe(15);
    expect(PASSWORD_MAX).toBe(128);
  });

  it.each([
    ["exactly 15 characters", "x".repeat(15)],
    ["exactly 128 characters", "x".repeat(128)],
    ["15 lowercase letters (no composition rules)", "abcdefghijklmno"],
    ["15 digits", "123456789012345"],
    ["a passphrase with spaces", "correct horse battery staple"],
    ["15 emoji", EMOJI.repeat(15)],
    ["128 emoji", EMOJI.repeat(128)],
    ["15 accented letters", "é".repeat(15)],
    ["15 CJK characters", "密".repeat(15)],
  ])("accepts %s", (_label, password) => {
    expect(ZNewPassword.safeParse(password)).toEqual({ success: true, data: password });
  });

  it.each([
    ["14 characters", "x".repeat(14), /at least 15/],
    ["129 characters", "x".repeat(129), /at most 128/],
    ["the empty string", "", /at least 15/],
    ["14 emoji (28 UTF-16 units, but 14 characters)", EMOJI.repeat(14), /at least 15/],
    ["129 emoji", EMOJI.repeat(129), /at most 128/],
  ])("refuses %s", (_label, password, message) => {
    const result = ZNewPassword.safeParse(password);
    expect(result.success).toBe(false);
    expect(result.error!.issues).toHaveLength(1);
    expect(result.error!.issues[0]!.message).toMatch(message);
  });

  it("counts emoji as one character each, not as UTF-16 code units", () => {
    expect(EMOJI.repeat(15).length).toBe(30); // what a naive .length check would see
    expect(ZNewPassword.safeParse(EMOJI.repeat(15)).success).toBe(true);
    expect(ZNewPassword.safeParse(EMOJI.repeat(14)).success).toBe(false);
    // 100 emoji = 200 UTF-16 units, more than 128, but only 100 characters.
    expect(ZNewPassword.safeParse(EMOJI.repeat(100)).success).toBe(true);
  });

  it("does not trim or otherwise change the password", () => {
    const password = "  padded passphrase  ";
    expect(ZNewPassword.parse(password)).toBe(password);
    // 13 visible characters + 2 spaces = 15: the spaces count.
    expect(ZNewPassword.safeParse(" abcdefghijklm ").success).toBe(true);
  });

  it("refuses non-strings", () => {
    expect(ZNewPassword.safeParse(undefined).success).toBe(false);
    expect(ZNewPassword.safeParse(123456789012345).success).toBe(false);
  });
});

describe("ZEmail", () => {
  it.each([
    ["ada@acme.test", "ada@acme.test"],
    ["Ada.Lovelace@ACME.Test", "ada.lovelace@acme.test"],
    ["  ada@acme.test  ", "ada@acme.test"],
    ["\tADA@Acme.Test\n", "ada@acme.test"],
    ["ada+threats@acme.co.uk", "ada+threats@acme.co.uk"],
  ])("accepts %j as %j (trimmed, lower-cased)", (input, expected) => {
    expect(ZEmail.safeParse(input)).toEqual({ success: true, data: expected });
  });

  it.each([
    ["the empty string", "", /enter an email/i],
    ["only spaces", "   ", /enter an email/i],
    ["no at sign", "ada.acme.test", /valid email/i],
    ["no domain", "ada@", /valid email/i],
    ["no local part", "@acme.test", /valid email/i],
    ["no top-level domain", "ada@acme", /valid email/i],
    ["two at signs", "ada@@acme.test", /valid email/i],
    ["a space inside", "ada lovelace@acme.test", /valid email/i],
    ["consecutive dots", "ada..lovelace@acme.test", /valid email/i],
    ["markup", "<script>@acme.test", /valid email/i],
    ["more than 254 characters", `${"a".repeat(64)}@${"b".repeat(186)}.test`, /at most 254/],
  ])("refuses %s", (_label, input, message) => {
    const result = ZEmail.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join(" | ")).toMatch(message);
  });

  it("refuses non-strings", () => {
    expect(ZEmail.safeParse(null).success).toBe(false);
    expect(ZEmail.safeParse({ email: "ada@acme.test" }).success).toBe(false);
  });
});

describe("ZSlug", () => {
  it.each([
    ["acme", "acme"],
    ["acme-security", "acme-security"],
    ["a1", "a1"],
    ["team-42-emea", "team-42-emea"],
    ["Acme-Security", "acme-security"],
    ["  acme  ", "acme"],
    ["x".repeat(48), "x".repeat(48)],
  ])("accepts %j as %j", (input, expected) => {
    expect(ZSlug.safeParse(input)).toEqual({ success: true, data: expected });
  });

  it.each([
    ["one character", "a", /at least 2/],
    ["empty", "", /at least 2/],
    ["49 characters", "x".repeat(49), /at most 48/],
    ["a leading hyphen", "-acme", /single hyphens/],
    ["a trailing hyphen", "acme-", /single hyphens/],
    ["a double hyphen", "acme--security", /single hyphens/],
    ["a space inside", "acme security", /single hyphens/],
    ["an underscore", "acme_security", /single hyphens/],
    ["a dot", "acme.security", /single hyphens/],
    ["a slash", "acme/security", /single hyphens/],
    ["an accented letter", "café", /single hyphens/],
    ["only a hyphen", "--", /single hyphens/],
  ])("refuses %s", (_label, input, message) => {
    const result = ZSlug.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join(" | ")).toMatch(message);
  });
});

describe("ZSignUp", () => {
  const VALID = {
    name: "Ada Lovelace",
    email: "Ada@Acme.Test",
    password: "correct horse battery staple",
    organizationName: "Acme Security",
    organizationSlug: "acme-security",
  };

  it("accepts a valid sign-up and normalizes it", () => {
    expect(ZSignUp.parse({ ...VALID, name: "  Ada Lovelace ", organizationName: " Acme Security ", organizationSlug: " Acme-Security " })).toEqual({
      ...VALID,
      email: "ada@acme.test",
    });
  });

  it.each([[""], [null], [undefined]])("treats organizationSlug %j as not given", (organizationSlug) => {
    const result = ZSignUp.safeParse({ ...VALID, organizationSlug });
    expect(result.success).toBe(true);
    expect(result.data!.organizationSlug).toBeUndefined();
  });

  it.each([
    ["name", { name: "   " }, /enter your name/i],
    ["name", { name: "n".repeat(101) }, /at most 100/],
    ["email", { email: "not an email" }, /valid email/i],
    ["password", { password: "short" }, /at least 15/],
    ["password", { password: "x".repeat(129) }, /at most 128/],
    ["organizationName", { organizationName: "A" }, /at least 2/],
    ["organizationName", { organizationName: "o".repeat(101) }, /at most 100/],
    ["organizationSlug", { organizationSlug: "Bad Slug!" }, /single hyphens/],
    ["organizationSlug", { organizationSlug: "a" }, /at least 2/],
  ] as const)("gives a field-level error on %s for %j", (field, patch, message) => {
    const result = ZSignUp.safeParse({ ...VALID, ...patch });
    expect(result.success).toBe(false);
    const flat = z.flattenError(result.error!);
    expect(flat.formErrors).toEqual([]);
    expect(Object.keys(flat.fieldErrors)).toEqual([field]);
    expect((flat.fieldErrors as Record<string, string[]>)[field]!.join(" | ")).toMatch(message);
    for (const issue of result.error!.issues) expect(issue.path).toEqual([field]);
  });

  it("reports every bad field at once", () => {
    const result = ZSignUp.safeParse({ name: "", email: "x", password: "short", organizationName: "A", organizationSlug: "Bad Slug!" });
    expect(result.success).toBe(false);
    const { fieldErrors } = z.flattenError(result.error!);
    expect(Object.keys(fieldErrors).sort()).toEqual(["email", "name", "organizationName", "organizationSlug", "password"]);
    expect(fieldErrors.name).toEqual(["Enter your name."]);
    expect(fieldErrors.email).toEqual(["Enter a valid email address."]);
    expect(fieldErrors.password).toEqual(["Use at least 15 characters."]);
    expect(fieldErrors.organizationName).toEqual(["An organization name has at least 2 characters."]);
  });

  it("reports missing required fields by path", () => {
    const result = ZSignUp.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["email", "name", "organizationName", "password"]);
  });
});
