import { describe, expect, it } from "vitest";
import { isStorableText } from "./text";

describe("isStorableText", () => {
  it.each([
    ["plain text", "Credential stuffing"],
    ["the empty string", ""],
    ["an emoji (a surrogate pair)", "Rate limit 😀 done"],
    ["an emoji at either end", "😀x😀"],
    ["accents and CJK", "é密"],
    ["tabs and newlines", "a\tb\nc"],
  ])("accepts %s", (_label, text) => expect(isStorableText(text)).toBe(true));

  it.each([
    ["a NUL", "a\u0000b"],
    ["only a NUL", "\u0000"],
    ["a lone high surrogate", "a\uD800b"],
    ["a high surrogate at the end", "abc\uD83D"],
    ["a lone low surrogate", "\uDE00abc"],
    ["two high surrogates", "\uD83D\uD83D"],
    ["a pair in the wrong order", "\uDE00\uD83D"],
  ])("refuses %s", (_label, text) => expect(isStorableText(text)).toBe(false));
});
