import { describe, expect, it } from "vitest";
import { exportFileName } from "./filename";

describe("exportFileName", () => {
  it.each([
    ["Authentication Service", "1.0.0", "md", "authentication-service-1.0.0.md"],
    ["Authentication Service", "1.0.0", "json", "authentication-service-1.0.0.threatdesk.json"],
    ["Authentication Service", "1.0.0", "threat-dragon", "authentication-service-1.0.0.threat-dragon.json"],
    ['Crème brûlée: API v2.1 / "quotes"', "v2.1-rc.1", "md", "creme-brulee-api-v2-1-quotes-v2.1-rc.1.md"],
    ["🔐", "", "md", "threat-model.md"],
    ["../../etc/passwd", "1", "md", "etc-passwd-1.md"],
  ] as const)("%j %j %s → %s", (title, version, format, expected) => {
    expect(exportFileName(title, version, format)).toBe(expected);
  });

  it("is short and needs no quoting", () => {
    const name = exportFileName("x".repeat(500), "9".repeat(100), "json");
    expect(name.length).toBeLessThanOrEqual(80 + 1 + 32 + ".threatdesk.json".length);
    expect(name).toMatch(/^[a-z0-9.-]+$/);
  });
});
