import { describe, expect, it } from "vitest";
import { ZModelFields } from "./model-editor";

describe("ZModelFields", () => {
  it("leaves out the fields a save does not name, so a partial save cannot blank the others", () => {
    const parsed = ZModelFields.parse({ overview: "Only the overview changed." });
    expect(parsed).toEqual({ overview: "Only the overview changed." });
    expect("featureName" in parsed).toBe(false);
    expect("architecture" in parsed).toBe(false);
  });

  it("still refuses a text over its limit", () => {
    const result = ZModelFields.safeParse({ featureName: "x".repeat(201) });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("The feature name has at most 200 characters.");
  });
});
