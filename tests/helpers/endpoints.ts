// Every server action and route handler of the app, found the way Next finds them (the "use
// server" files under lib/actions, the route.ts files under app), with what their wrappers
// recorded about them. Loads the modules, so it runs under vitest (which resolves server-only).
import fs from "node:fs";
import path from "node:path";
import { endpointDefinition, type EndpointDefinition } from "@/lib/api/endpoints";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export type ActionEndpoint = { file: string; exportName: string; definition: EndpointDefinition | undefined };
export type RouteHandler = { file: string; path: string; method: string; definition: EndpointDefinition | undefined };

/** The files that declare server actions: every export of one is callable by anyone who can POST. */
export function serverActionFiles(): string[] {
  const dir = path.join(ROOT, "lib/actions");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .filter((f) => /^\s*["']use server["']/.test(fs.readFileSync(path.join(dir, f), "utf8")))
    .map((f) => `lib/actions/${f}`)
    .sort();
}

/** app/**\/route.ts, as files. */
export function routeFiles(): string[] {
  return (fs.readdirSync(path.join(ROOT, "app"), { recursive: true }) as string[])
    .filter((f) => path.basename(f) === "route.ts")
    .map((f) => `app/${f.split(path.sep).join("/")}`)
    .sort();
}

/** The URL path a route file answers, with its dynamic segments as written ("/api/orgs/[slug]/models"). */
export function routePath(file: string): string {
  const segments = file
    .replace(/^app\//, "")
    .replace(/\/?route\.ts$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

export async function loadActions(): Promise<ActionEndpoint[]> {
  const out: ActionEndpoint[] = [];
  for (const file of serverActionFiles()) {
    const exports = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(exports)) out.push({ file, exportName, definition: endpointDefinition(value) });
  }
  return out;
}

export async function loadRouteHandlers(): Promise<RouteHandler[]> {
  const out: RouteHandler[] = [];
  for (const file of routeFiles()) {
    const exports = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      if (typeof exports[method] === "function") out.push({ file, path: routePath(file), method, definition: endpointDefinition(exports[method]) });
    }
  }
  return out;
}
