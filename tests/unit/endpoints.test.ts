import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { can, type Permission } from "@/lib/auth/permissions";
import { ROLES } from "@/lib/domain/roles";
import { actionInputs, baselines, fillIn, isStateChanging, routeInputs, SAMPLE_POOL } from "@/tests/helpers/fuzz-inputs";
import { loadActions, loadRouteHandlers } from "@/tests/helpers/endpoints";

// The endpoints as the wrappers recorded them, and the inputs the input-fuzz suite
// (e2e/input-fuzz.spec.ts) sends them. Run with FUZZ_INPUTS_OUT=<file>, this also writes those
// inputs for the suite, so a new action or route is fuzzed the moment it exists.
const actions = await loadActions();
const routes = await loadRouteHandlers();

/** next-auth's own protocol posts forms (with its CSRF token); the handler refuses other origins (sameOriginOnly). */
const FORM_ROUTES = new Set(["app/api/auth/[...nextauth]/route.ts POST"]);
/**
 * Browsers send violation reports in their own media types (application/csp-report,
 * application/reports+json), never as JSON: the handler reads them bounded, keeps nothing but log
 * lines, and counts each address against its rate limit.
 */
const BROWSER_REPORT_ROUTES = new Set(["app/api/csp-report/route.ts POST"]);

describe("endpoints", () => {
  it("every export of a server-action file is an action a wrapper built", () => {
    expect(actions.length).toBeGreaterThan(40);
    const unwrapped = actions.filter((a) => !a.definition || !a.definition.kind.endsWith("-action")).map((a) => `${a.file} ${a.exportName}`);
    expect(unwrapped).toEqual([]);
  });

  it("every state-changing route handler reads its body through the shared JSON reader (lib/api/json-body)", () => {
    const raw = routes
      .filter((r) => isStateChanging(r.method) && !FORM_ROUTES.has(`${r.file} ${r.method}`) && !BROWSER_REPORT_ROUTES.has(`${r.file} ${r.method}`))
      .filter((r) => !r.definition || !("body" in r.definition) || !r.definition.body)
      .map((r) => `${r.method} ${r.path}`);
    expect(raw).toEqual([]);
    for (const form of FORM_ROUTES) expect(fs.readFileSync(form.split(" ")[0]!, "utf8")).toContain("sameOriginOnly");
    for (const report of BROWSER_REPORT_ROUTES)
      expect(fs.readFileSync(report.split(" ")[0]!, "utf8")).toMatch(/readBoundedBytes[\s\S]*enforceRateLimit|enforceRateLimit[\s\S]*readBoundedBytes/);
  });

  it.each(actions.filter((a) => a.definition && "input" in a.definition).map((a) => [`${a.file} ${a.exportName}`, a] as const))(
    "%s: the fuzz suite finds a valid input to start from",
    (_name, action) => {
      const schema = (action.definition as { input: Parameters<typeof baselines>[0] }).input;
      const found = baselines(schema).map((b) => schema.safeParse(fillIn(b, SAMPLE_POOL)));
      expect(found.length).toBeGreaterThan(0);
      expect(found.filter((r) => !r.success).map((r) => r.error?.issues)).toEqual([]);
    },
  );

  it("writes the fuzz suite's inputs when asked", () => {
    const out = process.env.FUZZ_INPUTS_OUT;
    const inputs = {
      actions: actions.map((a) => ({
        file: a.file,
        exportName: a.exportName,
        name: a.definition?.name,
        kind: a.definition?.kind,
        inputs: a.definition && "input" in a.definition ? actionInputs(a.definition) : [],
        // Who may call it: the suite calls it as such a member, so its input is read at all.
        roles: a.definition?.kind === "org-action" ? ROLES.filter((role) => can(role, (a.definition as { permission: Permission }).permission)) : undefined,
      })),
      routes: routes.map((r) => ({
        file: r.file,
        path: r.path,
        method: r.method,
        name: r.definition?.name,
        inputs: routeInputs({
          method: r.method,
          path: r.path,
          ...(r.definition && !("input" in r.definition) ? { body: r.definition.body, query: r.definition.query, maxBytes: r.definition.maxBytes } : {}),
        }),
      })),
    };
    expect(inputs.actions.every((a) => a.inputs.length > 0)).toBe(true);
    if (out) fs.writeFileSync(out, JSON.stringify(inputs));
  });
});
