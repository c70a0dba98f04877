import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UNSTORABLE_TEXT_MESSAGE } from "@/lib/domain/text";
import { ZSignUp } from "@/lib/validation/account";
import { ZAuditFilters } from "@/lib/validation/audit";
import { ZAddComment } from "@/lib/validation/comments";
import { ZCalendarDate, ZText } from "@/lib/validation/fields";
import { ZImportFile } from "@/lib/validation/imports";
import { ZSectionSave } from "@/lib/validation/model-editor";
import { ZDecideAcceptance } from "@/lib/validation/review";
import { ZCreateThreatModel } from "@/lib/validation/threat-model";
import { ZTrackingEdit } from "@/lib/validation/tracking";

const ROOT = path.resolve(import.meta.dirname, "../..");
/**
 * The formats of files being imported, read as they are and then repaired or refused as a whole
 * (lib/domain/exchange/prepare.ts: NULs removed with a warning, dates checked by checkDocument).
 */
const FILE_FORMATS = [
  "lib/domain/model-document.ts",
  "lib/domain/exchange/json.ts",
  "lib/domain/exchange/threat-dragon-format.ts",
  // Read to be verified against a signature, never stored.
  "lib/domain/audit-checkpoint.ts",
];

/** Every TypeScript file of the app's own code. */
function sourceFiles(dir: string): string[] {
  return (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"))
    .map((f) => path.join(dir, f))
    .filter((f) => !f.startsWith("lib/generated"));
}

const messagesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

describe("text fields", () => {
  it("every schema's strings start from ZText (lib/validation/fields.ts), so the storable-text rule is in one place", () => {
    const offenders = ["lib", "app", "components", "scripts"]
      .flatMap(sourceFiles)
      .filter((f) => f !== path.join("lib", "validation", "fields.ts") && !FILE_FORMATS.includes(f))
      .filter((f) => /\bz\s*\.string\(/.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it.each([
    ["a NUL", "Login\u0000form"],
    ["a lone high surrogate", "Login \uD83D form"],
    ["a lone low surrogate", "\uDE00 Login form"],
  ])("refuses %s with a message that says so", (_label, text) => {
    expect(messagesOf(ZText().safeParse(text))).toEqual([UNSTORABLE_TEXT_MESSAGE]);
    expect(UNSTORABLE_TEXT_MESSAGE).toContain("contains a character that cannot be stored");
    // In the schemas that reached the database with it.
    expect(messagesOf(ZCreateThreatModel.safeParse({ title: text }))).toContain(UNSTORABLE_TEXT_MESSAGE);
    expect(messagesOf(ZImportFile.safeParse({ content: text }))).toContain(UNSTORABLE_TEXT_MESSAGE);
    expect(messagesOf(ZAddComment.safeParse({ modelId: "m1", threatId: "", body: text }))).toContain(UNSTORABLE_TEXT_MESSAGE);
    expect(
      messagesOf(ZSignUp.safeParse({ name: text, email: "a@example.test", password: "correct horse battery staple", organizationName: "Acme" })),
    ).toContain(UNSTORABLE_TEXT_MESSAGE);
    const threat = { key: "k1", category: "SPOOFING", title: text, likelihood: "LOW", impact: "LOW" };
    expect(messagesOf(ZSectionSave.safeParse({ section: "threats", category: "SPOOFING", data: [threat] }))).toContain(UNSTORABLE_TEXT_MESSAGE);
  });

  it("keeps emoji and every other character a person types", () => {
    expect(ZText().safeParse("Rate limiting 😀 — é 密 \t tab").success).toBe(true);
    expect(ZCreateThreatModel.safeParse({ title: "Payments 💳" }).success).toBe(true);
  });
});

describe("ZCalendarDate", () => {
  it.each(["2027-02-31", "2026-02-29", "2027-04-31", "2027-13-01", "2027-00-10", "2027-01-00"])("refuses %s, which no calendar has", (day) => {
    expect(messagesOf(ZCalendarDate("The review date").safeParse(day))).toEqual(["The review date is not a real date."]);
  });

  it.each(["2027-02-28", "2028-02-29", "2027-12-31"])("accepts %s", (day) => {
    expect(ZCalendarDate().safeParse(day)).toEqual({ success: true, data: day });
  });

  it("refuses what is not written YYYY-MM-DD", () => {
    expect(messagesOf(ZCalendarDate("The due date").safeParse("31/03/2027"))).toContain("The due date must be a date (YYYY-MM-DD).");
  });

  it("is the rule of every date a request names", () => {
    expect(ZDecideAcceptance.safeParse({ acceptanceId: "a1", decision: "ACCEPTED", reviewDate: "2027-02-31" }).success).toBe(false);
    expect(ZDecideAcceptance.safeParse({ acceptanceId: "a1", decision: "ACCEPTED", reviewDate: "2027-02-28" }).success).toBe(true);
    const tracking = { modelId: "m1", mitigationId: "x1", base: { dueDate: null }, value: { dueDate: "2027-02-31" } };
    expect(ZTrackingEdit.safeParse(tracking).success).toBe(false);
    expect(ZAuditFilters.safeParse({ from: "2027-02-31" }).success).toBe(false);
    const row = { key: "k", title: "Rate limiting", status: "PLANNED", dueDate: "2027-02-31" };
    expect(messagesOf(ZSectionSave.safeParse({ section: "mitigations", data: [row] }))).toContain("The due date is not a real date.");
  });
});
