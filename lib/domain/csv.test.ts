import { describe, expect, it } from "vitest";
import { csvCell, csvRow, neutralizeCell, toCsv } from "./csv";

describe("neutralizeCell", () => {
  it.each([
    ['=HYPERLINK("http://evil.test","x")', '\'=HYPERLINK("http://evil.test","x")'],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
  ])("prefixes %j with a quote", (input, expected) => {
    expect(neutralizeCell(input)).toBe(expected);
  });

  it.each(["Token theft", "", " =not at the start", "a=b", "1-2", "'already quoted", "€ and ü"])("leaves %j alone", (input) => {
    expect(neutralizeCell(input)).toBe(input);
  });
});

describe("csvCell", () => {
  it("writes empty cells for null and undefined, and numbers and booleans as text", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(true)).toBe("true");
  });

  it("neutralizes negative numbers too: every cell starting with a minus", () => {
    expect(csvCell(-5)).toBe("'-5");
  });

  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line 1\nline 2")).toBe('"line 1\nline 2"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
  });

  it("neutralizes first, then quotes what needs quoting", () => {
    expect(csvCell('=HYPERLINK("http://evil.test","click")')).toBe('"\'=HYPERLINK(""http://evil.test"",""click"")"');
    expect(csvCell("\r\n=1")).toBe('"\'\r\n=1"');
    expect(csvCell("@a,b")).toBe('"\'@a,b"');
  });

  it("leaves plain text unquoted", () => {
    expect(csvCell("Attacker impersonates legitimate user")).toBe("Attacker impersonates legitimate user");
  });
});

describe("csvRow and toCsv", () => {
  it("joins cells with commas and ends records with CRLF", () => {
    expect(csvRow(["a", 1, null, "b,c"])).toBe('a,1,,"b,c"\r\n');
  });

  it("writes a header and the records", () => {
    expect(
      toCsv(
        ["Title", "Priority"],
        [
          ["=cmd|' /C calc'!A0", "Critical"],
          ["Plain", "Low"],
        ],
      ),
    ).toBe("Title,Priority\r\n'=cmd|' /C calc'!A0,Critical\r\nPlain,Low\r\n");
  });

  it("writes only the header for no records", () => {
    expect(toCsv(["A", "B"], [])).toBe("A,B\r\n");
  });
});
