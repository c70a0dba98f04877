import { describe, expect, it } from "vitest";
import { insertMention, matchMembers, mentionQueryAt, mentionedIn, splitMentions } from "./mentions";

const SAM = { id: "u-sam", name: "Sam Security" };
const SAMUEL = { id: "u-samuel", name: "Samuel Ode" };
const TARA = { id: "u-tara", name: "Tara Techlead" };
const ZOE = { id: "u-zoe", name: "Zoë Sam" };
const MEMBERS = [TARA, SAMUEL, SAM, ZOE];

describe("mentionQueryAt", () => {
  it("finds the word typed after an @ at the caret", () => {
    expect(mentionQueryAt("Ping @Sa", 8)).toEqual({ start: 5, query: "Sa" });
    expect(mentionQueryAt("@t", 2)).toEqual({ start: 0, query: "t" });
    expect(mentionQueryAt("(@Tar", 5)).toEqual({ start: 1, query: "Tar" });
  });

  it("allows a second word so full names can be typed", () => {
    expect(mentionQueryAt("hi @Sam Sec", 11)).toEqual({ start: 3, query: "Sam Sec" });
  });

  it("is null for a bare @, a trailing space, an email address or a caret elsewhere", () => {
    expect(mentionQueryAt("hi @", 4)).toBeNull();
    expect(mentionQueryAt("hi @Sam ", 8)).toBeNull();
    expect(mentionQueryAt("mail ada@example", 16)).toBeNull();
    expect(mentionQueryAt("@Sam and more", 13)).toBeNull();
    expect(mentionQueryAt("@Sam says hello", 15)).toBeNull();
  });

  it("only looks at the text before the caret", () => {
    expect(mentionQueryAt("@Sa and more", 3)).toEqual({ start: 0, query: "Sa" });
  });
});

describe("matchMembers", () => {
  it("puts name prefixes first, then later words, each alphabetical", () => {
    expect(matchMembers(MEMBERS, "sam").map((m) => m.id)).toEqual(["u-sam", "u-samuel", "u-zoe"]);
  });

  it("ignores case and accents", () => {
    expect(matchMembers(MEMBERS, "ZOE").map((m) => m.id)).toEqual(["u-zoe"]);
    expect(matchMembers(MEMBERS, "sam sec").map((m) => m.id)).toEqual(["u-sam"]);
  });

  it("returns nothing for an empty query or no match, and respects the limit", () => {
    expect(matchMembers(MEMBERS, "")).toEqual([]);
    expect(matchMembers(MEMBERS, "xyz")).toEqual([]);
    expect(matchMembers(MEMBERS, "s", 1).map((m) => m.id)).toEqual(["u-sam"]);
  });
});

describe("insertMention", () => {
  it("replaces the query with the full name and a space, caret after it", () => {
    expect(insertMention("Ping @Sa", 5, 8, "Sam Security")).toEqual({ text: "Ping @Sam Security ", caret: 19 });
  });

  it("keeps the text after the caret without doubling a space", () => {
    expect(insertMention("@Ta please", 0, 3, "Tara Techlead")).toEqual({ text: "@Tara Techlead please", caret: 15 });
  });
});

describe("mentionedIn", () => {
  it("keeps the picked members still named in the text, once each", () => {
    expect(mentionedIn("@Sam Security and @Sam Security", [SAM, SAM, TARA])).toEqual([SAM]);
  });

  it("drops a member whose name was edited away or extended", () => {
    expect(mentionedIn("@Sam Securityx please", [SAM])).toEqual([]);
    expect(mentionedIn("Sam Security without the at", [SAM])).toEqual([]);
  });
});

describe("splitMentions", () => {
  it("cuts the body into text and mention parts that join back to the body", () => {
    const body = "Hi @Sam Security, can @Tara Techlead look? mail sam@x.test";
    const segments = splitMentions(body, [TARA, SAM]);
    expect(segments.map((s) => s.text).join("")).toBe(body);
    expect(segments.filter((s) => s.mention).map((s) => [s.text, s.mention!.id])).toEqual([
      ["@Sam Security", "u-sam"],
      ["@Tara Techlead", "u-tara"],
    ]);
  });

  it("prefers the longest name and never matches inside a longer word", () => {
    const sam = { id: "u-short", name: "Sam" };
    const segments = splitMentions("@Sam Security and @Samuel and @Sam.", [sam, SAM]);
    expect(segments.filter((s) => s.mention).map((s) => [s.text, s.mention!.id])).toEqual([
      ["@Sam Security", "u-sam"],
      ["@Sam", "u-short"],
    ]);
  });

  it("keeps markup as plain text around a mention", () => {
    expect(splitMentions("<b>hi</b> @Sam Security <img>", [SAM])).toEqual([
      { text: "<b>hi</b> ", mention: null },
      { text: "@Sam Security", mention: SAM },
      { text: " <img>", mention: null },
    ]);
  });

  it("returns the body as one plain part when nobody is mentioned", () => {
    expect(splitMentions("@Sam Security", [])).toEqual([{ text: "@Sam Security", mention: null }]);
    expect(splitMentions("", [SAM])).toEqual([]);
  });
});
